import { existsSync, statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { readState, writeState } from '../db/app-state';
import { configHoldsSecrets, type AppConfig } from './app-config';
import type { AppNotice } from '../../src-shared/contract';

/**
 * Importing suppliers.json seals its secrets in the database, but the file itself stays where it was, in clear. The
 * merchant is told so (a notice the renderer words, until the file is gone), and the CLI says it whenever it reads one.
 */

const IMPORTED_WITH_SECRETS_KEY = 'notice.configSecretsInClear';

/** After an import: remembers that `file` held secrets, when it did. */
export function rememberImportedSecrets(db: Database, file: string, config: AppConfig): void {
  if (configHoldsSecrets(config)) writeState(db, IMPORTED_WITH_SECRETS_KEY, file);
}

/** The notices to show now: the imported file while it still exists. */
export function appNotices(db: Database): AppNotice[] {
  const file = readState(db, IMPORTED_WITH_SECRETS_KEY);
  return file && existsSync(file) ? [{ code: 'config.secretsInClear', params: { file } }] : [];
}

/** The CLI's line about a config file it read, or null when it holds no secret. */
export function secretsInClearNote(file: string, config: AppConfig): string | null {
  if (!configHoldsSecrets(config)) return null;
  let readableByOthers = false;
  try {
    readableByOthers = process.platform !== 'win32' && (statSync(file).mode & 0o044) !== 0;
  } catch {
    // Unreadable now: the plain note still holds.
  }
  return readableByOthers
    ? `note: ${file} holds supplier secrets in clear text and other users of this machine can read it: chmod 600 it, or delete it once imported`
    : `note: ${file} holds supplier secrets in clear text: keep it private, or delete it once imported`;
}
