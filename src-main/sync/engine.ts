import type { Database } from 'better-sqlite3';
import {
  storedRawOf,
  liveProductsOf,
  liveItemFingerprints,
  ReusedItemsMoved,
  type CommitResult,
  commitStagedCatalog,
  finishRunWithoutCatalog,
  lastOkRun,
  recordCommitTime,
  startRun,
  type RunMetrics,
} from '../db/catalog-repo';
import type { RunCost, SkippedItem, SyncMode, SyncEvent, SupplierSyncResult } from '../../src-shared/sync-types';
import { CatalogStaging } from '../db/catalog-staging';
import { withWriteLock } from '../db/write-lock';
import { fullListingEveryHours, syncDeadlineMinutes, syncHoldThresholds } from '../db/settings';
import type { HoldThresholds } from '../../src-shared/hold-policy';
import { DEADLINE_PASSED } from '../../src-shared/sync-run-errors';
import { CanceledError } from '../http/errors';
import { runFailureText } from './run-failure';
import type { BudgetStats } from '../http/budget';
import type { SupplierAdapter } from '../suppliers/adapter';

export interface SyncTarget {
  supplierId: string;
  supplierKind: string;
  adapter: SupplierAdapter;
  /**
   * Which upstream catalog the adapter reads (sync/catalog-source.ts): the app always says. A listing of changes since
   * a run that read another catalog (the merchant changed the address or account) would keep that catalog's offers,
   * so the sync lists in full instead. Absent: the caller does not know, and the last runs are taken as this one's.
   */
  source?: string;
}

export type SyncModeRequest = 'auto' | 'full';

export interface SyncOptions {
  /** Suppliers fetched at once; each supplier still limits its own request rate. */
  concurrency?: number;
  signal?: AbortSignal;
  onEvent?: (event: SyncEvent) => void;
  /**
   * 'auto': list incrementally when the supplier's last ok full listing is younger than `fullEveryMs` (only a full
   * listing shows that a product was deleted outright), in full otherwise. 'full' (the default, so a caller that does
   * not schedule full listings never misses a deletion): always in full. The CLI and the app pass 'auto'.
   */
  mode?: SyncModeRequest;
  /** Default: the merchant's setting (fullListingEveryHours, 24 h unless changed). */
  fullEveryMs?: number;
  /**
   * How long the sync may fetch, from its start: every supplier's listing with every wait for its request limit. A
   * supplier that starts later (queued behind others) has what is left. A run still listing when the time is up fails
   * ('deadline passed') and its supplier's previous catalog stays. Commits are not covered: local work that, once
   * started, is better finished than thrown away. Default: the merchant's setting (syncDeadlineMinutes, 60 min).
   */
  deadlineMs?: number;
  /**
   * The sync's deadline as Date.now() reads it, when the sync was started on another thread (sync/worker/pool.ts):
   * each thread reads it once against its own clock, then counts on the monotonic one. Wins over deadlineMs.
   */
  deadlineAt?: number;
  /**
   * When a listing is held for review instead of applied; default: the merchant's setting. A listing that would
   * remove every offer of a supplier is held whatever this says.
   */
  holdThresholds?: HoldThresholds;
  /** Clock for the full-listing schedule (tests). */
  now?: () => number;
}

/**
 * An incremental listing asks for changes since the last ok run's start, by the supplier's clock, less this: covers
 * what is left of the skew between the clocks (Dujiao-Next signs within 60 s of the server's) and updates committed
 * upstream while that run was reading. Re-listing a few unchanged products is free.
 */
export const CHANGED_SINCE_OVERLAP_MS = 5 * 60_000;

export { DEADLINE_PASSED };

/**
 * Syncs every target, a few at a time, each independently: one supplier failing (or being canceled)
 * neither stops nor touches the others. Never rejects; each result says how its supplier ended. One deadline covers
 * them all (SyncOptions.deadlineMs).
 */
