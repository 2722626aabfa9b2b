import { decodeCodedIssue } from '../../src-shared/coded-issue';
import { ConfigError } from '../config/json-file';
import { CanceledError, IncompleteCatalogError, SupplierError } from '../http/errors';
import type { ConnectionFailureCause } from '../../src-shared/connection-types';

const TLS_CODES =
  /\b(EPROTO|ERR_SSL_[A-Z_]+|ERR_TLS_[A-Z_]+|CERT_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_[A-Z_]+)\b/;

/** Dujiao-Next and MeSIM (dujiao-next-behaviour.md), SEAGM's info codes (seagm.txt), the BillionConnect simulator's clock code. */
const CREDENTIAL_CODES = new Set([
  'invalid_api_key',
  'invalid_signature',
  'missing_auth_headers',
  '20035',
  '20037',
  '20038',
  '10401',
  '10409',
  '401',
  '403',
]);
const DISABLED_CODES = new Set(['user_disabled', '20049', '20050', '10403']);
const CLOCK_CODES = new Set(['timestamp_expired', 'invalid_timestamp', '10408', '20039', '1011']);
/** BillionConnect answers 1003 for any parameter error, a bad signature included (billionconnect-fields.md). */
const BC_PARAMETER_ERROR = '1003';

/**
 * Sorts what a connection test threw into a cause. `throttledFor` is set when the test was stopped because the
 * account's request budget had to wait (a 429, or a sync using the same account's limit).
 */
export function connectionFailureCause(
  error: unknown,
  options: { throttledFor?: boolean } = {},
): ConnectionFailureCause {
  if (options.throttledFor) return 'rateLimited';
  if (error instanceof ConfigError)
    return /@secret\.|secrets unreadable/.test(error.message) ? 'secretAgain' : 'fields';
  if (error instanceof CanceledError) return 'timeout';
  if (error instanceof IncompleteCatalogError) return 'incomplete';
  if (!(error instanceof SupplierError)) return 'unknown';
  const { code, message } = error;
  if (code === 'network_error') {
    // The system's code, as the transport put it in its message (transport.connectFailed).
    const system = decodeCodedIssue(message)?.params.code ?? '';
    if (/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)$/.test(system)) return 'dns';
    if (system === 'ECONNREFUSED') return 'refused';
    if (TLS_CODES.test(system)) return 'tls';
    if (/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|ESOCKETTIMEDOUT)$/.test(system)) return 'timeout';
    return 'network';
  }
  if (code === 'timeout') return 'timeout';
  if (code === 'rate_limited') return 'rateLimited';
  if (code === 'ip_banned') return 'ipBanned';
  if (code === 'redirect_refused') return 'redirect';
  if (code === 'server_error') return 'serverError';
  // BillionConnect says nothing of the time, but its refusal carries our hint when the server's clock differs.
  if (CLOCK_CODES.has(code) || /(^|; )@supplier\.hint\.clock/.test(message)) return 'clock';
  if (DISABLED_CODES.has(code)) return 'accountDisabled';
  if (CREDENTIAL_CODES.has(code)) return 'credentials';
  if (code === BC_PARAMETER_ERROR) return 'credentialsOrSalesMethod';
  // Linksfield's login answers its generic error code with a refusal: the account's email, password or partner code.
  if (decodeCodedIssue(message)?.code === 'supplier.loginRefused') return 'credentials';
  if (code === 'http_error' || code === 'http_404' || code === 'bad_response' || error.httpStatus === 404)
    return 'wrongAddress';
  if (
    code === 'malformed_page' ||
    code === 'response_too_large' ||
    code === 'too_deep' ||
    code === 'implausible_listing'
  )
    return 'badAnswer';
  return 'unknown';
}
