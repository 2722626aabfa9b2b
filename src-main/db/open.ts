import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { backupDatabaseNow } from './backup-store';
import { DB_DIR_MODE, DB_FILE_MODE } from './file-modes';
import { migratesExistingData, migrate } from './migrate';
import { recordRunOwnership } from './run-owners';

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
}

/** Opens (creating if needed) a SupplyGrid database, in WAL mode, migrated to the current schema. */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const onDisk = file !== ':memory:' && file !== '';
  if (onDisk) createPrivately(file);
  const db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  // First, so that another process opening the same file (the app and the CLI) waits instead of failing.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only a power loss can lose the last commit.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // A migration rewrites tables (011 rebuilt sync_runs): the data as it was is kept in backups/ first.
  if (onDisk && migratesExistingData(db)) backupDatabaseNow(db, 'migration');
  migrate(db);
  recordRunOwnership(db);
  // SQLite gives -wal and -shm the database file's mode; files an older version made with the umask's are tightened.
  if (onDisk) for (const companion of [file, `${file}-wal`, `${file}-shm`]) tightenFile(companion);
  return db;
}

/** The folder (0700) and an empty database file (0600) made before SQLite opens it, so it is never readable by others. */
export function createPrivately(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: DB_DIR_MODE });
  if (!existsSync(file)) closeSync(openSync(file, 'a', DB_FILE_MODE));
}

function tightenFile(file: string): void {
  if (process.platform === 'win32') return;
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, DB_FILE_MODE);
  } catch {
    // Gone already (a -shm removed by the last connection closing), or not ours to change: nothing to tighten.
  }
}