export async function syncSuppliers(
  db: Database,
  targets: SyncTarget[],
  options: SyncOptions = {},
): Promise<SupplierSyncResult[]> {
  const results: SupplierSyncResult[] = new Array(targets.length);
  // One deadline for the whole sync, read once: a supplier queued behind others does not start a clock of its own.
  const fetchEndsAt = fetchDeadline(db, options);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      results[index] = await syncSupplier(db, targets[index], options, fetchEndsAt);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 3, targets.length)) }, worker));
  return results;
}

/** The sync's deadline as Date.now() reads it, for the threads it is shared out among. */
export function syncDeadlineAt(db: Database, options: Pick<SyncOptions, 'deadlineMs' | 'deadlineAt'>): number {
  return options.deadlineAt ?? Date.now() + (options.deadlineMs ?? syncDeadlineMinutes(db) * 60_000);
}

/** When fetching must end, on performance.now()'s clock: immune to the wall clock being set while a sync runs. */
function fetchDeadline(db: Database, options: Pick<SyncOptions, 'deadlineMs' | 'deadlineAt'>): number {
  return performance.now() + (syncDeadlineAt(db, options) - Date.now());
}

/** The `changedSince` to ask for, or null for a full listing. */
export function listingSince(
  db: Database,
  supplierId: string,
  options: Pick<SyncOptions, 'mode' | 'fullEveryMs' | 'now'>,
  source?: string,
): string | null {
  if ((options.mode ?? 'full') === 'full') return null;
  const now = options.now?.() ?? Date.now();
  const lastFull = lastOkRun(db, supplierId, 'full');
  const fullEveryMs = options.fullEveryMs ?? fullListingEveryHours(db) * 3_600_000;
  if (lastFull === null || now - Date.parse(lastFull.startedAt) >= fullEveryMs) return null;
  const lastOk = lastOkRun(db, supplierId) ?? lastFull;
  // What changed since a run means nothing for another catalog: the first sync after the address or account changed
  // lists in full (a full listing, not the last run, is what removes the other catalog's offers).
  if (source !== undefined && (lastFull.source !== source || lastOk.source !== source)) return null;
  // By the supplier's clock, which stamps what changed: ours may be minutes off it.
  return new Date(Date.parse(lastOk.startedAt) + lastOk.clockOffsetMs - CHANGED_SINCE_OVERLAP_MS).toISOString();
}

const ZERO_STATS: BudgetStats = { requests: 0, waitMs: 0, throttled: 0, bytes: 0 };

const costOf = (mode: SyncMode, used: BudgetStats, fetchMs: number): RunCost => ({
  mode,
  requests: used.requests,
  bytes: used.bytes,
  waitMs: Math.round(used.waitMs),
  fetchMs: Math.round(fetchMs),
});

class DeadlineError extends Error {
  constructor() {
    super(DEADLINE_PASSED);
  }
}

