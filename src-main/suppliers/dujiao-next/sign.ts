import { createHmac } from 'node:crypto';
import { md5Hex } from '../shared/digest';

export const EMPTY_BODY_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

/**
 * Dujiao-Next upstream signature: HMAC-SHA256 over `METHOD\nPATH\nTIMESTAMP\nmd5hex(body)`, lowercase hex.
 * PATH has no query string; the body is hashed exactly as sent (empty for GET).
 */
export function dujiaoSignature(
  secret: string,
  method: string,
  path: string,
  timestamp: string | number,
  body: string | Buffer = '',
): string {
  const bodyMd5 = md5Hex(body);
  const signString = `${method.toUpperCase()}\n${path}\n${timestamp}\n${bodyMd5}`;
  return createHmac('sha256', secret).update(signString).digest('hex');
}

export function dujiaoHeaders(
  apiKey: string,
  apiSecret: string,
  method: string,
  path: string,
  timestampSeconds: number,
  body: string | Buffer = '',
): Record<string, string> {
  return {
    'Dujiao-Next-Api-Key': apiKey,
    'Dujiao-Next-Timestamp': String(timestampSeconds),
    'Dujiao-Next-Signature': dujiaoSignature(apiSecret, method, path, timestampSeconds, body),
  };
}
