// npm run bench — prints each figure beside its target and writes bench/results.json. It reports; it never gates.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { request } from 'undici';
import { openDatabase, PAGE_SIZE_BYTES } from '../src-main/db/open';
import { runExport } from '../src-main/export/service';
import { queryGrid } from '../src-main/grid/query';
import type { GridQuery } from '../src-shared/grid-types';
import type { HttpRequest } from '../src-main/http/transport';
import { SUPPLIER_KINDS } from '../src-main/suppliers/registry';
import { THREADS_FROM_OFFERS } from '../src-main/sync/worker/thread-plan';
import { measureLabelledSets } from '../test/fixtures/labelled-sets';
import { startSimulatorHost, type SimulatorHost } from './simulator-host';
import { bundleBenchChildren } from './bundle-sync';
import type { GridBuilt, GridCommand, GridRefreshed } from './grid-child';
import type { SyncChildArgs, SyncChildResult } from './sync-child';

/** The 100k runs measure our CPU and memory, not a supplier's budget: rate limits are lifted there, on both sides. */
const UNLIMITED = { rateLimit: null };
const UNPACED = { maxRequests: 1_000_000_000, requestsPerMinute: 1_000_000_000 };

interface Figure {
  name: string;
  value: number | string;
  unit: string;
  target?: string;
  met?: boolean;
}

