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

/** The page size of a database file this app creates (see openDatabase). */
export const PAGE_SIZE_BYTES = 16_384;

/** Opens (creating if needed) a SupplyGrid database, in WAL mode, migrated to the current schema. */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const onDisk = file !== ':memory:' && file !== '';
  if (onDisk) createPrivately(file);
  const db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  // First, so that another process opening the same file (the app and the CLI) waits instead of failing.
  db.pragma('busy_timeout = 5000');
  // An offer row is ~1 KB of JSON, and a sync writes tens of thousands in a row (staged, stored, logged): 16 KiB
  // pages cut the CPU of storing a 46k-offer listing by a third against 4 KiB (per-page b-tree, cache and WAL-frame
  // work), while a grid page still reads a handful of pages. Only a file without a page yet takes them: WAL mode cannot
  // change an existing file's.
  if ((db.pragma('page_count', { simple: true }) as number) === 0) db.pragma(`page_size = ${PAGE_SIZE_BYTES}`);
  // A migration rewrites tables (011 rebuilt sync_runs): the data as it was is kept in backups/ first. Before the TEMP
  // page size below: VACUUM INTO writes on the connection's last page size asked for, and a copy on other pages than
  // the file's could not be restored into it as it is.
  if (onDisk && migratesExistingData(db)) backupDatabaseNow(db, 'migration');
  // Where a sync stages its listing: 16 KiB pages in an older file too.
  db.pragma(`temp.page_size = ${PAGE_SIZE_BYTES}`);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only a power loss can lose the last commit.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
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
