import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The simulated server's own reading of SEAGM's signing rule, written from the doc and not from the client's sign.ts,
 * so a client that signs anything but what the doc says is refused here: the parameters as the server decoded them
 * (query string over form body), `signature` left out, keys in byte order (PHP's ksort), `key=value` joined by `&`
 * with the values as decoded, HMAC-SHA256 with the secretKey, hex in any case.
 */

export function docSignedText(params: Iterable<[string, string]>): string {
  const pairs = [...params].filter(([key]) => key !== 'signature');
  pairs.sort(([a], [b]) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  let text = '';
  for (const [key, value] of pairs) text += `${text ? '&' : ''}${key}=${value}`;
  return text;
}

export function docSignature(secretKey: string, params: Iterable<[string, string]>): string {
  return createHmac('sha256', Buffer.from(secretKey, 'utf8'))
    .update(Buffer.from(docSignedText(params), 'utf8'))
    .digest('hex');
}

export function docSignatureAccepts(secretKey: string, params: Iterable<[string, string]>, given: string): boolean {
  const expected = Buffer.from(docSignature(secretKey, params), 'latin1');
  const offered = Buffer.from(given.toLowerCase(), 'latin1');
  return expected.length === offered.length && timingSafeEqual(expected, offered);
}

/** A callback body as the doc's example shows it, signed over its fields' text (numbers as their decimal text). */
export function signedCallback(
  secretKey: string,
  fields: Record<string, string | number>,
): Record<string, string | number> {
  const signature = docSignature(
    secretKey,
    Object.entries(fields).map(([key, value]) => [key, String(value)]),
  );
  return { ...fields, signature };
}
