import { createHmac, timingSafeEqual } from 'node:crypto';

export type SeagmParams = Record<string, string>;

/**
 * SEAGM's `totalParams`: every parameter of the request, query and body together, `signature` left out,
 * sorted by key and joined as `k=v&k=v`. The server reads the query string first when a key is in both,
 * so the signed value must be the query's. Values go in as sent, not URL-encoded: the doc's examples show
 * raw values, and every parameter SupplyGrid sends is plain ASCII anyway.
 */
export function totalParams(query: SeagmParams, body: SeagmParams = {}): string {
  const merged: SeagmParams = { ...body, ...query };
  delete merged.signature;
  // PHP's ksort on ASCII keys is plain byte order, which is what a default sort gives for ASCII strings.
  return Object.keys(merged).sort().map((key) => `${key}=${merged[key]}`).join('&');
}

/** HMAC-SHA256 of totalParams keyed by the secretKey (case sensitive), as lowercase hex. */
export function seagmSignature(secretKey: string, query: SeagmParams, body: SeagmParams = {}): string {
  return createHmac('sha256', secretKey).update(totalParams(query, body)).digest('hex');
}

/** Constant-time; only the 64-hex lowercase form counts, which is what SupplyGrid always sends. */
export function signatureMatches(expected: string, given: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}
