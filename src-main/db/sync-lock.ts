import { hostname } from 'node:os';
import type { Database } from 'better-sqlite3';
import { ownerMayBeAlive, PROCESS_STARTED_AT, type RunOwner } from './run-owners';
import type { SyncLockHolder, LockHolderKind } from '../../src-shared/contract';

/**
 * The one lock on syncing a database (migrations 016 and 025): the daemon holds it while it runs, the app and the CLI
 * for each sync. A lock is taken over when its process is gone (same host, run-owners' test) or its heartbeat is older
 * than STALE_AFTER_MS (a holder on another host sharing the folder, or a frozen one).
 */

export const HEARTBEAT_MS = 30_000;
export const STALE_AFTER_MS = 5 * 60_000;

export interface LockProcess {
  pid: number;
  host: string;
  startedAt: string;
}

export const THIS_PROCESS: LockProcess = { pid: process.pid, host: hostname(), startedAt: PROCESS_STARTED_AT };

export interface LockOptions {
  now?: Date;
  self?: LockProcess;
  alive?: (owner: RunOwner) => boolean;
}

export function readSyncLock(db: Database): SyncLockHolder | null {
  const row = db
    .prepare(
      `SELECT holder, pid, host, process_started_at AS processStartedAt, acquired_at AS acquiredAt, heartbeat_at AS heartbeatAt
    FROM sync_lock WHERE id = 1`,
    )
    .get() as SyncLockHolder | undefined;
  return row ?? null;
}

function isSelf(lock: SyncLockHolder, self: LockProcess): boolean {
  return lock.pid === self.pid && lock.host === self.host && lock.processStartedAt === self.startedAt;
}

/** Whether the lock still binds others: its process may be alive and its heartbeat is recent. */
export function lockIsLive(
  lock: SyncLockHolder,
  { now = new Date(), self = THIS_PROCESS, alive }: LockOptions = {},
): boolean {
  if (now.getTime() - Date.parse(lock.heartbeatAt) > STALE_AFTER_MS) return false;
  const owner = { pid: lock.pid, host: lock.host, processStartedAt: lock.processStartedAt };
  return alive ? alive(owner) : ownerMayBeAlive(owner, { pid: self.pid, host: self.host, startedAt: self.startedAt });
}

/** Who else holds the lock now, or null when this process may sync (free, stale, or its own). */
export function otherLockHolder(db: Database, options: LockOptions = {}): SyncLockHolder | null {
  const lock = readSyncLock(db);
  if (!lock || isSelf(lock, options.self ?? THIS_PROCESS) || !lockIsLive(lock, options)) return null;
  return lock;
}

/**
 * Takes the lock for this process (or keeps it: taking it again refreshes it, under the kind it was first taken as). Returns null when taken, or the live
 * holder that keeps it. Decided in one IMMEDIATE transaction, so two processes never both win.
 */
export function acquireSyncLock(
  db: Database,
  holder: LockHolderKind,
  options: LockOptions = {},
): SyncLockHolder | null {
  const self = options.self ?? THIS_PROCESS;
  const now = (options.now ?? new Date()).toISOString();
  return db
    .transaction(() => {
      const lock = readSyncLock(db);
      if (lock && isSelf(lock, self)) {
        // Already ours (the daemon's own services syncing): kept under the kind it was taken as.
        db.prepare('UPDATE sync_lock SET heartbeat_at = ? WHERE id = 1').run(now);
        return null;
      }
      if (lock && lockIsLive(lock, options)) return lock;
      db.prepare(
        `INSERT OR REPLACE INTO sync_lock (id, holder, pid, host, process_started_at, acquired_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?, ?)`,
      ).run(holder, self.pid, self.host, self.startedAt, now, now);
      return null;
    })
    .immediate();
}

/** Refreshes this process's lock; false when it no longer holds it (taken over as stale while this one was frozen). */
export function heartbeatSyncLock(db: Database, options: LockOptions = {}): boolean {
  const self = options.self ?? THIS_PROCESS;
  return (
    db
      .prepare('UPDATE sync_lock SET heartbeat_at = ? WHERE id = 1 AND pid = ? AND host = ? AND process_started_at = ?')
      .run((options.now ?? new Date()).toISOString(), self.pid, self.host, self.startedAt).changes === 1
  );
}

/** Lets the lock go, if this process holds it as `holder`. */
export function releaseSyncLock(db: Database, holder: LockHolderKind, self: LockProcess = THIS_PROCESS): void {
  db.prepare(
    'DELETE FROM sync_lock WHERE id = 1 AND holder = ? AND pid = ? AND host = ? AND process_started_at = ?',
  ).run(holder, self.pid, self.host, self.startedAt);
}
