// A sync worker thread: syncs its share of the suppliers over a SQLite connection of its own, so that fetching,
// mapping and storing two large catalogs use two cores. Request budgets stay with the thread that started it.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/open';
import { keepAccountBudgetsElsewhere } from '../../http/budget-policy';
import { RemoteBudgets } from '../../http/budget-remote';
import { MeteredBudget } from '../../http/budget-meter';
import { RemoteLoginSessions } from './login-sessions';
import { syncSuppliers } from '../engine';
import { adapterFor, syncTargetFor } from '../targets';
import { learntSince, learntState, takeLearntState } from '../../suppliers/shared/thread-shared';
import type { SyncEvent } from '../../../src-shared/sync-types';
import type { SyncWorkerCommand, SyncWorkerData, SyncWorkerMessage } from './protocol';

const SYNC_WORKER_BUSY_TIMEOUT_MS = 120_000;
const SYNC_WORKER_CACHE_KIB = 4096;

const data = workerData as SyncWorkerData;
const post = (message: SyncWorkerMessage) => parentPort!.postMessage(message);
const budgets = new RemoteBudgets(data.budgetPort);
const sessions = new RemoteLoginSessions(data.sessionPort);
keepAccountBudgetsElsewhere((identity, policy, tuning) => budgets.for(identity, policy, tuning));

/** Progress is passed on at most every PROGRESS_EVERY_MS per supplier (the latest); every other event at once, after it. */
const PROGRESS_EVERY_MS = 100;

function forwardEvents(): (event: SyncEvent) => void {
  const held = new Map<string, { event: SyncEvent; timer: NodeJS.Timeout }>();
  const flush = (supplierId: string) => {
    const pending = held.get(supplierId);
    if (!pending) return;
    clearTimeout(pending.timer);
    held.delete(supplierId);
    post({ type: 'event', event: pending.event });
  };
  return (event) => {
    if (event.type !== 'progress') {
      flush(event.supplierId);
      post({ type: 'event', event });
      return;
    }
    const pending = held.get(event.supplierId);
    if (pending) pending.event = event;
    else held.set(event.supplierId, { event, timer: setTimeout(() => flush(event.supplierId), PROGRESS_EVERY_MS) });
  };
}

const cancel = new AbortController();
parentPort!.on('message', (command: SyncWorkerCommand) => {
  if (command.type === 'cancel') cancel.abort();
});

const db = openDatabase(data.dbFile, { nativeBinding: data.nativeBinding });
// Another thread's commit of a large catalog holds the write lock for seconds; waiting for it is this run's job.
db.pragma(`busy_timeout = ${SYNC_WORKER_BUSY_TIMEOUT_MS}`);
// Pages are written once and read once: a small cache costs nothing here, and every thread's cache is resident memory.
db.pragma(`cache_size = -${SYNC_WORKER_CACHE_KIB}`);
db.pragma(`temp.cache_size = -${SYNC_WORKER_CACHE_KIB}`);
try {
  // Before any adapter is made: each takes what the starter's thread learnt of its host.
  takeLearntState(data.learnt);
  const targets = data.targets.map(({ connection, env }) => {
    const adapter = adapterFor(connection, env);
    if (adapter.session) {
      adapter.session.takeTokensFrom(sessions.sourceFor(connection.id));
      // Its logins are made on the starter's thread: the run counts them all the same.
      if (adapter.budget instanceof MeteredBudget) sessions.countIn(connection.id, adapter.budget);
    }
    return syncTargetFor(connection, adapter);
  });
  // Each account's budget as its owner has it (pace and totals) before the first request asks it.
  await budgets.refresh();
  const { nowMs, ...options } = data.options;
  const results = await syncSuppliers(db, targets, {
    ...options,
    ...(nowMs !== undefined && { now: () => nowMs }),
    signal: cancel.signal,
    onEvent: forwardEvents(),
  });
  budgets.flush();
  post({ type: 'results', results, learnt: learntSince(data.learnt, learntState()) });
} finally {
  db.close();
  budgets.close();
  sessions.close();
  parentPort!.close();
}
