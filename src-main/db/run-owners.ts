import { hostname } from 'node:os';
import type { Database } from 'better-sqlite3';
import { codedText } from '../../src-shared/coded-issue';

/**
 * Who runs each sync (migration 012): every run a connection opened by openDatabase starts is stamped with this
 * process's pid, host and start time, by a TEMP trigger (it lives only in this connection, so it can carry the pid as
 * a constant; a tool opening the file another way stamps nothing and breaks nothing). A later process then closes
 * only the runs whose owner is gone: the app, the CLI and a scheduled sync may share one database, and a run another
 * live process is syncing must never be marked interrupted.
 */

/** When this process started, to the millisecond: with the pid, it names this process and no later one. */
export const PROCESS_STARTED_AT = new Date(Date.now() - process.uptime() * 1000).toISOString();

/**
 * A running run nobody claims (started before migration 012, or by another tool) is closed only once it is older
 * than this: far beyond any sync's deadline (SYNC_DEADLINE_MINUTES: 60 min per supplier, 12 h at most) and its commit.
 */
export const UNOWNED_RUN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const SAME_PROCESS_MARGIN_MS = 5000;

/** The error of a run whose process stopped before it finished, coded for the renderer (and the CLI) to word. */
export const INTERRUPTED_ERROR = codedText('sync.interrupted');

export function recordRunOwnership(db: Database): void {
  const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
  db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS sync_run_owner_stamp AFTER INSERT ON main.sync_runs
    BEGIN
      INSERT OR REPLACE INTO sync_run_owners (run_id, pid, host, process_started_at)
        VALUES (NEW.id, ${Math.trunc(process.pid)}, ${quoted(hostname())}, ${quoted(PROCESS_STARTED_AT)});
    END`);
}

export interface RunOwner {
  pid: number;
  host: string;
  processStartedAt: string;
}

/** Whether the process that owns a run may still be running it. Unsure (another host, no permission) means yes. */
export function ownerMayBeAlive(
  owner: RunOwner,
  here = { pid: process.pid, host: hostname(), startedAt: PROCESS_STARTED_AT },
): boolean {
  if (owner.host !== here.host) return true;
  // This very pid: ours if it started when we did (threads compute the instant apart, so within a margin; an
  // unsure answer keeps the run open); otherwise an earlier process that had the same pid (a restarted container).
  if (owner.pid === here.pid)
    return Math.abs(Date.parse(owner.processStartedAt) - Date.parse(here.startedAt)) < SAME_PROCESS_MARGIN_MS;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process with that pid exists (another user's): possibly a reused pid, but not provably dead.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Closes, as failed with an "interrupted" reason, every running run whose process is gone (and unowned ones past
 * UNOWNED_RUN_MAX_AGE_MS). Returns the ids it closed. A pid reused by an unrelated live process keeps its run open
 * until that process ends too: a stale "running" is the safe error, a live run marked interrupted is not.
 */
export function closeAbandonedRuns(
  db: Database,
  now = new Date(),
  alive: (owner: RunOwner) => boolean = ownerMayBeAlive,
): number[] {
  const running = db
    .prepare(
      `SELECT r.id, r.started_at AS startedAt, o.pid, o.host, o.process_started_at AS processStartedAt
    FROM sync_runs r LEFT JOIN sync_run_owners o ON o.run_id = r.id WHERE r.status = 'running'`,
    )
    .all() as Array<{
    id: number;
    startedAt: string;
    pid: number | null;
    host: string | null;
    processStartedAt: string | null;
  }>;
  const abandoned = running.filter((run) =>
    run.pid === null || run.host === null || run.processStartedAt === null
      ? now.getTime() - Date.parse(run.startedAt) > UNOWNED_RUN_MAX_AGE_MS
      : !alive({ pid: run.pid, host: run.host, processStartedAt: run.processStartedAt }),
  );
  const close = db.prepare(
    `UPDATE sync_runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`,
  );
  const closed: number[] = [];
  db.transaction(() => {
    for (const run of abandoned)
      if (close.run(now.toISOString(), INTERRUPTED_ERROR, run.id).changes > 0) closed.push(run.id);
    db.prepare(
      `DELETE FROM sync_run_owners WHERE run_id NOT IN (SELECT id FROM sync_runs WHERE status = 'running')`,
    ).run();
  })();
  return closed;
}
