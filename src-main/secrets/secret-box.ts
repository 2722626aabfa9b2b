import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Seals secrets at rest. The app uses the OS keychain (Electron safeStorage); the CLI a private key file. */
export interface SecretBox {
  readonly sealedBy: 'os-keychain' | 'key-file';
  /** Said once to the merchant when this box is weaker than the OS keychain; null when there is nothing to say. */
  readonly warning: string | null;
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

const KEY_FILE = 'secret.key';

/**
 * AES-256-GCM with a random key kept in a file only the user can read (0600). Anyone who can read the user's
 * files can read the key, so the merchant is told that; it still keeps secrets out of backups of the database,
 * out of logs and out of anything copied from the database alone.
 */
export function keyFileSecretBox(dataDir: string): SecretBox {
  const path = join(dataDir, KEY_FILE);
  let key: Buffer;
  if (existsSync(path)) {
    key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path} is not a SupplyGrid key file (expected 32 bytes of base64)`);
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  } else {
    mkdirSync(dirname(path), { recursive: true });
    key = randomBytes(32);
    writeFileSync(path, key.toString('base64'), { mode: 0o600 });
  }
  return {
    sealedBy: 'key-file',
    warning: `Supplier secrets are encrypted with a key kept in ${path} (readable only by you). ` +
      'The desktop app uses the operating system keychain instead.',
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from('SG1'), iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      if (sealed.subarray(0, 3).toString() !== 'SG1') throw new Error('secret was not sealed by a SupplyGrid key file');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(3, 15));
      decipher.setAuthTag(sealed.subarray(15, 31));
      return Buffer.concat([decipher.update(sealed.subarray(31)), decipher.final()]).toString('utf8');
    },
  };
}
