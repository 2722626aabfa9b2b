import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { safeStorage } from 'electron';
import { keyFileSecretBox } from '../secrets/secret-box';

const SEALED_KEY_FILE = 'secret.key.sealed';

export interface DataKey {
  key: Buffer;
  sealedBy: 'os-keychain' | 'key-file';
  warning: string | null;
}

/**
 * The data key that seals supplier secrets, itself sealed by the OS keychain (Keychain, DPAPI, libsecret) through
 * safeStorage, which only the main process may call. The services run in a worker and get the key, not the API.
 * Where no keychain is available (a bare Linux session), falls back to the user-only key file and says so.
 */
export function osKeychainDataKey(dataDir: string): DataKey {
  const linuxWithoutKeyring = process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || linuxWithoutKeyring) {
    const box = keyFileSecretBox(dataDir);
    const key = Buffer.from(readFileSync(join(dataDir, 'secret.key'), 'utf8').trim(), 'base64');
    return { key, sealedBy: 'key-file', warning: box.warning };
  }
  const path = join(dataDir, SEALED_KEY_FILE);
  if (existsSync(path)) return { key: Buffer.from(safeStorage.decryptString(readFileSync(path)), 'base64'), sealedBy: 'os-keychain', warning: null };
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
  return { key, sealedBy: 'os-keychain', warning: null };
}
