import { createHmac } from 'node:crypto';
import { hexDigestMatches } from '../shared/digest';

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

/**
 * "The signature is not case sensitive" (SEAGM's doc): any case of the right hex digest is accepted, compared in
 * constant time. SupplyGrid itself always sends lowercase.
 */
export function seagmSignatureMatches(expected: string, given: string): boolean {
  return hexDigestMatches(expected, given.toLowerCase());
}
