import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from 'better-sqlite3';

/** How often a waiting writer asks again for the lock another connection holds. */
const POLL_MS = 5;

/**
 * Runs `work` in an IMMEDIATE transaction once this connection has the database's write lock, waiting for it without
 * blocking the thread. Another connection (a sync thread committing a large catalog) can hold the lock for a second or
 * more; SQLite's own busy wait would sleep this whole thread meanwhile, and with it every other supplier it syncs.
 * Waits at most the connection's busy_timeout, like SQLite would, then fails with SQLITE_BUSY. `work` runs
 * synchronously: the transaction is never open across an await, so other work on this connection cannot slip into it.
 * A transaction inside `work` (db.transaction) becomes a savepoint of this one.
 */
export async function withWriteLock<T>(db: Database, work: () => T): Promise<T> {
  const giveUpAt = performance.now() + (db.pragma('busy_timeout', { simple: true }) as number);
  for (;;) {
    const busy = tryBeginImmediate(db);
    if (busy === null) break;
    // SQLite's own error, as a busy wait that ran out would have given it.
    if (performance.now() >= giveUpAt) throw busy;
    await sleep(POLL_MS);
  }
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** Begins the transaction, or returns SQLite's SQLITE_BUSY error when another connection has the lock. */
function tryBeginImmediate(db: Database): Error | null {
  const busyTimeoutMs = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
    return null;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return error as Error;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  }
}
