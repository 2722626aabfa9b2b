import { codedTextOf } from '../../src-shared/coded-issue';

/**
 * What the transport says when an exchange fails, as codes with parameters (`@transport.connectFailed?where=…`): the
 * renderer words them from its problems dictionary (`src-renderer/i18n/problems.ts`), the CLI in the same English.
 * `where` is the request's label (connection id, method and path; never credentials or a query string). Which cause a
 * failure has for the merchant (refused, DNS, TLS…) is decided once, in services/connection-test-cause.ts.
 */
export const TRANSPORT_TEXT_CODES = [
  /** Silence for longer than the silence timeout: `limit`. */
  'transport.silence',
  /** The whole exchange took longer than one request may: `limit` ("120 s", "500 ms"). */
  'transport.deadline',
  /** The connection failed: `code` is the system's error code (ECONNREFUSED, ENOTFOUND, a TLS code) or its message. */
  'transport.connectFailed',
  'transport.rateLimited',
  /** `status`: the 5xx. */
  'transport.serverError',
  /** A redirect, never followed: `status`, `target` (the origin it points at). */
  'transport.redirect',
  /** A redirect whose target is missing or unreadable: `status`. */
  'transport.redirectNowhere',
  /** The answer announces more than one response may have: `max`, `size`. */
  'transport.tooLargeAnnounced',
  /** The answer went on past what one response may have: `max`. */
  'transport.tooLarge',
  /** Not JSON: `status`, `start` (the first characters of the answer). */
  'transport.notJson',
  /** JSON nested deeper than any real answer (MAX_JSON_DEPTH): `status`, `max`. */
  'transport.tooDeep',
  /** The supplier asked to wait (`asked`) longer than the connection waits (`longest`); `error` is what it answered. */
  'transport.waitTooLong',
] as const;

export type TransportTextCode = (typeof TRANSPORT_TEXT_CODES)[number];

export const transportText = codedTextOf(TRANSPORT_TEXT_CODES);

/** "120 s", or "500 ms" below a second: how long a limit or a wait is, in units both languages print as they are. */
export function describeDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.ceil(ms / 1000)} s`;
}

/** "32 MiB", "256 KiB", "512 B": sizes in units both languages print as they are. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} B`;
}
