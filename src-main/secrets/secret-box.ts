import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { codedText } from '../../src-shared/coded-issue';

/**
 * Seals secrets at rest with AES-256-GCM under one data key. Where that key lives is the difference between
 * the app (sealed by the OS keychain through Electron safeStorage) and the CLI (a user-only key file).
 */
export interface SecretBox {
  readonly sealedBy: 'os-keychain' | 'key-file';
  /** Said once to the merchant when this box is weaker than the OS keychain; null when there is nothing to say. */
  readonly warning: string | null;
  /**
   * A fingerprint of the data key (not the key: an HMAC under it), stored beside what it seals, so a secret sealed
   * under another key is recognised without trying to open it.
   */
  readonly keyId: string;
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

/** The user-only key file every entry point shares (the app adopts it when it first seals a key with the keychain). */
export const KEY_FILE = 'secret.key';
const MAGIC = Buffer.from('SG1');
const KEY_BYTES = 32;

export function dataKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('SupplyGrid data key id v1').digest('hex').slice(0, 16);
}

export function aesSecretBox(key: Buffer, sealedBy: SecretBox['sealedBy'], warning: string | null = null): SecretBox {
  if (key.length !== KEY_BYTES) throw new Error('a SupplyGrid data key is 32 bytes');
  return {
    sealedBy,
    warning,
    keyId: dataKeyId(key),
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

/**
 * Puts `data` at `path` whole or not at all, and only if nothing is there yet: written to a private temporary file
 * (0600) and flushed to disk first, then hard-linked into place, which fails when the name exists. Returns false
 * when another process got there first (its file is then complete: the link appears only after the flush).
 */
export function createFileExclusive(path: string, data: Buffer | string): boolean {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    try {
      linkSync(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // File systems without hard links (FAT, some network shares): still an exclusive create, copied from the
      // flushed file.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
      try {
        copyFileSync(temp, path, constants.COPYFILE_EXCL);
      } catch (copyError) {
        if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw copyError;
      }
    }
    syncDirectory(dir);
    return true;
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Makes a new name in `dir` survive a power cut (POSIX; Windows cannot open a folder for this). */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort: some file systems refuse fsync on a directory.
  }
}

/** The data key in a key file, or null when there is no such file. Refuses a file that is not exactly one key. */
export function readKeyFile(path: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${path} is not a SupplyGrid key file (expected 32 bytes of base64)`);
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return key;
}

/**
 * The data key kept in a file only the user can read (0600), created on first use. Two processes creating it at
 * once both end up with the one that landed first; a crash while creating it never leaves a truncated key.
 */
export function loadOrCreateKeyFile(path: string): Buffer {
  const existing = readKeyFile(path);
  if (existing) return existing;
  const key = randomBytes(KEY_BYTES);
  if (createFileExclusive(path, key.toString('base64'))) return key;
  const winner = readKeyFile(path);
  if (!winner) throw new Error(`${path} vanished while it was being created`);
  return winner;
}

export interface KeyFileDataKey {
  key: Buffer;
  path: string;
  warning: string;
}

/**
 * Anyone who can read the user's files can read the key file, so the merchant is told so; it still keeps
 * secrets out of the database (and its backups), out of logs and out of anything copied from the database alone.
 */
export function keyFileDataKey(dataDir: string): KeyFileDataKey {
  const path = join(dataDir, KEY_FILE);
  return {
    key: loadOrCreateKeyFile(path),
    path,
    // Worded by the renderer (settings dictionary, `secrets.keyFile`).
    warning: codedText('secrets.keyFile', { path }),
  };
}

export function keyFileSecretBox(dataDir: string): SecretBox {
  const { key, warning } = keyFileDataKey(dataDir);
  return aesSecretBox(key, 'key-file', warning);
}
