import { z } from 'zod';
import { SupplierError } from '../../http/errors';
import type { HttpResponse } from '../../http/transport';
import { parseJson } from '../../http/transport';

export const FMS_OK = 0;
export const FMS_BAD_PARAMS = 2;
export const FMS_TOKEN_EXPIRED = 7;
export const FMS_ERROR = 9999;

/** The codes linksfield-fields.md lists, worded for a merchant reading a sync error. */
export const FMS_CODE_MEANINGS: Readonly<Record<number, string>> = {
  2: 'bad parameters',
  7: 'login token expired',
  1102: 'time conversion error',
  3004: 'order system error',
  3005: 'QR code missing',
  6006: 'pre-order timed out',
  9999: 'general error',
  10008: 'order does not exist',
  10009: 'price differs from the pre-order',
};

export interface FmsEnvelope {
  code: number;
  data: unknown;
  message: string;
}

const envelopeSchema = z.object({
  code: z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]),
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
  if (!ok) {
    const hint = response.status === 404 ? ' (is the base URL right?)' : '';
    throw new SupplierError(`${label}: HTTP ${response.status}${hint}`, `http_${response.status}`, response.status);
  }
  throw new SupplierError(`${label}: answer is not an FMS envelope {code, data, message}: ${response.text.slice(0, 120)}`, 'bad_response', response.status, true);
}

export function describeCode(code: number): string {
  const meaning = FMS_CODE_MEANINGS[code];
  return meaning ? `code ${code}: ${meaning}` : `code ${code}`;
}

/** The upstream refused: its message and code, never retried (the request itself is what it rejects). */
export function envelopeError(label: string, envelope: FmsEnvelope, httpStatus: number | null = null): SupplierError {
  const message = envelope.message.trim() || 'request refused';
  return new SupplierError(`${label}: ${message} (${describeCode(envelope.code)})`, String(envelope.code), httpStatus);
}
