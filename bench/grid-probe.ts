// Measures the grid alone on the bench's 100k catalog, without re-running the syncs each time:
//   node bin/run-ts.mjs bench/grid-probe.ts prepare [dir] [size]   full sync → base.db, then the incremental sync → next.db
//   node bin/run-ts.mjs bench/grid-probe.ts [dir]                  full rebuild on a copy of base.db, then the catalog of
//                                                                  next.db laid over it and the incremental refresh timed
// GRID_PROBE_PROFILE=DIR writes CPU profiles of both (full.cpuprofile, incremental.cpuprofile) there.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src-main/db/open';
import { buildGrid } from '../src-main/grid/build';
import { refreshGrid } from '../src-main/grid/refresh';
import { ensureSomeRates } from '../src-main/pricing/rates-service';
import { SUPPLIER_KINDS } from '../src-main/suppliers/registry';
import { startSimulatorHost } from './simulator-host';
import type { SyncChildArgs } from './sync-child';

const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
const UNPACED = { maxRequests: 1_000_000_000, requestsPerMinute: 1_000_000_000 };
const args = process.argv.slice(2);
const preparing = args[0] === 'prepare';
const dir = (preparing ? args[1] : args[0]) ?? '/tmp/grid-probe';

async function sync(syncArgs: SyncChildArgs): Promise<Array<{ offers: number }>> {
  const child = spawn(
    process.execPath,
    [runTs, fileURLToPath(new URL('./sync-child.ts', import.meta.url)), JSON.stringify(syncArgs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  await new Promise((r) => child.once('exit', r));
  return (JSON.parse(output.trim().split('\n').pop()!) as { results: Array<{ offers: number }> }).results;
}

async function prepare(total: number): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const share = Math.ceil(total / SUPPLIER_KINDS.length);
  const sizing = await startSimulatorHost(
    SUPPLIER_KINDS.map((kind) => ({ kind: kind.kind, options: { size: share, generation: 0, rateLimit: null } })),
  );
  const yields = await sync({
    db: join(dir, 'sizes.db'),
    connections: sizing.connections,
    mode: 'full',
    budgetTuning: UNPACED,
  });
  await sizing.close();
  const shortfall = Math.max(0, total - yields.reduce((a, b) => a + b.offers, 0));
  const scalable = new Set(['dujiao-next', 'mesim']);
  const host = await startSimulatorHost(
    SUPPLIER_KINDS.map((kind) => ({
      kind: kind.kind,
      options: {
        size: share + (scalable.has(kind.kind) ? Math.ceil(shortfall / scalable.size) : 0),
        generation: 0,
        churn: 0.09,
        rateLimit: null,
      },
    })),
  );
  try {
    const base = join(dir, 'base.db');
    await sync({ db: base, connections: host.connections, mode: 'full', budgetTuning: UNPACED });
    const db = openDatabase(base);
    ensureSomeRates(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    copyFileSync(base, join(dir, 'next.db'));
    await host.send({ cmd: 'generation', generation: 1 });
    await sync({ db: join(dir, 'next.db'), connections: host.connections, mode: 'auto', budgetTuning: UNPACED });
    const next = openDatabase(join(dir, 'next.db'));
    next.pragma('wal_checkpoint(TRUNCATE)');
    next.close();
  } finally {
    await host.close();
  }
  process.stdout.write(`prepared ${dir}\n`);
}

/** Starts a CPU profile of what follows; the returned function writes it to `file`. */
function profiler(file: string): () => void {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  return () =>
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(file, JSON.stringify(result.profile));
      session.disconnect();
    });
}

function measure(): void {
  const work = join(dir, 'work.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(work + suffix, { force: true });
  copyFileSync(join(dir, 'base.db'), work);
  const db = openDatabase(work);
  // CPU time beside wall time: on a shared machine the wall clock also measures the neighbours.
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  let started = performance.now();
  let cpu = process.cpuUsage();
  const fullProfile = process.env.GRID_PROBE_PROFILE
    ? profiler(join(process.env.GRID_PROBE_PROFILE, 'full.cpuprofile'))
    : null;
  const built = buildGrid(db);
  fullProfile?.();
  const fullMs = performance.now() - started;
  const fullCpu = cpuMs(cpu);
  // What the incremental sync wrote, laid over the built grid's catalog (the grid tables stay as built).
  // Whole tables are swapped, children and parents alike: their references hold again once the copy is done.
  db.pragma('foreign_keys = OFF');
  db.prepare('ATTACH DATABASE ? AS next').run(join(dir, 'next.db'));
  db.transaction(() => {
    for (const table of ['offers', 'changes', 'sync_runs'])
      db.exec(`DELETE FROM main.${table}; INSERT INTO main.${table} SELECT * FROM next.${table};`);
    db.exec(
      `INSERT OR REPLACE INTO main.app_state SELECT * FROM next.app_state WHERE key NOT LIKE 'grid.%' OR key = 'grid.version'`,
    );
  })();
  db.exec('DETACH DATABASE next');
  db.pragma('foreign_keys = ON');
  const profile = process.env.GRID_PROBE_PROFILE
    ? profiler(join(process.env.GRID_PROBE_PROFILE, 'incremental.cpuprofile'))
    : null;
  started = performance.now();
  cpu = process.cpuUsage();
  const refreshed = refreshGrid(db);
  const incMs = performance.now() - started;
  const incCpu = cpuMs(cpu);
  profile?.();
  started = performance.now();
  const rebuilt = buildGrid(db);
  const fullAgainMs = performance.now() - started;
  db.close();
  process.stdout.write(
    `full rebuild (${built.rows} rows) ${fullMs.toFixed(0)} ms; incremental (${refreshed.mode}, ${refreshed.rowsWritten} rows written, ` +
      `${refreshed.rowsRestated} restated, ${refreshed.offersRead} offers read) ${incMs.toFixed(0)} ms; ratio ${(incMs / fullMs).toFixed(3)}; ` +
      `CPU ${fullCpu.toFixed(0)} / ${incCpu.toFixed(0)} ms, ratio ${(incCpu / fullCpu).toFixed(3)}; second full rebuild (${rebuilt.rows} rows) ${fullAgainMs.toFixed(0)} ms\n`,
  );
}

if (preparing) await prepare(Number(args[2] ?? 100_000));
else if (!existsSync(join(dir, 'base.db'))) throw new Error(`run "prepare" first (${dir})`);
else measure();
