import type { Database } from 'better-sqlite3';
import { deleteState, readState, writeState } from '../db/app-state';
import {
  BackupError,
  backupDatabase,
  backupFile,
  backupsDirFor,
  dailyBackupDue,
  listBackups,
  restoreBackup,
  type BackupOptions,
} from '../db/backup-store';
import type {
  BackupInfo,
  BackupReason,
  RestoreResult,
  BackupEvent,
  BackupsView,
  BackupFailure,
} from '../../src-shared/backup-types';

const FAILURE_KEY = 'backups.lastFailure';
/** How often the daily backup is looked for; it is made when the newest backup is 24 hours old. */
export const DAILY_CHECK_MS = 60 * 60 * 1000;

/** The backups of one open database, for the app, the daemon and the CLI alike. */
export class BackupService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly onEvent: (event: BackupEvent) => void = () => undefined,
  ) {}

  view(): BackupsView {
    const failure = readState(this.db, FAILURE_KEY);
    return {
      folder: backupsDirFor(this.db.name),
      backups: listBackups(backupsDirFor(this.db.name)),
      lastFailure: failure ? (JSON.parse(failure) as BackupFailure) : null,
    };
  }

  /** One backup at a time: a restore and a daily backup never interleave their copies. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.running.then(work, work);
    this.running = next.catch(() => undefined);
    return next;
  }

  /** A backup now; a failure is recorded (Settings shows it) and thrown. */
  create(reason: BackupReason, options: BackupOptions = {}): Promise<BackupInfo> {
    return this.serial(async () => {
      try {
        const backup = await backupDatabase(this.db, reason, options);
        deleteState(this.db, FAILURE_KEY);
        this.onEvent({ type: 'created', backup });
        return backup;
      } catch (error) {
        const failure: BackupFailure = {
          reason,
          at: new Date().toISOString(),
          code: error instanceof BackupError ? error.code : 'backup_failed',
          detail: error instanceof BackupError ? error.detail : (error as Error).message,
        };
        writeState(this.db, FAILURE_KEY, JSON.stringify(failure));
        this.onEvent({ type: 'failed', failure });
        throw error;
      }
    });
  }

  restore(name: string): Promise<RestoreResult> {
    return this.serial(async () => {
      const result = await restoreBackup(this.db, backupFile(this.db.name, name));
      this.onEvent({ type: 'created', backup: result.undo });
      this.onEvent({ type: 'restored', name, undo: result.undo });
      return result;
    });
  }

  /** The daily backup when due (none in the last 24 hours); null when not due. Failures are recorded, not thrown. */
  async daily(now = new Date()): Promise<BackupInfo | null> {
    if (!dailyBackupDue(this.db.name, now)) return null;
    return this.create('daily').catch(() => null);
  }

  /** Checks at once and then hourly, so a machine that sleeps or a daemon that runs for weeks still gets its daily one. */
  startDaily(): void {
    this.stopDaily();
    void this.daily();
    this.timer = setInterval(() => void this.daily(), DAILY_CHECK_MS);
    this.timer.unref();
  }

  stopDaily(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Waits for a backup or restore in progress (before the database is closed). */
  async idle(): Promise<void> {
    await this.running;
  }
}