/** Settles with the promise, or rejects as soon as `signal` aborts, even if the promise never settles. */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal, reason: () => Error): Promise<T> {
  if (signal.aborted) {
    // Abandoned, but it may still reject (the adapter sees the same abort): that is expected, not unhandled.
    promise.catch(() => undefined);
    return Promise.reject(reason());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Fetches a supplier's catalog page by page into a staging table, then applies it to the stored one in a single
 * transaction. Anything that goes wrong before that transaction (HTTP, bad JSON, an incomplete listing, a crash of the
 * adapter, cancelation, the deadline) leaves the previous catalog exactly as it was and records the run as failed
 * (or canceled). A complete listing that would remove too much is held for review (status 'held'): the previous
 * catalog stays, and the listing is kept to be applied or discarded by the merchant (held-runs.ts).
 */
export async function syncSupplier(
  db: Database,
  target: SyncTarget,
  options: SyncOptions = {},
  /** The sync's fetchDeadline, when this run is one of several; its own otherwise. */
  fetchEndsAt = fetchDeadline(db, options),
): Promise<SupplierSyncResult> {
  const { supplierId, adapter } = target;
  const changedSince = listingSince(db, supplierId, options, target.source);
  const requestedMode: SyncMode = changedSince === null ? 'full' : 'incremental';
  const runId = startRun(db, supplierId, target.supplierKind, requestedMode, target.source);
  options.onEvent?.({ type: 'started', supplierId, runId, mode: requestedMode });

  const budgetAtStart = adapter.budget?.stats() ?? ZERO_STATS;
  const budgetUsed = () => {
    const now = adapter.budget?.stats() ?? ZERO_STATS;
    return {
      requests: now.requests - budgetAtStart.requests,
      waitMs: now.waitMs - budgetAtStart.waitMs,
      throttled: now.throttled - budgetAtStart.throttled,
      bytes: now.bytes - budgetAtStart.bytes,
    };
  };
  const stopWaitEvents =
    adapter.budget?.onWait((resumesAt) => options.onEvent?.({ type: 'waiting', supplierId, runId, resumesAt })) ??
    (() => undefined);

  // One signal for the adapter: the user's cancel or the deadline, told apart by which fired.
  const fetchControl = new AbortController();
  let deadlinePassed = false;
  const passDeadline = () => {
    deadlinePassed = true;
    fetchControl.abort(new DeadlineError());
  };
  // Timers count whole milliseconds from the event loop's cached clock, so one can fire a little before its time:
  // the deadline passes only once the clock says so, or a supplier queued behind would start with time left.
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const watchDeadline = () => {
    const leftMs = fetchEndsAt - performance.now();
    if (leftMs <= 0) passDeadline();
    else deadline = setTimeout(watchDeadline, Math.ceil(leftMs));
  };
  // Already past (the suppliers before this one used the sync's time up): not one request is sent.
  watchDeadline();
  const onUserAbort = () => fetchControl.abort(new CanceledError());
  if (options.signal?.aborted) onUserAbort();
  else options.signal?.addEventListener('abort', onUserAbort, { once: true });
  const stopReason = () => (deadlinePassed ? new DeadlineError() : new CanceledError());

  const skipped: SkippedItem[] = [];
  const started = performance.now();
  const timings = { fetchMs: 0, commitMs: 0 };
  let staging: CatalogStaging | null = null;
  try {
    staging = new CatalogStaging(db, runId);
    const staged = staging;
    /** Lists into staging; whether any page listed everything (a 'full' page). */
    const list = async (reuse: boolean): Promise<boolean> => {
      // Canceled, or out of time, before the listing began: the adapter is not even asked.
      if (fetchControl.signal.aborted) throw stopReason();
      let sawFull = false;
      const pages = adapter
        .fetchCatalog({
          signal: fetchControl.signal,
          changedSince,
          storedRaw: storedRawOf(db, supplierId),
          liveProducts: liveProductsOf(db, supplierId),
          lastMappingFingerprint: lastOkRun(db, supplierId)?.mappingFingerprint ?? null,
          ...(reuse && { reusable: liveItemFingerprints(db, supplierId) }),
          onProgress: (progress) => options.onEvent?.({ type: 'progress', supplierId, runId, ...progress }),
        })
        [Symbol.asyncIterator]();
      try {
        for (;;) {
          const step = await unlessAborted(pages.next(), fetchControl.signal, stopReason);
          if (step.done) break;
          const page = step.value;
          if (fetchControl.signal.aborted) throw stopReason();
          if (page.restart) {
            // The listing started over: what it staged and skipped so far describes a catalog that moved since.
            staged.clear();
            skipped.length = 0;
            sawFull = false;
          }
          if (page.scope !== 'changes') sawFull = true;
          skipped.push(...page.skipped);
          skipped.push(...staged.addPage({ ...page, scope: page.scope === 'changes' ? 'changes' : 'full' }));
        }
      } catch (error) {
        // Lets the adapter close what it holds; it may be stuck in a wait, so do not wait for it.
        void pages.return?.().catch(() => undefined);
        throw error;
      }
      if (fetchControl.signal.aborted) throw stopReason();
      return sawFull;
    };
    const hold = options.holdThresholds ?? syncHoldThresholds(db);
    // Between full listings, items listed as before may be reused unread (FetchOptions.reusable).
    let reuse = changedSince !== null;
    let committed: CommitResult;
    let used: ReturnType<typeof budgetUsed>;
    // From the lock on: waiting for another thread's commit is neither this run's fetch nor its commit.
    let lockedAt = 0;
    for (;;) {
      const sawFull = await list(reuse);
      // Only a listing made wholly of 'changes' pages is incremental; one 'full' page means the server listed
      // everything. Asked for changes and given no page at all: nothing changed, which must not read as "the catalog
      // is empty".
      const scope = changedSince !== null && !sawFull ? 'changes' : 'full';
      timings.fetchMs = performance.now() - started;
      used = budgetUsed();
      staged.indexByKey();
      try {
        committed = await withWriteLock(db, () => {
          // Canceled while another connection held the lock: nothing is written yet, so the cancel still holds. The
          // deadline does not stop a listing that ended in time (SyncOptions.deadlineMs).
          if (options.signal?.aborted) throw new CanceledError();
          lockedAt = performance.now();
          return commitStagedCatalog(db, runId, supplierId, staged, {
            scope,
            skipped,
            metrics: { ...used, fetchMs: timings.fetchMs },
            hold,
            upstream: {
              clockOffsetMs: adapter.clockOffsetMs?.() ?? null,
              mappingFingerprint: adapter.mappingFingerprint?.() ?? null,
            },
          });
        });
        break;
      } catch (error) {
        // The catalog moved under the reused items while they were listed (a held listing applied meanwhile, an
        // offer key another item now lists too): read every item again, once, rather than guess.
        if (!(error instanceof ReusedItemsMoved) || !reuse) throw error;
        reuse = false;
        staged.clear();
        skipped.length = 0;
      }
    }
    timings.commitMs = performance.now() - lockedAt;
    // Only a measure, written after the commit landed: failing to write it must not record that commit as failed (a
    // held listing would then never be offered for review).
    await withWriteLock(db, () => recordCommitTime(db, runId, timings.commitMs)).catch(() => undefined);
    const status = committed.held ? 'held' : 'ok';
    const held = committed.held ?? null;
    const mode = committed.mode;
    options.onEvent?.({
      type: 'finished',
      supplierId,
      runId,
      status,
      counts: committed.counts,
      ...(held && { held }),
      cost: costOf(mode, used, timings.fetchMs),
    });
    return { supplierId, runId, status, mode, counts: committed.counts, held, skipped, error: null, timings, ...used };
  } catch (error) {
    const canceled = !deadlinePassed && (error instanceof CanceledError || options.signal?.aborted === true);
    const status = canceled ? 'canceled' : 'failed';
    const message = deadlinePassed ? DEADLINE_PASSED : canceled ? 'canceled' : runFailureText(error);
    timings.fetchMs = performance.now() - started;
    const used = budgetUsed();
    // Once the lock is free (another connection's commit may hold it). Should it stay taken past the busy timeout, the
    // run is left running, to be closed as abandoned once this process is gone: a sync never rejects for that.
    await withWriteLock(db, () =>
      finishRunWithoutCatalog(db, runId, status, message, skipped, {
        ...used,
        fetchMs: timings.fetchMs,
      } satisfies RunMetrics),
    ).catch((error: unknown) => {
      if ((error as { code?: string } | null)?.code !== 'SQLITE_BUSY') throw error;
    });
    options.onEvent?.({
      type: 'finished',
      supplierId,
      runId,
      status,
      error: message,
      cost: costOf(requestedMode, used, timings.fetchMs),
    });
    return {
      supplierId,
      runId,
      status,
      mode: requestedMode,
      counts: null,
      held: null,
      skipped,
      error: message,
      timings,
      ...used,
    };
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', onUserAbort);
    stopWaitEvents();
    staging?.drop();
  }
}
