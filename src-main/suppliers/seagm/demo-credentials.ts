import { createHash } from 'node:crypto';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Demo credentials in SEAGM's format (a 5-digit uid, a 64-character mixed-case alphanumeric secretKey),
 * derived from a label so every run and machine gets the same ones and a saved demo config keeps working.
 */
export function seagmDemoCredentials(label: string): { uid: string; secretKey: string } {
  const uidDigest = createHash('sha256').update(`supplygrid-seagm-demo-uid:${label}`).digest();
  const uid = String(10000 + (uidDigest.readUInt32BE(0) % 90000));
  const keyDigest = createHash('sha512').update(`supplygrid-seagm-demo-secret:${label}`).digest();
  const secretKey = [...keyDigest].map((byte) => KEY_ALPHABET[byte % KEY_ALPHABET.length]).join('');
  return { uid, secretKey };
}
