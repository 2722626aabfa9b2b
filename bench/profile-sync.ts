// Profiles one sync: simulators in a process of their own (bench/sim-host.ts), the sync in this process, so that
// `node --cpu-prof bin/run-ts.mjs bench/profile-sync.ts [kinds] [size]` profiles our side only.
// Prints per-supplier timings and this process's peak RSS.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src-main/db/open';
import type { ConnectionBase } from '../src-main/suppliers/adapter';
import { syncSuppliersInThreads } from '../src-main/sync/worker/pool';
import { portableSyncTarget } from '../src-main/sync/targets';

// Kinds as `kind` or `kind:size` (the default size applies to bare kinds).
const size = Number(process.argv[3] ?? 46_000);
const kinds = (process.argv[2] ?? 'dujiao-next').split(',').map((spec) => spec.split(':'));
const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
const specs = kinds.map(([kind, own]) => ({
  kind,
  options: { size: own ? Number(own) : size, generation: 0, rateLimit: null },
}));
const host = spawn(
  process.execPath,
  [runTs, fileURLToPath(new URL('./sim-host.ts', import.meta.url)), JSON.stringify(specs)],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const lines = createInterface({ input: host.stdout })[Symbol.asyncIterator]();
const ready = JSON.parse((await lines.next()).value as string) as { ready: ConnectionBase[] };

const dir = mkdtempSync(join(tmpdir(), 'supplygrid-profile-'));
const db = openDatabase(join(dir, 'profile.db'));
const budgetTuning = { maxRequests: 1e9, requestsPerMinute: 1e9 };
const cpuAtStart = process.cpuUsage();
const started = performance.now();
const results = await syncSuppliersInThreads(
  db,
  ready.ready.map((c) => portableSyncTarget(c as ConnectionBase & Record<string, unknown>, { budgetTuning })),
  { concurrency: ready.ready.length, mode: 'full', threads: Number(process.env.SYNC_THREADS ?? 2) },
);
const wallMs = performance.now() - started;
for (const r of results) {
  process.stdout.write(
    `${r.supplierId}: ${r.status} ${r.counts?.offers ?? 0} offers, ${r.requests} requests, fetch ${r.timings.fetchMs.toFixed(0)} ms, commit ${r.timings.commitMs.toFixed(0)} ms ${r.error ?? ''}\n`,
  );
}
const cpu = process.cpuUsage(cpuAtStart);
process.stdout.write(
  `wall ${wallMs.toFixed(0)} ms, sync CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`,
);
db.close();
host.stdin.write(`${JSON.stringify({ cmd: 'close' })}\n`);
await new Promise((resolve) => host.once('exit', resolve));
rmSync(dir, { recursive: true, force: true });