const figures: Figure[] = [];
/** Names the catalog a figure was measured on, so the 10k and 100k runs stay apart in results.json. */
let section = '';
const report = (figure: Figure) => {
  // Printed under the same full name results.json keeps ("100k offers: …"), so a figure can be found by its name.
  const name = section ? `${section}: ${figure.name.trim()}` : figure.name.trim();
  figures.push({ ...figure, name });
  const value =
    typeof figure.value === 'number'
      ? Number.isInteger(figure.value)
        ? figure.value
        : figure.value.toFixed(figure.unit === 'ratio' ? 3 : 1)
      : figure.value;
  const verdict = figure.met === undefined ? '' : figure.met ? '  ✓' : '  ✗ (misses target)';
  const indent = figure.name.startsWith('  ') ? '  ' : '';
  process.stdout.write(
    `${(indent + name).padEnd(84)} ${String(value).padStart(12)} ${figure.unit.padEnd(9)} ${figure.target ? `target ${figure.target}` : ''}${verdict}\n`,
  );
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

function matcher(): void {
  process.stdout.write(
    '\n== Matcher on the labelled titles (test/fixtures/plan-titles*.json; "untouched" is never tuned against)\n',
  );
  for (const { set, titles, quality } of measureLabelledSets()) {
    const targets = set.targets;
    report({ name: `${set.name}: titles labelled`, value: titles, unit: 'titles' });
    report({
      name: `${set.name}: precision (pairs matched that belong together)`,
      value: quality.precision,
      unit: 'ratio',
      ...(targets && { target: `≥ ${targets.precision}`, met: quality.precision >= targets.precision }),
    });
    report({
      name: `${set.name}: recall (pairs belonging together that matched)`,
      value: quality.recall,
      unit: 'ratio',
      ...(targets && { target: `≥ ${targets.recall}`, met: quality.recall >= targets.recall }),
    });
    report({ name: `${set.name}: attribute extraction accuracy`, value: quality.extractionAccuracy, unit: 'ratio' });
  }
}

/** bench/sync-child.ts and bench/grid-child.ts bundled (bench/bundle-sync.ts), made once per bench run. */
let children: ReturnType<typeof bundleBenchChildren> | null = null;

/** One sync in a fresh process (bench/sync-child.ts): its time and its own peak memory. */
async function syncInChild(args: SyncChildArgs): Promise<SyncChildResult> {
  children ??= bundleBenchChildren();
  const { syncChild } = await children;
  // BENCH_PROFILE_DIR=<dir>: every sync process writes a CPU profile per thread there (node --cpu-prof).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, syncChild, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the sync process exited with ${code}`);
  return JSON.parse(output.trim().split('\n').pop()!) as SyncChildResult;
}

/** A round's grid, in a process of its own (bench/grid-child.ts), kept between its build and its update. */
async function startGridChild(dbFile: string) {
  children ??= bundleBenchChildren();
  const child = spawn(process.execPath, [(await children).gridChild, dbFile], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const send = async <T>(command: GridCommand): Promise<T> => {
    child.stdin.write(`${JSON.stringify(command)}\n`);
    const line = await lines.next();
    if (line.done) throw new Error('the grid process ended unexpectedly');
    return JSON.parse(line.value) as T;
  };
  return {
    build: () => send<GridBuilt>({ cmd: 'build' }),
    refresh: () => send<GridRefreshed>({ cmd: 'refresh' }),
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    },
  };
}

function checkSuppliers(run: SyncChildResult): void {
  for (const result of run.results)
    if (result.status !== 'ok') throw new Error(`${result.supplierId} did not sync: ${result.error}`);
}

function reportSuppliers(run: SyncChildResult): void {
  for (const result of run.results) {
    report({
      name: `  ${result.supplierId}: ${result.status}${result.mode ? ` (${result.mode})` : ''}, ${result.offers} offers, ${result.requests ?? '?'} requests, fetch+map / commit ms`,
      value: `${result.fetchMs.toFixed(0)} / ${result.commitMs.toFixed(0)}`,
      unit: 'ms',
    });
    if (result.status !== 'ok') throw new Error(`${result.supplierId} did not sync: ${result.error}`);
  }
}

/**
 * The threads the app would list a catalog of this size in full with, had it synced it before (THREADS_FROM_OFFERS);
 * `BENCH_THREADS=N` to measure the full syncs on N instead.
 */
const BENCH_THREADS = process.env.BENCH_THREADS;
if (BENCH_THREADS !== undefined && !/^[1-9]\d*$/.test(BENCH_THREADS))
  throw new Error(`BENCH_THREADS must be a positive whole number, got ${BENCH_THREADS}`);
const threadsFor = (offers: number) =>
  BENCH_THREADS ? Number(BENCH_THREADS) : offers >= THREADS_FROM_OFFERS ? availableParallelism() : 1;

/** The simulators' churn for the incremental runs: about 1 % of the items change in one generation step (usually 11 %). */
const INCREMENTAL_CHURN = 0.09;

async function catalogRun(totalOffers: number): Promise<void> {
  section = `${totalOffers / 1000}k offers`;
  process.stdout.write(
    `\n== Catalog of ~${totalOffers.toLocaleString('en')} offers over ${SUPPLIER_KINDS.length} simulators (simulators and each sync in processes of their own)\n`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'supplygrid-bench-'));
  let host: SimulatorHost | null = null;
  try {
    // Goods catalogs (SEAGM) and some plan catalogs stop growing long before 20k offers: measure what each
    // simulator yields at an even share, then give the shortfall to the two that scale (Dujiao-Next, MeSIM).
    const share = Math.ceil(totalOffers / SUPPLIER_KINDS.length);
    const yields = await catalogSizes(share, dir);
    const shortfall = Math.max(0, totalOffers - [...yields.values()].reduce((a, b) => a + b, 0));
    const scalable = new Set(['dujiao-next', 'mesim']);
    host = await startSimulatorHost(
      SUPPLIER_KINDS.map((kind) => ({
        kind: kind.kind,
        options: {
          size: share + (scalable.has(kind.kind) ? Math.ceil(shortfall / scalable.size) : 0),
          generation: 0,
          churn: INCREMENTAL_CHURN,
          ...UNLIMITED,
        },
      })),
    );
    // Each round: a fresh database, a full sync, its floors, the full grid (in a process of its own), an incremental
    // sync and the grid update after it. The ratios are the median of the rounds (each round's printed beside it): one
    // round on two shared cores moves by a tenth from run to run.
    // First, one full sync that is not measured: a real supplier's server is warm, and a simulator serving its first
    // listing would spend the cores on compiling its own code in the middle of the measured sync (and not in its floor).
    checkSuppliers(
      await syncInChild({
        db: join(dir, 'warm-up.db'),
        connections: host.connections,
        mode: 'full',
        budgetTuning: UNPACED,
      }),
    );
    const rounds: Round[] = [];
    for (let index = 0; index < ROUNDS; index++) {
      if (index > 0) await host.send({ cmd: 'generation', generation: 0 });
      rounds.push(await catalogRound(host, join(dir, `round-${index}`), totalOffers, index === 0));
    }
    const medianOf = (pick: (round: Round) => number) => median(rounds.map(pick));
    const each = (pick: (round: Round) => number) =>
      rounds.map((round) => pick(round).toFixed(pick(round) < 10 ? 3 : 0)).join(', ');
    const figure = (name: string, pick: (round: Round) => number, unit: string, target?: [string, boolean]) => {
      const value = medianOf(pick);
      report({ name, value, unit, ...(target && { target: target[0], met: target[1] }) });
      if (rounds.length > 1) report({ name: `  ${name.trim()}, each round`, value: each(pick), unit });
    };
    figure('full sync, all suppliers', (r) => r.full.wallMs, 'ms');
    figure('full sync throughput', (r) => r.offers / (r.full.wallMs / 1000), 'offers/s');
    figure('  CPU of the syncing process (all threads)', (r) => r.full.cpuMs, 'ms');
    figure('  CPU of the simulators meanwhile', (r) => r.simulatorCpuMs, 'ms');
    figure('floor: same requests over loopback + JSON.parse', (r) => r.fetchFloorMs, 'ms');
    figure('floor: same rows in one SQLite transaction', (r) => r.storageFloorMs, 'ms');
    const ratio = medianOf((r) => r.full.wallMs / (r.fetchFloorMs + r.storageFloorMs));
    figure(
      'sync ÷ (fetch floor + storage floor)',
      (r) => r.full.wallMs / (r.fetchFloorMs + r.storageFloorMs),
      'ratio',
      ['≤ 1.5', ratio <= 1.5],
    );
    const rss = medianOf((r) => r.full.peakRssMiB);
    figure('peak RSS of the syncing process', (r) => r.full.peakRssMiB, 'MiB', ['≤ 300', rss <= 300]);
    figure(`full grid rebuild (${rounds[0].gridRows} plan rows)`, (r) => r.fullBuildMs, 'ms');
    figure('incremental sync, all suppliers', (r) => r.incremental.wallMs, 'ms');
    figure('  CPU of the syncing process (all threads)', (r) => r.incremental.cpuMs, 'ms');
    figure('  offers added, removed or changed', (r) => r.changed, 'offers');
    figure('  share of the catalog changed', (r) => (100 * r.changed) / Math.max(1, r.offers), '%');
    const incRatio = medianOf((r) => r.incremental.wallMs / r.full.wallMs);
    figure('incremental sync ÷ full sync', (r) => r.incremental.wallMs / r.full.wallMs, 'ratio', [
      '≤ 0.2',
      incRatio <= 0.2,
    ]);
    figure(
      `grid update after the incremental sync (${rounds[0].refreshed.mode}, ${rounds[0].refreshed.rowsWritten} rows written, ` +
        `${rounds[0].refreshed.rowsRestated} of them restated)`,
      (r) => r.updateMs,
      'ms',
    );
    const gridRatio = medianOf((r) => r.updateMs / r.fullBuildMs);
    figure('grid update after the incremental sync ÷ full grid rebuild', (r) => r.updateMs / r.fullBuildMs, 'ratio', [
      '≤ 0.1',
      gridRatio <= 0.1,
    ]);

    const db2 = openDatabase(rounds[rounds.length - 1].dbFile);
    gridQueries(db2);
    await exportRun(db2, dir);
    db2.close();
  } finally {
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rounds of the catalog runs; `--rounds=N` to change. */
const ROUNDS = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

interface Round {
  dbFile: string;
  full: SyncChildResult;
  simulatorCpuMs: number;
  fetchFloorMs: number;
  storageFloorMs: number;
  offers: number;
  gridRows: number;
  fullBuildMs: number;
  incremental: SyncChildResult;
  changed: number;
  refreshed: GridRefreshed;
  updateMs: number;
}

/** One round over generation 0 then 1 of the simulators, in a database of its own; the first prints its details. */
async function catalogRound(host: SimulatorHost, dir: string, totalOffers: number, verbose: boolean): Promise<Round> {
  mkdirSync(dir);
  const dbFile = join(dir, 'bench.db');
  const recordFile = join(dir, 'requests.jsonl');

  // Full sync, recording every request so the network floor can replay exactly the same traffic.
  const simCpuBefore = await simulatorCpuMs(host);
  const full = await syncInChild({
    db: dbFile,
    connections: host.connections,
    mode: 'full',
    recordTo: recordFile,
    budgetTuning: UNPACED,
    threads: threadsFor(totalOffers),
  });
  const simulatorCpu = (await simulatorCpuMs(host)) - simCpuBefore;
  if (verbose) reportSuppliers(full);
  else checkSuppliers(full);
  const offers = full.results.reduce((sum, r) => sum + r.offers, 0);

  // Floor 1: the same requests over loopback, JSON-parsed, nothing else (one at a time per supplier).
  const recorded = readFileSync(recordFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as HttpRequest);
  const fetchStarted = performance.now();
  const hostFloors = await Promise.all(
    groupByHost(recorded).map(async (requests) => {
      for (const req of requests) {
        const response = await request(req.url, { method: req.method, headers: req.headers, body: req.body });
        JSON.parse(await response.body.text());
      }
      return { host: new URL(requests[0].url).host, requests: requests.length, ms: performance.now() - fetchStarted };
    }),
  );
  const fetchFloorMs = performance.now() - fetchStarted;
  if (verbose)
    for (const floor of hostFloors)
      report({ name: `  fetch floor of ${floor.host} (${floor.requests} requests)`, value: floor.ms, unit: 'ms' });
  const db = openDatabase(dbFile);
  // Floor 2: the same rows into SQLite in one prepared-statement transaction.
  const storageFloorMs = storageFloor(db, join(dir, 'floor.db'));

  db.close();
  // The grid, built whole once: the reference for the incremental update below.
  const grid = await startGridChild(dbFile);
  const built = await grid.build();

  // Incremental sync: the simulators move one generation in which about 1 % of the items change.
  await host.send({ cmd: 'generation', generation: 1 });
  // The database knows the catalog now: the app's own choice of threads, as it would make it.
  const incremental = await syncInChild({
    db: dbFile,
    connections: host.connections,
    mode: 'auto',
    budgetTuning: UNPACED,
  });
  if (verbose) reportSuppliers(incremental);
  else checkSuppliers(incremental);
  const changed = incremental.results.reduce((sum, r) => sum + r.changes, 0);

  const refreshed = await grid.refresh();
  await grid.close();
  return {
    dbFile,
    full,
    simulatorCpuMs: simulatorCpu,
    fetchFloorMs,
    storageFloorMs,
    offers,
    gridRows: built.rows,
    fullBuildMs: built.ms,
    incremental,
    changed,
    refreshed,
    updateMs: refreshed.ms,
  };
}

async function simulatorCpuMs(host: SimulatorHost): Promise<number> {
  return (await host.send({ cmd: 'stats' })).cpuMs as number;
}

function storageFloor(db: Database, file: string): number {
  const rows = db.prepare('SELECT * FROM offers').all() as Array<Record<string, unknown>>;
  const scratch = new BetterSqlite3(file);
  // Configured as the app's database is: a floor on SQLite's default 4 KiB pages would credit the sync with the page
  // size, not with its own work.
  scratch.pragma(`page_size = ${PAGE_SIZE_BYTES}`);
  scratch.pragma('journal_mode = WAL');
  scratch.pragma('synchronous = NORMAL');
  const columns = Object.keys(rows[0] ?? { a: 1 });
  scratch.exec(`CREATE TABLE offers (${columns.join(', ')})`);
  const insert = scratch.prepare(`INSERT INTO offers VALUES (${columns.map(() => '?').join(', ')})`);
  const started = performance.now();
  scratch.transaction(() => {
    for (const row of rows) insert.run(...columns.map((c) => row[c]));
  })();
  const ms = performance.now() - started;
  scratch.close();
  return ms;
}

function gridQueries(db: Database): void {
  const queries: Array<[string, GridQuery]> = [
    ['default sort (title)', {}],
    ['sort by margin', { sort: { column: 'margin', direction: 'asc' } }],
    ['filter by country (JP)', { countries: ['JP'] }],
    ['search, Latin ("hong kong")', { search: 'hong kong' }],
    ['search, Chinese ("香港")', { search: '香港' }],
    ['deep page (offset 5000)', { offset: 5000 }],
  ];
  for (const [label, query] of queries) {
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      queryGrid(db, { limit: 100, ...query });
      times.push(performance.now() - t);
    }
    report({
      name: `grid page p50, ${label}`,
      value: percentile(times, 50),
      unit: 'ms',
      target: '< 50',
      met: percentile(times, 50) < 50,
    });
    report({
      name: `grid page p95, ${label}`,
      value: percentile(times, 95),
      unit: 'ms',
      target: '< 50',
      met: percentile(times, 95) < 50,
    });
  }
}

/** Every plan row as a Shopify CSV, streamed; memory is sampled while it runs. */
async function exportRun(db: Database, dir: string): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const rssBefore = process.memoryUsage().rss;
  const exportStarted = performance.now();
  const exported = await runExport(db, { preset: 'shopify', languages: ['en', 'zh-CN'] }, join(dir, 'export.csv'));
  clearInterval(sampler);
  report({
    name: `export (${exported.rows} rows, Shopify preset)`,
    value: performance.now() - exportStarted,
    unit: 'ms',
  });
  report({ name: '  RSS growth during the export', value: (peakRss - rssBefore) / 1024 / 1024, unit: 'MiB' });
}

