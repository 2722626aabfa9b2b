import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { finishRunWithoutCatalog, getRun, latestRuns } from '../../db/catalog-repo';
import { localAccountBudget } from '../../http/budget-policy';
import { serveRemoteBudgets } from '../../http/budget-remote';
import { MeteredBudget } from '../../http/budget-meter';
import type { SupplierSyncResult } from '../../../src-shared/sync-types';
import { listingSince, syncDeadlineAt, syncSuppliers, type SyncOptions, type SyncTarget } from '../engine';
import { planThreads } from './thread-plan';
import { WORKER_STOPPED } from '../../../src-shared/sync-run-errors';
import type { PortableTarget, SyncWorkerCommand, SyncWorkerData, SyncWorkerMessage } from './protocol';
import { learntState, takeLearntState } from '../../suppliers/shared/thread-shared';
import { serveLoginSessions } from './login-sessions';

/** A target a worker thread can sync: it carries what the worker needs to make the same adapter. */
export type PortableSyncTarget = SyncTarget & { portable: PortableTarget };

/**
 * A sync worker's heap, well below the services' (2 GiB): staging keeps a listing out of memory, so a worker that
 * grows past this is holding something it should not, and dies alone; its runs fail and the catalog stays.
 */
export const SYNC_WORKER_HEAP_LIMIT_MB = 768;

/**
 * Pages and their offers are short-lived: a young generation that holds a few pages of them spares the thread
 * promoting them (a smaller one cost a sixth of the sync in garbage collection); it is bounded, so each thread's
 * resident memory stays known.
 */
const SYNC_WORKER_YOUNG_GENERATION_MB = 48;

export interface ThreadOptions {
  /**
   * Worker threads at most. Default: the cores there are, once the offers this sync will likely list add up to
   * THREADS_FROM_OFFERS (each supplier's last catalog, a small share of it when it lists incrementally); below that
   * (a first sync, a small catalog, an incremental sync) starting threads costs more than it saves.
   */
  threads?: number;
  /** Each thread's old-generation heap, in MiB; SYNC_WORKER_HEAP_LIMIT_MB unless set. */
  heapLimitMb?: number;
  /** better_sqlite3.node built for this runtime, where the default one is not (see db/open.ts). */
  nativeBinding?: string;
}

/**
 * syncSuppliers, with the suppliers shared out among worker threads that each open the database themselves: a
 * catalog's fetch, mapping and staging then run beside another's instead of taking turns on one thread. The results,
 * events, cancelation and per-supplier isolation are syncSuppliers'. Each supplier still asks this thread's request
 * budget before every request, so orders and pings sent meanwhile share its count.
 * What cannot move stays on this thread: everything with an in-memory database, and targets without a portable
 * connection (a connection whose secrets cannot be read, test adapters). A supplier with a login session takes its
 * tokens from this thread's (SupplierAdapter.session, login-sessions.ts), which its orders use.
 */
export async function syncSuppliersInThreads(
  db: Database,
  targets: SyncTarget[],
  options: SyncOptions & ThreadOptions = {},
): Promise<SupplierSyncResult[]> {
  const moving = db.memory
    ? []
    : targets.filter((target): target is PortableSyncTarget => 'portable' in target && target.portable !== undefined);
  const lastRuns = new Map(latestRuns(db).map((run) => [run.supplierId, run]));
  const plan = planThreads(
    moving.map((target) => ({
      id: target.supplierId,
      lastOffers: lastRuns.get(target.supplierId)?.offers ?? 0,
      lastRequests: lastRuns.get(target.supplierId)?.requests ?? 0,
      incremental: listingSince(db, target.supplierId, options, target.source) !== null,
    })),
    { threads: options.threads, cores: availableParallelism() },
  );
  if (!plan) return syncSuppliers(db, targets, options);
  // Every thread counts to the one deadline the sync started with.
  const shared = { ...options, deadlineAt: syncDeadlineAt(db, options) };
  const staying = targets.filter((target) => !moving.includes(target as PortableSyncTarget));
  const results = new Map<string, SupplierSyncResult>();
  const keep = (batch: SupplierSyncResult[]) => batch.forEach((result) => results.set(result.supplierId, result));
  await Promise.all([
    ...plan.map(async (ids) =>
      keep(
        await syncInWorker(
          db,
          moving.filter((target) => ids.includes(target.supplierId)),
          shared,
        ),
      ),
    ),
    staying.length > 0 ? syncSuppliers(db, staying, shared).then(keep) : null,
  ]);
  return targets.map((target) => results.get(target.supplierId)!);
}

function workerEntry(): { entry: URL | string; argv?: string[] } {
  const here = import.meta.url;
  // From source (tests, the CLI, the benchmark): the TypeScript entry through the same loader.
  if (here.endsWith('.ts'))
    return {
      entry: fileURLToPath(new URL('../../../bin/run-ts.mjs', here)),
      argv: [fileURLToPath(new URL('./entry.ts', here))],
    };
  // Built: electron-vite writes every main-process bundle into out/main itself (electron.vite.config.ts).
  return { entry: new URL('./sync-worker.js', here) };
}

