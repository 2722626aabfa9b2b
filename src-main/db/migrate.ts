import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/**
 * The migrations shipped with the app: `NNN_name.sql` beside this module in the source tree, copied next
 * to the bundle by electron.vite.config.ts so the same lookup works in both places.
 */
export function bundledMigrations(dir: string = fileURLToPath(new URL('./migrations/', import.meta.url))): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: FILE_PATTERN.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2],
      sql: readFileSync(`${dir}/${file}`, 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1)
      throw new Error(
        `migration numbers must run 001, 002, … without gaps; found ${migration.version} at position ${index + 1}`,
      );
  });
  return migrations;
}

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * Whether opening would migrate a database that already holds data (a new, empty one has nothing to lose): a
 * backup is taken first (open.ts).
 */
export function migratesExistingData(db: Database, migrations: Migration[] = bundledMigrations()): boolean {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!table) return false;
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((row) => row.version),
  );
  return applied.size > 0 && migrations.some((migration) => !applied.has(migration.version));
}

/**
 * Applies pending migrations, each in its own write-locked transaction, and records them. A recorded migration whose
 * text changed since it ran is an error: the schema it describes is no longer the schema on disk.
 */
export function migrate(db: Database, migrations: Migration[] = bundledMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map<number, { name: string; checksum: string }>();
  for (const row of db.prepare('SELECT version, name, checksum FROM schema_migrations').all() as Array<{
    version: number;
    name: string;
    checksum: string;
  }>) {
    applied.set(row.version, row);
  }
  const known = new Set(migrations.map((m) => m.version));
  for (const version of applied.keys()) {
    if (!known.has(version))
      throw new Error(
        `database has migration ${version}, which this version of SupplyGrid does not know: it was written by a newer version`,
      );
  }
  const ran: number[] = [];
  for (const migration of migrations) {
    const sum = checksum(migration.sql);
    const done = applied.get(migration.version);
    if (done) {
      if (done.checksum !== sum) {
        throw new Error(
          `migration ${String(migration.version).padStart(3, '0')}_${migration.name} was edited after it was applied; add a new migration instead`,
        );
      }
      continue;
    }
    // IMMEDIATE takes the write lock before looking: when the app and the CLI open a new database at the same
    // moment, the second waits (busy_timeout), then sees the migration recorded and skips it.
    const appliedHere = db
      .transaction(() => {
        if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version)) return false;
        try {
          db.exec(migration.sql);
        } catch (error) {
          // SQLite's words alone ("UNIQUE constraint failed: …") say neither that an upgrade failed nor what is left.
          throw new Error(
            `migration ${String(migration.version).padStart(3, '0')}_${migration.name} failed and was rolled back (${(error as Error).message}); the database is as it was before it, and a copy from before the upgrade is in backups/`,
            { cause: error },
          );
        }
        db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(
          migration.version,
          migration.name,
          sum,
          new Date().toISOString(),
        );
        return true;
      })
      .immediate();
    if (appliedHere) ran.push(migration.version);
  }
  return ran;
}
