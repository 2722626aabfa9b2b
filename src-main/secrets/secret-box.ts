import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Seals secrets at rest with AES-256-GCM under one data key. Where that key lives is the difference between
 * the app (sealed by the OS keychain through Electron safeStorage) and the CLI (a user-only key file).
 */
export interface SecretBox {
  readonly sealedBy: 'os-keychain' | 'key-file';
  /** Said once to the merchant when this box is weaker than the OS keychain; null when there is nothing to say. */
  readonly warning: string | null;
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

const KEY_FILE = 'secret.key';
const MAGIC = Buffer.from('SG1');

export function aesSecretBox(key: Buffer, sealedBy: SecretBox['sealedBy'], warning: string | null): SecretBox {
  if (key.length !== 32) throw new Error('a SupplyGrid data key is 32 bytes');
  return {
    sealedBy,
    warning,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      if (!sealed.subarray(0, 3).equals(MAGIC)) throw new Error('secret was not sealed by SupplyGrid');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(3, 15));
      decipher.setAuthTag(sealed.subarray(15, 31));
      return Buffer.concat([decipher.update(sealed.subarray(31)), decipher.final()]).toString('utf8');
    },
  };
}

/** The data key kept in a file only the user can read (0600), created on first use. */
export function loadOrCreateKeyFile(path: string): Buffer {
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path} is not a SupplyGrid key file (expected 32 bytes of base64)`);
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return key;
  }
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key.toString('base64'), { mode: 0o600 });
  return key;
}

/**
 * Anyone who can read the user's files can read the key file, so the merchant is told so; it still keeps
 * secrets out of the database (and its backups), out of logs and out of anything copied from the database alone.
 */
export function keyFileSecretBox(dataDir: string): SecretBox {
  const path = join(dataDir, KEY_FILE);
  return aesSecretBox(loadOrCreateKeyFile(path), 'key-file',
    `Supplier secrets are encrypted with a key kept in ${path} (readable only by you). The desktop app keeps that key in the operating system keychain instead.`);
}
