import type { Database } from 'better-sqlite3';

export interface StoredConnection {
  id: string;
  kind: string;
  name: string;
  settings: Record<string, unknown>;
  secretsBlob: Buffer | null;
  sealedBy: string;
  /** The secret fields that hold a value (names only); null for a row saved before this was recorded. */
  secretsSet: string[] | null;
  /** Fingerprint of the data key that sealed the blob; null for a row saved before this was recorded. */
  keyId: string | null;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  kind: string;
  name: string;
  settings_json: string;
  secrets_blob: Buffer | null;
  sealed_by: string;
  secrets_set: string | null;
  key_id: string | null;
  created_at: string;
  updated_at: string;
}

const fromRow = (row: Row): StoredConnection => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  settings: JSON.parse(row.settings_json),
  secretsBlob: row.secrets_blob,
  sealedBy: row.sealed_by,
  secretsSet: row.secrets_set === null ? null : (JSON.parse(row.secrets_set) as string[]),
  keyId: row.key_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function listStoredConnections(db: Database): StoredConnection[] {
  return (db.prepare('SELECT * FROM supplier_connections ORDER BY created_at, id').all() as Row[]).map(fromRow);
}

export function getStoredConnection(db: Database, id: string): StoredConnection | null {
  const row = db.prepare('SELECT * FROM supplier_connections WHERE id = ?').get(id) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function upsertStoredConnection(
  db: Database,
  connection: Omit<StoredConnection, 'createdAt' | 'updatedAt'>,
): void {
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO supplier_connections (id, kind, name, settings_json, secrets_blob, sealed_by, secrets_set, key_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, settings_json = excluded.settings_json,
      secrets_blob = excluded.secrets_blob, sealed_by = excluded.sealed_by, secrets_set = excluded.secrets_set, key_id = excluded.key_id,
      updated_at = excluded.updated_at`,
  ).run(
    connection.id,
    connection.kind,
    connection.name,
    JSON.stringify(connection.settings),
    connection.secretsBlob,
    connection.sealedBy,
    connection.secretsSet === null ? null : JSON.stringify(connection.secretsSet),
    connection.keyId,
    now,
    now,
  );
}

/**
 * Fills in what a row saved before migration 006 lacks, once a process could open its blob. Only while the blob is
 * still the one that was opened: a save in between wins.
 */
export function recordSecretsMeta(db: Database, id: string, blob: Buffer, secretsSet: string[], keyId: string): void {
  db.prepare('UPDATE supplier_connections SET secrets_set = ?, key_id = ? WHERE id = ? AND secrets_blob = ?').run(
    JSON.stringify(secretsSet),
    keyId,
    id,
    blob,
  );
}

export function deleteStoredConnection(db: Database, id: string): boolean {
  return db.prepare('DELETE FROM supplier_connections WHERE id = ?').run(id).changes > 0;
}