/** Offers each simulator yields when asked for `size`, by kind (synced into a scratch database). */
async function catalogSizes(size: number, dir: string): Promise<Map<string, number>> {
  const host = await startSimulatorHost(
    SUPPLIER_KINDS.map((kind) => ({ kind: kind.kind, options: { size, generation: 0, ...UNLIMITED } })),
  );
  try {
    const run = await syncInChild({
      db: join(dir, 'sizes.db'),
      connections: host.connections,
      mode: 'full',
      budgetTuning: UNPACED,
    });
    return new Map(run.results.map((result, index) => [host.connections[index].kind, result.offers]));
  } finally {
    await host.close();
  }
}

/**
 * Dujiao-Next's real rate limit (a fixed window of 60 requests from the first one; the 61st blocks the key), with the
 * window scaled down (60 s → 5 s) so the run takes seconds instead of minutes; the scale is printed beside the
 * figures. The scale-down makes our fixed costs (mapping the last pages, the commit) weigh 12× more than they do
 * against the real window, so the ratio is conservative.
 */
const SCALED_RULE = { windowMs: 5_000, max: 60, blockMs: 2_500 };
const SCALED_TUNING = { windowMs: SCALED_RULE.windowMs, maxRequests: SCALED_RULE.max, blockMs: SCALED_RULE.blockMs };

