import { createHash, timingSafeEqual } from 'node:crypto';

/** md5 of `data` (text as UTF-8, or the exact bytes), as lowercase hex. */
export function md5Hex(data: string | Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

/**
 * Whether `given` is exactly the digest `expected` (lowercase hex), compared in constant time. Only the lowercase
 * hex form of the same length counts; a supplier whose signatures are case-insensitive lowercases `given` first.
 */
export function hexDigestMatches(expected: string, given: string): boolean {
  if (expected.length === 0 || given.length !== expected.length || !/^[0-9a-f]+$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, 'latin1'), Buffer.from(given, 'latin1'));
}
