import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { createFileExclusive, KEY_FILE, keyFileDataKey, readKeyFile } from '../secrets/secret-box';
import { codedText } from '../../src-shared/coded-issue';

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
 *
 * There is one data key per data folder, whoever made it: when the keychain first seals a key and the browser
 * preview (or an app without a keyring) already made the key file, the app adopts that key, so every secret
 * saved so far stays readable.
 */
export function osKeychainDataKey(dataDir: string): DataKey {
  const linuxWithoutKeyring =
    process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || linuxWithoutKeyring) {
    const { key, warning } = keyFileDataKey(dataDir);
    return { key, sealedBy: 'key-file', warning };
  }
  const path = join(dataDir, SEALED_KEY_FILE);
  const keyFile = join(dataDir, KEY_FILE);
  let key = unsealKey(path);
  if (!key) {
    const candidate = readKeyFile(keyFile) ?? randomBytes(32);
    // Two app instances starting at once both end up with the key that landed first.
    key = createFileExclusive(path, safeStorage.encryptString(candidate.toString('base64')))
      ? candidate
      : unsealKey(path);
    if (!key) throw new Error(`${path} vanished while it was being created`);
  }
  return { key, sealedBy: 'os-keychain', warning: sameKeyInFile(keyFile, key) };
}

function unsealKey(path: string): Buffer | null {
  let sealed: Buffer;
  try {
    sealed = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let text: string;
  try {
    text = safeStorage.decryptString(sealed);
  } catch (error) {
    throw new Error(
      `the operating system keychain could not unseal ${path}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${path} does not hold a SupplyGrid data key (expected 32 bytes)`);
  return key;
}

/** An adopted key still sits in the key file beside its sealed copy: then the keychain alone does not protect it. */
function sameKeyInFile(keyFile: string, key: Buffer): string | null {
  let fileKey: Buffer | null;
  try {
    fileKey = readKeyFile(keyFile);
  } catch {
    return null;
  }
  if (!fileKey?.equals(key)) return null;
  // Worded by the renderer (settings dictionary, `secrets.alsoInFile`).
  return codedText('secrets.alsoInFile', { path: keyFile });
}