async function rateLimitedRun(): Promise<void> {
  section = 'rate-limited';
  const products = 6_000;
  process.stdout.write(
    `\n== Dujiao-Next simulator enforcing the real rule, window scaled: ${SCALED_RULE.max} requests per ${SCALED_RULE.windowMs} ms ` +
      `(real: 60 per 60 000 ms), block ${SCALED_RULE.blockMs} ms (real: 30 000 ms); ~${products.toLocaleString('en')} products\n`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'supplygrid-bench-rl-'));
  const host = await startSimulatorHost([
    {
      kind: 'dujiao-next',
      options: { size: products, generation: 0, churn: INCREMENTAL_CHURN, rateLimit: SCALED_RULE },
    },
  ]);
  try {
    const connections = host.connections;
    const full = await syncInChild({ db: join(dir, 'rl.db'), connections, mode: 'full', budgetTuning: SCALED_TUNING });
    reportSuppliers(full);
    const requests = full.results[0].requests ?? 0;
    const stats = (await host.send({ cmd: 'stats' })).stats as Array<{ requests: number; blocks: number }>;
    report({ name: 'blocks', value: stats[0].blocks, unit: 'blocks', target: '0', met: stats[0].blocks === 0 });
    // The earliest the last request may go: one full window per batch of `max` requests before the last batch.
    const leastMs = Math.max(1, Math.ceil(requests / SCALED_RULE.max) - 1) * SCALED_RULE.windowMs;
    report({
      name: `full sync (${requests} requests, least time the limit allows ${leastMs} ms)`,
      value: full.wallMs,
      unit: 'ms',
    });
    const ratio = full.wallMs / leastMs;
    report({
      name: 'sync time ÷ least time the limit allows',
      value: ratio,
      unit: 'ratio',
      target: '≤ 1.2',
      met: ratio <= 1.2,
    });

    await host.send({ cmd: 'generation', generation: 1 });
    const incremental = await syncInChild({
      db: join(dir, 'rl.db'),
      connections,
      mode: 'auto',
      budgetTuning: SCALED_TUNING,
    });
    reportSuppliers(incremental);
    const incRequests = incremental.results[0].requests ?? 0;
    const requestRatio = incRequests / Math.max(1, requests);
    report({ name: '  incremental sync requests', value: incRequests, unit: 'requests' });
    report({
      name: 'incremental requests ÷ full requests',
      value: requestRatio,
      unit: 'ratio',
      target: '≤ 0.1',
      met: requestRatio <= 0.1,
    });
    const after = (await host.send({ cmd: 'stats' })).stats as Array<{ blocks: number }>;
    report({
      name: 'blocks after the incremental sync',
      value: after[0].blocks,
      unit: 'blocks',
      target: '0',
      met: after[0].blocks === 0,
    });
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function groupByHost(requests: HttpRequest[]): HttpRequest[][] {
  const groups = new Map<string, HttpRequest[]>();
  for (const req of requests) {
    const hostName = new URL(req.url).host;
    groups.set(hostName, [...(groups.get(hostName) ?? []), req]);
  }
  return [...groups.values()];
}

const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '10000,100000').split(',').map(Number);
process.stdout.write('SupplyGrid benchmarks (figures beside targets; this run reports, it does not gate)\n');
matcher();
for (const size of sizes) await catalogRun(size);
if (!process.argv.includes('--no-rate-limit')) await rateLimitedRun();
writeFileSync(
  fileURLToPath(new URL('./results.json', import.meta.url)),
  JSON.stringify({ at: new Date().toISOString(), node: process.version, figures }, null, 2),
);
process.stdout.write('\nWrote bench/results.json\n');