async function syncInWorker(
  db: Database,
  targets: PortableSyncTarget[],
  options: SyncOptions & ThreadOptions,
): Promise<SupplierSyncResult[]> {
  const { entry, argv } = workerEntry();
  const learnt = learntState();
  const channel = new MessageChannel();
  const stopServing = serveRemoteBudgets(channel.port1, localAccountBudget);
  const sessions = new MessageChannel();
  const stopServingSessions = serveLoginSessions(
    sessions.port1,
    (supplierId) => {
      // The target's adapter here is the sync's own: whatever it sends is a login made for the worker.
      const adapter = targets.find((target) => target.supplierId === supplierId)?.adapter;
      if (!adapter?.session) return undefined;
      const budget = adapter.budget;
      return {
        session: adapter.session,
        spent: () => {
          if (!budget) return null;
          // Its waits cross as holds (onHolding), joined with the worker's own: a total would count them twice.
          const { waitMs: _told, ...sent } = budget.stats();
          return sent;
        },
        ...(budget instanceof MeteredBudget && { onHolding: (listener) => budget.onHolding(listener) }),
      };
    },
    options.signal,
  );
  const workerData: SyncWorkerData = {
    dbFile: db.name,
    nativeBinding: options.nativeBinding,
    targets: targets.map((target) => target.portable),
    options: {
      concurrency: options.concurrency ?? 3,
      mode: options.mode,
      fullEveryMs: options.fullEveryMs,
      deadlineAt: options.deadlineAt,
      holdThresholds: options.holdThresholds,
      nowMs: options.now?.(),
    },
    learnt,
    budgetPort: channel.port2,
    sessionPort: sessions.port2,
  };
  const runIds = new Map<string, number>();
  let worker: Worker | null = null;
  const cancel = () => worker?.postMessage({ type: 'cancel' } satisfies SyncWorkerCommand);
  // Everything opened above is closed below, even when the worker cannot start: an open port keeps this thread alive.
  try {
    const started = new Worker(entry, {
      argv,
      workerData,
      transferList: [channel.port2, sessions.port2],
      resourceLimits: {
        maxOldGenerationSizeMb: options.heapLimitMb ?? SYNC_WORKER_HEAP_LIMIT_MB,
        maxYoungGenerationSizeMb: SYNC_WORKER_YOUNG_GENERATION_MB,
      },
    });
    worker = started;
    if (options.signal?.aborted) cancel();
    else options.signal?.addEventListener('abort', cancel, { once: true });
    return await new Promise<SupplierSyncResult[]>((resolve) => {
      let settled = false;
      started.on('message', (message: SyncWorkerMessage) => {
        if (message.type === 'event') {
          if (message.event.type === 'started') runIds.set(message.event.supplierId, message.event.runId);
          options.onEvent?.(message.event);
        } else {
          settled = true;
          takeLearntState(message.learnt);
          resolve(message.results);
        }
      });
      // A worker that dies (out of memory, a crash) ends its suppliers' runs as failed; their catalogs were never
      // touched, since each commit is one transaction the dead connection could not finish.
      started.on('error', () => undefined);
      started.on('exit', () => {
        if (!settled) resolve(targets.map((target) => stoppedRun(db, target, runIds.get(target.supplierId), options)));
      });
    });
  } finally {
    options.signal?.removeEventListener('abort', cancel);
    stopServing();
    channel.port1.close();
    stopServingSessions();
    sessions.port1.close();
    await worker?.terminate();
  }
}

function stoppedRun(
  db: Database,
  target: SyncTarget,
  runId: number | undefined,
  options: SyncOptions,
): SupplierSyncResult {
  const run = runId === undefined ? null : getRun(db, runId);
  if (run && run.status !== 'running') {
    // It finished before the worker died: its result stands as recorded.
    const status =
      run.status === 'held' ? 'held' : run.status === 'ok' ? 'ok' : run.status === 'canceled' ? 'canceled' : 'failed';
    const counts = {
      offers: run.offers,
      added: run.added,
      removed: run.removed,
      changed: run.changed,
      skipped: run.skipped,
    };
    return {
      supplierId: target.supplierId,
      runId: run.id,
      status,
      mode: run.mode,
      counts: status === 'ok' || status === 'held' ? counts : null,
      held: run.held,
      skipped: run.skippedItems,
      error: run.error,
      timings: { fetchMs: run.fetchMs ?? 0, commitMs: run.commitMs ?? 0 },
      requests: run.requests,
      waitMs: run.waitMs,
      throttled: run.throttled,
      bytes: run.bytes,
    };
  }
  // Closed here if it can be now. Not when another connection has held the write lock past the busy timeout: a throw
  // out of the worker's exit listener would leave this sync unsettled and its lock held. The run, left running, is
  // closed as abandoned when this process is gone (closeAbandonedRuns), and its catalog was never touched.
  if (runId !== undefined) {
    try {
      finishRunWithoutCatalog(db, runId, 'failed', WORKER_STOPPED);
    } catch {
      // As above.
    }
  }
  options.onEvent?.({
    type: 'finished',
    supplierId: target.supplierId,
    runId: runId ?? -1,
    status: 'failed',
    error: WORKER_STOPPED,
  });
  return {
    supplierId: target.supplierId,
    runId: runId ?? -1,
    status: 'failed',
    mode: 'full',
    counts: null,
    held: null,
    skipped: [],
    error: WORKER_STOPPED,
    timings: { fetchMs: 0, commitMs: 0 },
    requests: 0,
    waitMs: 0,
    throttled: 0,
    bytes: 0,
  };
}
