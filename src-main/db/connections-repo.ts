import type { Database } from 'better-sqlite3';

export interface StoredConnection {
  id: string;
  kind: string;
  name: string;
  settings: Record<string, unknown>;
  secretsBlob: Buffer | null;
  sealedBy: string;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string; kind: string; name: string; settings_json: string; secrets_blob: Buffer | null; sealed_by: string; created_at: string; updated_at: string;
}

const fromRow = (row: Row): StoredConnection => ({
  id: row.id, kind: row.kind, name: row.name, settings: JSON.parse(row.settings_json), secretsBlob: row.secrets_blob,
  sealedBy: row.sealed_by, createdAt: row.created_at, updatedAt: row.updated_at,
});

export function listStoredConnections(db: Database): StoredConnection[] {
  return (db.prepare('SELECT * FROM supplier_connections ORDER BY created_at, id').all() as Row[]).map(fromRow);
}

export function getStoredConnection(db: Database, id: string): StoredConnection | null {
  const row = db.prepare('SELECT * FROM supplier_connections WHERE id = ?').get(id) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function upsertStoredConnection(db: Database, connection: Omit<StoredConnection, 'createdAt' | 'updatedAt'>): void {
  const now = new Date().toISOString();
  db.prepare(`INSERT INTO supplier_connections (id, kind, name, settings_json, secrets_blob, sealed_by, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, settings_json = excluded.settings_json,
      secrets_blob = excluded.secrets_blob, sealed_by = excluded.sealed_by, updated_at = excluded.updated_at`)
    .run(connection.id, connection.kind, connection.name, JSON.stringify(connection.settings), connection.secretsBlob, connection.sealedBy, now, now);
}

export function deleteStoredConnection(db: Database, id: string): boolean {
  return db.prepare('DELETE FROM supplier_connections WHERE id = ?').run(id).changes > 0;
}
