import type { Database } from 'better-sqlite3';
import { deleteState, readState, writeState } from '../db/app-state';
import type { SecretBox } from '../secrets/secret-box';
import type { AlertSecretName } from '../../src-shared/alert-types';

const key = (name: AlertSecretName) => `alerts.secret.${name}` as const;

export function setAlertSecret(db: Database, box: SecretBox, name: AlertSecretName, value: string | null): void {
  if (value === null || value === '') deleteState(db, key(name));
  else writeState(db, key(name), box.seal(value).toString('base64'));
}

/** The secret in clear, for sending only; null when unset or sealed under another key. */
export function openAlertSecret(db: Database, box: SecretBox, name: AlertSecretName): string | null {
  const sealed = readState(db, key(name));
  if (!sealed) return null;
  try {
    return box.open(Buffer.from(sealed, 'base64'));
  } catch {
    return null;
  }
}

export function alertSecretsSet(db: Database): Record<AlertSecretName, boolean> {
  return { webhook: readState(db, key('webhook')) !== null, telegram: readState(db, key('telegram')) !== null };
}
