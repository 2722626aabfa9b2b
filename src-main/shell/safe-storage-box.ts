import { safeStorage } from 'electron';
import { keyFileSecretBox, type SecretBox } from '../secrets/secret-box';

/**
 * Secrets sealed by the OS keychain (Keychain, DPAPI, libsecret/kwallet) through Electron's safeStorage.
 * Where no keychain is available (a bare Linux session), falls back to the key file and says so.
 */
export function safeStorageSecretBox(dataDir: string): SecretBox {
  if (!safeStorage.isEncryptionAvailable() || (process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text')) {
    return keyFileSecretBox(dataDir);
  }
  return {
    sealedBy: 'os-keychain',
    warning: null,
    seal: (plain) => safeStorage.encryptString(plain),
    open: (sealed) => safeStorage.decryptString(sealed),
  };
}
