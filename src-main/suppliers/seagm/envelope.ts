import { z } from 'zod';
import { SupplierError } from '../../http/errors';
import { parseJson, type HttpResponse } from '../../http/transport';
import { parseRetryAfter } from '../../http/retry';
import { refusalText, supplierText } from '../shared/supplier-text';

const envelopeSchema = z.object({
  code: z.coerce.number(),
  msg: z.string().optional(),
  data: z.unknown().optional(),
  error_info: z
    .object({
      info_code: z.union([z.number(), z.string()]).optional(),
      info_message: z.string().optional(),
    })
    .nullish(),
});

/** The doc's ban duration for repeat rate-limit offenders starts at 30 minutes. */
export const IP_BAN_MIN_MS = 30 * 60_000;

export function ipBannedError(label: string): SupplierError {
  return new SupplierError(supplierText('supplier.ipBanned', { where: label }), 'ip_banned', 418, false);
}

/**
 * Opens SEAGM's `{code, msg, data}` envelope. Errors carry `error_info.info_message`, the only text that
 * says what actually went wrong, so it leads the message; `info_code` becomes the error's code.
 * `label` must already be free of credentials: it is the only request detail that reaches the message.
 */
export function readEnvelope(response: HttpResponse, label: string, secrets: readonly string[] = []): unknown {
  // A ban may come with any body (or none); the status alone says it.
  if (response.status === 418) throw ipBannedError(label);
  const parsed = envelopeSchema.safeParse(parseJson(response, label));
  if (!parsed.success) {
    throw new SupplierError(
      supplierText('supplier.noField', { where: label, field: 'code' }),
      'bad_response',
      response.status,
      response.status >= 500,
    );
  }
  const { code, msg, data, error_info: info } = parsed.data;
  const httpOk = response.status >= 200 && response.status < 300;
  if (httpOk && code >= 200 && code < 300) {
    if (data === undefined)
      throw new SupplierError(
        supplierText('supplier.noField', { where: label, field: 'data' }),
        'bad_response',
        response.status,
        false,
      );
    return data;
  }
  // Some gateways answer HTTP 200 and put the real status in the body: then the body's code is the status.
  const failure = httpOk ? code : response.status;
  if (failure === 418) throw ipBannedError(label);
  const what = redact(info?.info_message?.trim() || msg || '', secrets);
  const infoCode = info?.info_code !== undefined ? String(info.info_code) : null;
  const status = `${httpOk ? 'code' : 'HTTP'} ${failure}${msg ? ` ${msg}` : ''}`;
  const context = infoCode ? `SEAGM ${infoCode}; ${status}` : status;
  const retryable = failure === 429 || failure >= 500;
  const retryAfterMs = failure === 429 ? parseRetryAfter(response.headers['retry-after']) : null;
  throw new SupplierError(
    refusalText(label, what, context),
    failure === 429 ? 'rate_limited' : (infoCode ?? String(failure)),
    failure,
    retryable,
    retryAfterMs,
  );
}

/** Upstream text goes into logs and the UI; should it ever echo a credential or a signature, it must not. */
function redact(text: string, secrets: readonly string[]): string {
  let result = text.replace(/[0-9a-fA-F]{64}/g, '[signature]');
  for (const secret of secrets) if (secret) result = result.split(secret).join('[secret]');
  return result;
}
