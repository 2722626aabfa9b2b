import { createHash } from 'node:crypto';

export const SIGN_METHOD = 'md5';

/**
 * BillionConnect's x-sign-value: md5(appSecret + body), lowercase hex. The body is hashed as the exact bytes
 * that travel, never a re-serialization: JSON key order or spacing would change the digest.
 */
export function signBody(appSecret: string, body: string | Buffer): string {
  return createHash('md5').update(appSecret, 'utf8').update(body).digest('hex');
}

/** The headers that authenticate one request; `body` must be the bytes that are sent. */
export function signedHeaders(appKey: string, appSecret: string, body: Buffer): Record<string, string> {
  return {
    'content-type': 'application/json;charset=UTF-8',
    'x-channel-id': appKey,
    'x-sign-method': SIGN_METHOD,
    'x-sign-value': signBody(appSecret, body),
  };
}
