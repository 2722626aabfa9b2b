import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { bundledMigrations, migrate } from './migrate';
import { DB_DIR_MODE, DB_FILE_MODE } from './file-modes';
import { backupsToPrune } from './backup-retention';
import { type BackupReason, BACKUP_REASONS, type BackupInfo, type RestoreResult } from '../../src-shared/backup-types';

// A backup is a copy of the database file alone: supplier secrets and deliveries in it are sealed, and the key that
// opens them (the key file or the OS keychain) is never copied, so a backup holds no secret in clear.

export const BACKUP_CORRUPT = 'backup_corrupt';
export const BACKUP_NOT_FOUND = 'backup_not_found';
export const BACKUP_NOT_SUPPLYGRID = 'backup_not_supplygrid';
export const BACKUP_NEWER_SCHEMA = 'backup_newer_schema';
export type BackupErrorCode =
  typeof BACKUP_CORRUPT | typeof BACKUP_NOT_FOUND | typeof BACKUP_NOT_SUPPLYGRID | typeof BACKUP_NEWER_SCHEMA;

/** Carries a code the renderer words (and the CLI prints), and what SQLite said when there is something to say. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    readonly detail = '',
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

export const BACKUPS_FOLDER = 'backups';
const NAME_PATTERN = /^supplygrid-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-([a-z-]+)\.db$/;

/** Backups live in `backups/` beside the database (the data folder, for the app's own database). */
export function backupsDirFor(dbFile: string): string {
  return join(dirname(dbFile), BACKUPS_FOLDER);
}

export function backupName(reason: BackupReason, at: Date): string {
  return `supplygrid-${at.toISOString().replace(/[:.]/g, '-')}-${reason}.db`;
}

function parseName(name: string): { createdAt: Date; reason: BackupReason } | null {
  const match = NAME_PATTERN.exec(name);
  if (!match || !(BACKUP_REASONS as readonly string[]).includes(match[2])) return null;
  const [date, time] = match[1].split('T');
  const [h, m, s, ms] = time.slice(0, -1).split('-');
  const createdAt = new Date(`${date}T${h}:${m}:${s}.${ms}Z`);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, reason: match[2] as BackupReason };
}

/** Newest first. Files that are not our backups (or are being written) are not listed. */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const parsed = parseName(name);
      if (!parsed) return [];
      return [
        {
          name,
          reason: parsed.reason,
          createdAt: parsed.createdAt.toISOString(),
          bytes: statSync(join(dir, name)).size,
        },
      ];
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

export interface BackupOptions {
  now?: Date;
  /** Fault injection for tests: runs on the written file before it is verified. */
  beforeVerify?: (file: string) => void;
  /** A backup the retention run after this one must not delete (the one a restore is about to copy). */
  spare?: string;
}

/** An empty 0600 file in a 0700 folder, so the copy SQLite writes into it is never readable by others, not even briefly. */
function privateTarget(dbFile: string, reason: BackupReason, now: Date): { temp: string; final: string; dir: string } {
  const dir = backupsDirFor(dbFile);
  mkdirSync(dir, { recursive: true, mode: DB_DIR_MODE });
  let at = now;
  // Two backups in one millisecond (a restore right after a backup) get distinct names.
  while (existsSync(join(dir, backupName(reason, at)))) at = new Date(at.getTime() + 1);
  const final = join(dir, backupName(reason, at));
  const temp = `${final}.partial`;
  rmSync(temp, { force: true });
  closeSync(openSync(temp, 'wx', DB_FILE_MODE));
  return { temp, final, dir };
}

/**
 * An online backup (SQLite's backup API, page by page, other readers and writers carry on), verified with
 * `integrity_check` before it is given its name; a copy that fails the check is deleted and reported.
 */
