import { createHmac } from 'node:crypto';
import { hexDigestMatches } from '../shared/digest';

export type SeagmParams = Record<string, string>;

/*
 * Is the signed string URL-encoded? No: SupplyGrid signs the decoded values, `k=v` joined with `&`, as the server
 * reads them after decoding the query string and form body. The evidence:
 *
 * - SEAGM's own doc (../shared/upstream-docs/seagm.txt, "SIGNED Endpoint security", "Examples", "PAYMENT ORDER
 *   CALLBACK"): totalParams is "the query string concatenated with the request body, Key sort", and the callback
 *   rule is "sorted ... form a queryString, for example: a=1&b=34". Every worked example signs the literal text
 *   (`echo -n "buy_amount=2&timestamp=1645084639&type_id=1&uid=10001" | openssl dgst -sha256 -hmac …`); no step
 *   encodes anything. The only example value that an encoder would change is in the callback, and it is shown raw:
 *   "title":"HipVanS$30 HipVan" (a space and a `$`). Every request example has ASCII-safe values only, for which
 *   both readings give the same bytes, so the examples cannot be checked against an encoded reading at all.
 * - Public clients on GitHub (found by code search): officetoufiqur/seagm app/Helpers/SeagmHelper.php, a Laravel shop that
 *   syncs SEAGM's live catalog, signs `urldecode(http_build_query($params))` after ksort: it URL-encodes and then
 *   deliberately decodes again, i.e. raw values. A TypeScript supplier module written from doc.openapi.seagm.io
 *   joins `${k}=${v}` raw. Against that, rrq/seagm (also published as Qeon-Digital-House/seagm, src/SeaGm.php) signs
 *   plain `http_build_query` (encoded, space as "+") and a small Python client signs `urlencode(...)`; but both sign
 *   only ASCII ids and digits (uid, timestamp, type_id, buy_amount, mch_order_id, query_type), where encoded and raw
 *   are identical, and rrq's README contradicts the doc elsewhere (status 10004 "Failed", 10005 "Refunded"), so
 *   neither shows what SEAGM's server does with a value that encoding changes.
 * - Signing decoded values is also the only reading that survives transport: the same parameter may arrive as
 *   `a+b`, `a%20b` or in a form body, and a server can only check what it decodes.
 *
 * So values with `@`, spaces, `+`, `&` or Chinese (a top-up's buyer fields) go into the signed string as they are;
 * the URL and form body still carry them percent-encoded.
 */

/**
 * SEAGM's `totalParams`: every parameter of the request, query and body together, `signature` left out,
 * sorted by key and joined as `k=v&k=v` with the values decoded (see above). The server reads the query string
 * first when a key is in both, so the signed value must be the query's.
 */
export function totalParams(query: SeagmParams, body: SeagmParams = {}): string {
  const merged: SeagmParams = { ...body, ...query };
  delete merged.signature;
  return sortedPairs(merged);
}

/** HMAC-SHA256 of totalParams keyed by the secretKey (case sensitive), as lowercase hex. */
export function seagmSignature(secretKey: string, query: SeagmParams, body: SeagmParams = {}): string {
  return hmacHex(secretKey, totalParams(query, body));
}

/**
 * "The signature is not case sensitive" (SEAGM's doc): any case of the right hex digest is accepted, compared in
 * constant time. SupplyGrid itself always sends lowercase.
 */
export function seagmSignatureMatches(expected: string, given: string): boolean {
  return hexDigestMatches(expected, given.toLowerCase());
}

/**
 * The order callback's check, by the doc's rule: every field but `signature`, ksorted, `k=v&…` of the values as
 * received (numbers as their decimal text, as PHP turns them into strings), HMAC-SHA256 keyed by the secretKey.
 * A field holding a list or an object has no documented text form, so a callback with one cannot be vouched for.
 */
export function seagmCallbackSignatureValid(secretKey: string, callback: Record<string, unknown>): boolean {
  const given = callback.signature;
  if (typeof given !== 'string' || given === '') return false;
  const fields: SeagmParams = {};
  for (const [key, value] of Object.entries(callback)) {
    if (key === 'signature') continue;
    if (value === null || value === undefined) fields[key] = '';
    else if (typeof value === 'string' || typeof value === 'number') fields[key] = String(value);
    else if (typeof value === 'boolean') fields[key] = value ? '1' : '';
    else return false;
  }
  return seagmSignatureMatches(hmacHex(secretKey, sortedPairs(fields)), given);
}

function sortedPairs(params: SeagmParams): string {
  // PHP's ksort on ASCII keys is plain byte order, which is what a default sort gives for ASCII strings.
  return Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

function hmacHex(secretKey: string, text: string): string {
  return createHmac('sha256', secretKey).update(text, 'utf8').digest('hex');
}
