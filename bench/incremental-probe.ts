// Times an incremental sync like the bench's alone, again and again, on copies of one database synced in full once:
//   node bin/run-ts.mjs bench/incremental-probe.ts [rounds] [size]
// The catalog is close to the bench's: `size` shared out among the kinds, the two Dujiao-Next protocol ones (Dujiao-Next
// and MeSIM) 2.3 shares each, where the bench sizes them to make up the round total.
// PROBE_SUPPLIERS=linksfield,dujiao syncs only the connections whose ids contain one of those (what each one adds);
// BENCH_PROFILE_DIR=<dir> profiles each sync process (node --cpu-prof). Runs from source, so a sync that starts worker
// threads pays their TypeScript loading here, unlike in the bench's bundles.
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src-main/db/open';
import { SUPPLIER_KINDS } from '../src-main/suppliers/registry';
import { startSimulatorHost } from './simulator-host';
import type { SyncChildArgs, SyncChildResult } from './sync-child';

const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
const UNPACED = { maxRequests: 1_000_000_000, requestsPerMinute: 1_000_000_000 };
const rounds = Number(process.argv[2] ?? 5);
const total = Number(process.argv[3] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'supplygrid-incremental-'));

const share = Math.ceil(total / SUPPLIER_KINDS.length);
const LARGE_KINDS = ['dujiao-next', 'mesim'];
const host = await startSimulatorHost(
  SUPPLIER_KINDS.map((kind) => ({
    kind: kind.kind,
    options: {
      size: LARGE_KINDS.includes(kind.kind) ? Math.round(share * 2.3) : share,
      generation: 0,
      churn: 0.09,
      rateLimit: null,
    },
  })),
);
const { connections } = host;

async function sync(args: SyncChildArgs): Promise<SyncChildResult> {
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', '--cpu-prof-interval=250', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, runTs, fileURLToPath(new URL('./sync-child.ts', import.meta.url)), JSON.stringify(args)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the sync process exited with ${String(code)}`);
  return JSON.parse(output.trim().split('\n').pop()!) as SyncChildResult;
}

try {
  const base = join(dir, 'base.db');
  const full = await sync({ db: base, connections, mode: 'full', budgetTuning: UNPACED, threads: 2 });
  process.stdout.write(`full: ${full.wallMs.toFixed(0)} ms\n`);
  const db = openDatabase(base);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  await host.send({ cmd: 'generation', generation: 1 });
  for (let round = 0; round < rounds; round++) {
    const work = join(dir, 'work.db');
    for (const suffix of ['', '-wal', '-shm']) rmSync(work + suffix, { force: true });
    copyFileSync(base, work);
    // Flushed now: SQLite's first sync would otherwise write the whole fresh copy inside the measured sync.
    const copied = openSync(work, 'r+');
    fsyncSync(copied);
    closeSync(copied);
    const only = process.env.PROBE_SUPPLIERS?.split(',');
    const chosen = only ? connections.filter((c) => only.some((id) => c.id.includes(id))) : connections;
    const result = await sync({ db: work, connections: chosen, mode: 'auto', budgetTuning: UNPACED });
    process.stdout.write(
      `incremental: ${result.wallMs.toFixed(0)} ms, cpu ${result.cpuMs.toFixed(0)} ms; ${result.results
        .map((r) => `${r.supplierId.replace('demo-', '')} ${r.fetchMs.toFixed(0)}+${r.commitMs.toFixed(0)}`)
        .join(', ')}\n`,
    );
  }
} finally {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
}