export async function backupDatabase(
  db: Database,
  reason: BackupReason,
  options: BackupOptions = {},
): Promise<BackupInfo> {
  const now = options.now ?? new Date();
  const { temp, final, dir } = privateTarget(db.name, reason, now);
  try {
    await db.backup(temp);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return keepVerified(temp, final, dir, now, options);
}

/**
 * The same, synchronously, for the one place that cannot wait: opening the database runs its migrations before it
 * returns. VACUUM INTO writes a consistent copy from a read transaction, like the backup API.
 */
export function backupDatabaseNow(db: Database, reason: BackupReason, options: BackupOptions = {}): BackupInfo {
  const now = options.now ?? new Date();
  const { temp, final, dir } = privateTarget(db.name, reason, now);
  try {
    db.prepare('VACUUM INTO ?').run(temp);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return keepVerified(temp, final, dir, now, options);
}

function keepVerified(temp: string, final: string, dir: string, now: Date, options: BackupOptions): BackupInfo {
  try {
    options.beforeVerify?.(temp);
    verifyBackupFile(temp, { standalone: true });
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  renameSync(temp, final);
  if (process.platform !== 'win32') chmodSync(final, DB_FILE_MODE);
  pruneBackups(dir, now, options.spare);
  const name = final.slice(dir.length + 1);
  return (
    listBackups(dir).find((backup) => backup.name === name) ?? {
      name,
      reason: parseName(name)!.reason,
      createdAt: parseName(name)!.createdAt.toISOString(),
      bytes: statSync(final).size,
    }
  );
}

/**
 * Throws BackupError unless `file` is an intact SupplyGrid database this version can open. `standalone` makes a
 * fresh copy self-contained (rollback journal, so it is one file and opens read-only anywhere).
 */
export function verifyBackupFile(file: string, { standalone = false } = {}): { schemaVersion: number } {
  let copy: Database;
  try {
    copy = new BetterSqlite3(file, { readonly: !standalone, fileMustExist: true });
  } catch (error) {
    throw new BackupError(BACKUP_CORRUPT, (error as Error).message);
  }
  try {
    if (standalone) copy.pragma('journal_mode = DELETE');
    const problems = (copy.pragma('integrity_check') as Array<{ integrity_check: string }>).map(
      (row) => row.integrity_check,
    );
    if (problems.length !== 1 || problems[0] !== 'ok')
      throw new BackupError(BACKUP_CORRUPT, problems.slice(0, 3).join('; '));
    const hasMigrations = copy
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`)
      .get();
    if (!hasMigrations) throw new BackupError(BACKUP_NOT_SUPPLYGRID);
    const { version } = copy.prepare('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations').get() as {
      version: number;
    };
    if (version > bundledMigrations().length) throw new BackupError(BACKUP_NEWER_SCHEMA, String(version));
    return { schemaVersion: version };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    // "file is not a database", "database disk image is malformed": corrupt, said as such.
    throw new BackupError(BACKUP_CORRUPT, (error as Error).message);
  } finally {
    copy.close();
  }
}

/** Deletes what the retention policy no longer keeps; returns the names deleted. */
export function pruneBackups(dir: string, now = new Date(), spare?: string): string[] {
  const backups = listBackups(dir).map((backup) => ({ name: backup.name, createdAt: new Date(backup.createdAt) }));
  const prune = backupsToPrune(backups, now).filter((name) => resolve(dir, name) !== spare);
  for (const name of prune) rmSync(join(dir, name), { force: true });
  return prune;
}

/** The path of a listed backup by name; never a path the caller made up (a name from IPC or the CLI is untrusted). */
export function backupFile(dbFile: string, name: string): string {
  const dir = backupsDirFor(dbFile);
  if (typeof name !== 'string' || !listBackups(dir).some((backup) => backup.name === name))
    throw new BackupError(BACKUP_NOT_FOUND, String(name));
  return join(dir, name);
}

/**
 * Replaces the live database's content with a backup's, online: the current database is backed up first (so the
 * restore can be undone), then the backup is copied into the open file through SQLite's backup API, which other
 * connections (the app, the CLI) see as one ordinary write. A backup from before a migration is migrated again.
 */
export async function restoreBackup(db: Database, file: string, options: BackupOptions = {}): Promise<RestoreResult> {
  verifyBackupFile(file);
  // The undo copy makes one more of today's backups: the retention it runs could otherwise delete the very backup
  // being restored (today's oldest kept), before it is read.
  const undo = await backupDatabase(db, 'before-restore', { ...options, spare: resolve(file) });
  const copy = onLivePageSize(db, file);
  const source = new BetterSqlite3(copy ?? file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(db.name);
  } finally {
    source.close();
    if (copy) rmSync(copy, { force: true });
  }
  migrate(db);
  return { restored: file, undo };
}

/**
 * A private copy of `file` on the live database's page size, or null when it has it already: the backup API refuses
 * (SQLITE_READONLY) to copy between page sizes into a WAL database, and files of earlier versions have 4 KiB pages
 * where a new database has 16 KiB (db/open.ts).
 */
function onLivePageSize(db: Database, file: string): string | null {
  const livePageSize = db.pragma('page_size', { simple: true }) as number;
  const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    if (source.pragma('page_size', { simple: true }) === livePageSize) return null;
    // Beside the live database's backups (0700), where the undo copy was just made: the backup's own folder may be read-only.
    const copy = join(backupsDirFor(db.name), `restoring-${process.pid}.partial`);
    rmSync(copy, { force: true });
    closeSync(openSync(copy, 'wx', DB_FILE_MODE));
    source.pragma(`page_size = ${livePageSize}`);
    source.prepare('VACUUM INTO ?').run(copy);
    return copy;
  } finally {
    source.close();
  }
}

export const DAILY_BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Whether a daily backup is due: no backup of any kind in the last 24 hours. */
export function dailyBackupDue(dbFile: string, now = new Date()): boolean {
  // One dated in the future (made before the clock was set back) says nothing of the last 24 hours: counted, it
  // would hold off every daily backup until the clock caught up with it.
  return !listBackups(backupsDirFor(dbFile)).some((backup) => {
    const age = now.getTime() - Date.parse(backup.createdAt);
    return age >= 0 && age < DAILY_BACKUP_INTERVAL_MS;
  });
}
