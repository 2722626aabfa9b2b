import { decodeCodedIssue } from '../config/coded-issue';
import { ConfigError } from '../config/json-file';
import { CanceledError, IncompleteCatalogError, SupplierError } from '../http/errors';

/**
 * Why a connection test or a sync failed, as the merchant can act on it. The renderer words each cause and what to
 * do about it; the error's own (coded) message stays beside it as the technical detail.
 */
export const CONNECTION_FAILURE_CAUSES = [
  /** The host name does not resolve (typo, or no network). */
  'dns',
  /** Nothing listens at that address and port. */
  'refused',
  /** The secure connection failed: certificate, or https:// to a server that speaks plain http. */
  'tls',
  /** No answer in time. */
  'timeout',
  /** The network dropped the connection. */
  'network',
  /** The key, secret, user id or password is not the account's. */
  'credentials',
  /** BillionConnect's catch-all refusal: wrong appKey/appSecret, or a sales method the account does not have. */
  'credentialsOrSalesMethod',
  /** The account (or its API key) is disabled, or not verified, at the supplier. */
  'accountDisabled',
  /** The supplier says the request's time is off: this computer's clock. */
  'clock',
  /** Too many requests for the account (the supplier's answer, or our pace for it while a sync runs). */
  'rateLimited',
  /** The supplier banned this IP address for a while (SEAGM's 418). */
  'ipBanned',
  /** The address answers, but not as that supplier's API (404, a web page, another service). */
  'wrongAddress',
  /** A redirect elsewhere, which is never followed with signed requests. */
  'redirect',
  /** The supplier's server failed (5xx). */
  'serverError',
  /** The form itself: a field is missing or wrong (the form shows which). */
  'fields',
  /** A stored secret has to be typed again. */
  'secretAgain',
  /** Part of the catalog could not be listed (a sync): the previous catalog is kept. */
  'incomplete',
  /** The supplier's answers cannot be read: most of a page malformed, an answer too large, a listing beyond belief. */
  'badAnswer',
  'unknown',
] as const;

export type ConnectionFailureCause = (typeof CONNECTION_FAILURE_CAUSES)[number];

const TLS_CODES = /\b(EPROTO|ERR_SSL_[A-Z_]+|ERR_TLS_[A-Z_]+|CERT_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_[A-Z_]+)\b/;

/** Dujiao-Next and MeSIM (dujiao-next-behaviour.md), SEAGM's info codes (seagm.txt), the BillionConnect simulator's clock code. */
const CREDENTIAL_CODES = new Set(['invalid_api_key', 'invalid_signature', 'missing_auth_headers', '20035', '20037', '20038', '10401', '10409', '401', '403']);
const DISABLED_CODES = new Set(['user_disabled', '20049', '20050', '10403']);
const CLOCK_CODES = new Set(['timestamp_expired', 'invalid_timestamp', '10408', '20039', '1011']);
/** BillionConnect answers 1003 for any parameter error, a bad signature included (billionconnect-fields.md). */
const BC_PARAMETER_ERROR = '1003';

/**
 * Sorts what a connection test threw into a cause. `throttledFor` is set when the test was stopped because the
 * account's request budget had to wait (a 429, or a sync using the same account's limit).
 */
export function connectionFailureCause(error: unknown, options: { throttledFor?: boolean } = {}): ConnectionFailureCause {
  if (options.throttledFor) return 'rateLimited';
  if (error instanceof ConfigError) return /@secret\.|secrets unreadable/.test(error.message) ? 'secretAgain' : 'fields';
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
  if (code === 'http_error' || code === 'http_404' || code === 'bad_response' || error.httpStatus === 404) return 'wrongAddress';
  if (code === 'malformed_page' || code === 'response_too_large' || code === 'implausible_listing') return 'badAnswer';
  return 'unknown';
}
