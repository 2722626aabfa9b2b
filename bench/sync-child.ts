// One sync of `npm run bench`, in a fresh process, so that "peak RSS of the syncing process" is the sync's own and
// nothing the benchmark did before. Prints one JSON line: the per-supplier results and the process's peak RSS.
import { openDatabase } from '../src-main/db/open';
import { RECORD_TO_VARIABLE, recordRequests } from './record-requests';
import type { BudgetTuning } from '../src-main/http/budget-policy';
import type { ConnectionBase } from '../src-main/suppliers/adapter';
import { syncSuppliersInThreads } from '../src-main/sync/worker/pool';
import { portableSyncTarget } from '../src-main/sync/targets';

export interface SyncChildArgs {
  db: string;
  connections: ConnectionBase[];
  mode: 'full' | 'auto';
  /** When set, every request as sent is appended here (JSON lines), for the network floor to replay. */
  recordTo?: string;
  /** The request budgets' numbers: the scaled rule of the rate-limited run, or limits lifted for the CPU runs. */
  budgetTuning: BudgetTuning;
  /**
   * Sync threads. The app chooses them from the catalog's last size (sync/worker/pool.ts), which a fresh bench
   * database does not have: the bench says what the app would choose for a catalog this size.
   */
  threads?: number;
}

export interface SyncChildResult {
  wallMs: number;
  /** CPU time of every thread of the syncing process, during the sync. */
  cpuMs: number;
  peakRssMiB: number;
  results: Array<{
    supplierId: string;
    status: string;
    mode?: string;
    offers: number;
    changes: number;
    requests?: number;
    waitMs?: number;
    fetchMs: number;
    commitMs: number;
    error: string | null;
  }>;
}

const args = JSON.parse(process.argv[2]) as SyncChildArgs;
if (args.recordTo) {
  // This thread's requests, and (through the variable they inherit) those of the sync threads it starts.
  process.env[RECORD_TO_VARIABLE] = args.recordTo;
  recordRequests(args.recordTo);
}
const db = openDatabase(args.db);
const started = performance.now();
const cpuAtStart = process.cpuUsage();
const results = await syncSuppliersInThreads(
  db,
  args.connections.map((c) =>
    portableSyncTarget(c as ConnectionBase & Record<string, unknown>, { budgetTuning: args.budgetTuning }),
  ),
  { concurrency: args.connections.length, mode: args.mode, threads: args.threads },
);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuAtStart);
db.close();
const output: SyncChildResult = {
  wallMs,
  cpuMs: (cpu.user + cpu.system) / 1000,
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
  results: results.map((r) => ({
    supplierId: r.supplierId,
    status: r.status,
    mode: r.mode,
    offers: r.counts?.offers ?? 0,
    changes: r.counts ? r.counts.added + r.counts.removed + r.counts.changed : 0,
    requests: r.requests,
    waitMs: r.waitMs,
    fetchMs: r.timings.fetchMs,
    commitMs: r.timings.commitMs,
    error: r.error,
  })),
};
process.stdout.write(`${JSON.stringify(output)}\n`);
