// Backups as Settings shows them: what the backups folder holds, the last automatic one that failed, and what a
// restore did (the backup that undoes it).

export const BACKUP_REASONS = ['manual', 'daily', 'migration', 'held-sync', 'before-restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface BackupInfo {
  name: string;
  reason: BackupReason;
  createdAt: string;
  bytes: number;
}

export interface RestoreResult {
  restored: string;
  /** The backup of the database as it was just before: restoring it undoes this restore. */
  undo: BackupInfo;
}

/** An automatic backup that could not be made or failed its check: shown in Settings until one succeeds. */
export interface BackupFailure {
  reason: BackupReason;
  at: string;
  code: string;
  detail: string;
}

export interface BackupsView {
  folder: string;
  backups: BackupInfo[];
  lastFailure: BackupFailure | null;
}

export type BackupEvent =
  | { type: 'created'; backup: BackupInfo }
  | { type: 'failed'; failure: BackupFailure }
  | { type: 'restored'; name: string; undo: BackupInfo };
