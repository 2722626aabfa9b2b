import { z } from 'zod';
import { SupplierError } from '../../http/errors';
import type { HttpResponse } from '../../http/transport';
import { parseJson } from '../../http/transport';
import { refusalText, supplierText, type SupplierTextCode } from '../shared/supplier-text';

export const FMS_OK = 0;
export const FMS_BAD_PARAMS = 2;
export const FMS_TOKEN_EXPIRED = 7;
export const FMS_ERROR = 9999;

/** The codes linksfield-fields.md lists: each is worded with its meaning (`supplier.fmsCode.<code>`). */
const FMS_DOCUMENTED_CODES: ReadonlySet<number> = new Set([2, 7, 1102, 3004, 3005, 6006, 9999, 10008, 10009]);

export interface FmsEnvelope {
  code: number;
  data: unknown;
  message: string;
}

const envelopeSchema = z.object({
  code: z.union([
    z.number().int(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ]),
  data: z.unknown().optional(),
  message: z.string().nullish(),
});

/**
 * Reads `{code, data, message}` whatever the HTTP status, since FMS reports its own errors inside it.
 * Anything else on an error status (a proxy page, a 404 for a wrong base URL) is not worth retrying.
 */
export function readEnvelope(response: HttpResponse, label: string): FmsEnvelope {
  const ok = response.status >= 200 && response.status < 300;
  let json: unknown;
  if (ok) {
    json = parseJson(response, label);
  } else {
    try {
      json = JSON.parse(response.text);
    } catch {
      json = undefined;
    }
  }
  const parsed = envelopeSchema.safeParse(json);
  if (parsed.success) return { code: parsed.data.code, data: parsed.data.data, message: parsed.data.message ?? '' };
  if (!ok)
    throw new SupplierError(
      supplierText('supplier.notTheApi', { where: label, status: response.status }),
      `http_${response.status}`,
      response.status,
    );
  throw new SupplierError(
    supplierText('supplier.noField', { where: label, field: 'code' }),
    'bad_response',
    response.status,
    true,
  );
}

/** An FMS code as a coded text: with its documented meaning where it has one. */
export function describeCode(code: number): string {
  return FMS_DOCUMENTED_CODES.has(code)
    ? supplierText(`supplier.fmsCode.${code}` as SupplierTextCode)
    : supplierText('supplier.fmsCode', { code });
}

/** The upstream refused: its message and code, never retried (the request itself is what it rejects). */
export function envelopeError(label: string, envelope: FmsEnvelope, httpStatus: number | null = null): SupplierError {
  return new SupplierError(
    refusalText(label, envelope.message, describeCode(envelope.code)),
    String(envelope.code),
    httpStatus,
  );
}
