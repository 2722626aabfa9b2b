import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import {
  BackupError,
  backupDatabase,
  backupFile,
  backupsDirFor,
  listBackups,
  restoreBackup,
} from '../../db/backup-store';
import type { BackupInfo } from '../../../src-shared/backup-types';
import { acquireSyncLock, releaseSyncLock } from '../../db/sync-lock';
import { pad, syncingElsewhere, type Output } from '../output';

function line(backup: BackupInfo): string {
  return `${pad(backup.name, 60)} ${backup.createdAt}  ${pad(backup.reason, 15)} ${(backup.bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** `supplygrid backup`: a verified online backup into backups/ beside the database. */
export async function backupCommand(db: Database, args: { json?: boolean }, output: Output): Promise<number> {
  return reportingBackupErrors(output, async () => {
    const backup = await backupDatabase(db, 'manual');
    if (args.json) output.json(backup);
    else output.out(`Backed up and verified: ${backupsDirFor(db.name)}/${backup.name}`);
    return 0;
  });
}

/** `supplygrid backups`: what backups/ holds, newest first (what the retention policy keeps). */
export function backupsCommand(db: Database, args: { json?: boolean }, output: Output): number {
  const backups = listBackups(backupsDirFor(db.name));
  if (args.json) output.json(backups);
  else if (backups.length === 0) output.out(`No backup yet in ${backupsDirFor(db.name)}.`);
  else for (const backup of backups) output.out(line(backup));
  return 0;
}

/**
 * `supplygrid restore FILE`: FILE is a backup's name in backups/ or a path to one. The current database is backed
 * up first, and the command says how to undo.
 */
export async function restoreCommand(
  db: Database,
  args: { file?: string; json?: boolean },
  output: Output,
): Promise<number> {
  if (!args.file) {
    output.err('supplygrid restore: name the backup: supplygrid restore FILE (see `supplygrid backups`)');
    return 2;
  }
  const named = args.file;
  // Held for the restore: a sync the app or another command started meanwhile would commit over the restored data.
  const syncing = acquireSyncLock(db, 'cli');
  if (syncing) {
    output.err(`supplygrid restore: ${syncingElsewhere(syncing)}; stop it first`);
    return 1;
  }
  try {
    return await reportingBackupErrors(output, async () => {
      const file = existsSync(named) ? resolve(named) : backupFile(db.name, basename(named));
      const result = await restoreBackup(db, file);
      if (args.json) output.json(result);
      else
        output.out(
          `Restored ${file}. The database as it was is in ${result.undo.name}: \`supplygrid restore ${result.undo.name}\` undoes this.`,
        );
      return 0;
    });
  } finally {
    releaseSyncLock(db, 'cli');
  }
}

async function reportingBackupErrors(output: Output, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    output.err(`supplygrid: ${BACKUP_ERROR_TEXT[error.code]}${error.detail ? ` (${error.detail})` : ''}`);
    return 1;
  }
}

const BACKUP_ERROR_TEXT: Record<BackupError['code'], string> = {
  backup_corrupt: 'the backup failed its integrity check (a new one that fails it is deleted, never kept)',
  backup_not_found: 'no such backup',
  backup_not_supplygrid: 'that file is not a SupplyGrid database',
  backup_newer_schema: 'that backup was written by a newer version of SupplyGrid',
};
