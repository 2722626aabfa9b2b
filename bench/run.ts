// npm run bench — prints each figure beside its target and writes bench/results.json. It reports; it never gates.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { request } from 'undici';
import { openDatabase } from '../src-main/db/open';
import { measureMatcher, type LabelledTitle } from '../src-main/domain/match-quality';
import { runExport } from '../src-main/export/service';
import { buildGrid } from '../src-main/grid/build';
import { queryGrid } from '../src-main/grid/query';
import type { GridQuery } from '../src-main/grid/types';
import { transportTaps, type HttpRequest } from '../src-main/http/transport';
import { ensureSomeRates } from '../src-main/pricing/rates-service';
import type { RunningSimulator } from '../src-main/suppliers/adapter';
import { SUPPLIER_KINDS } from '../src-main/suppliers/registry';
import { syncSuppliers } from '../src-main/sync/engine';
import { syncTargetFor } from '../src-main/sync/targets';

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
  figures.push({ ...figure, name: section ? `${section}: ${figure.name.trim()}` : figure.name.trim() });
  const value = typeof figure.value === 'number' ? (Number.isInteger(figure.value) ? figure.value : figure.value.toFixed(figure.unit === 'ratio' ? 3 : 1)) : figure.value;
  const verdict = figure.met === undefined ? '' : figure.met ? '  ✓' : '  ✗ (misses target)';
  process.stdout.write(`${figure.name.padEnd(58)} ${String(value).padStart(12)} ${figure.unit.padEnd(9)} ${figure.target ? `target ${figure.target}` : ''}${verdict}\n`);
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

function matcher(): void {
  process.stdout.write('\n== Matcher on the labelled titles (test/fixtures/plan-titles.json)\n');
  const labelled = JSON.parse(readFileSync(fileURLToPath(new URL('../test/fixtures/plan-titles.json', import.meta.url)), 'utf8')) as LabelledTitle[];
  const quality = measureMatcher(labelled);
  report({ name: `titles labelled`, value: labelled.length, unit: 'titles', target: '≥ 150', met: labelled.length >= 150 });
  report({ name: 'precision (pairs matched that belong together)', value: quality.precision, unit: 'ratio', target: '≥ 0.95', met: quality.precision >= 0.95 });
  report({ name: 'recall (pairs belonging together that matched)', value: quality.recall, unit: 'ratio' });
  report({ name: 'attribute extraction accuracy', value: quality.extractionAccuracy, unit: 'ratio' });
}

async function catalogRun(totalOffers: number): Promise<void> {
  section = `${totalOffers / 1000}k offers`;
  process.stdout.write(`\n== Catalog of ~${totalOffers.toLocaleString('en')} offers over ${SUPPLIER_KINDS.length} simulators\n`);
  const dir = mkdtempSync(join(tmpdir(), 'supplygrid-bench-'));
  const simulators: RunningSimulator[] = [];
  try {
    // Goods catalogs (SEAGM) and some plan catalogs stop growing long before 20k offers: measure what each
    // simulator yields at an even share, then give the shortfall to the two that scale (Dujiao-Next, MeSIM).
    const share = Math.ceil(totalOffers / SUPPLIER_KINDS.length);
    const yields = await catalogSizes(share, dir);
    const shortfall = Math.max(0, totalOffers - [...yields.values()].reduce((a, b) => a + b, 0));
    const scalable = new Set(['dujiao-next', 'mesim']);
    for (const kind of SUPPLIER_KINDS) {
      const extra = scalable.has(kind.kind) ? Math.ceil(shortfall / scalable.size) : 0;
      simulators.push(await kind.startSimulator({ size: share + extra, generation: 0 }));
    }
    const db = openDatabase(join(dir, 'bench.db'));
    const targets = () => simulators.map((sim) => syncTargetFor(sim.connection));

    // Full sync, recording every request so the network floor can replay exactly the same traffic.
    const recorded: HttpRequest[] = [];
    const tap = (req: HttpRequest) => recorded.push(req);
    transportTaps.add(tap);
    const started = performance.now();
    const results = await syncSuppliers(db, targets(), { concurrency: SUPPLIER_KINDS.length });
    const syncMs = performance.now() - started;
    transportTaps.delete(tap);
    let offers = 0;
    for (const result of results) {
      const count = result.counts?.offers ?? 0;
      offers += count;
      report({ name: `  ${result.supplierId}: ${result.status}, ${count} offers, fetch+map / commit ms`, value: `${result.timings.fetchMs.toFixed(0)} / ${result.timings.commitMs.toFixed(0)}`, unit: 'ms' });
    }
    report({ name: 'full sync, all suppliers', value: syncMs, unit: 'ms' });
    report({ name: 'full sync throughput', value: offers / (syncMs / 1000), unit: 'offers/s' });
    report({ name: 'peak RSS of this process so far', value: process.resourceUsage().maxRSS / 1024, unit: 'MiB' });

    // Floor 1: the same requests over loopback, JSON-parsed, nothing else (same concurrency per supplier: none).
    const fetchStarted = performance.now();
    await Promise.all(groupByHost(recorded).map(async (requests) => {
      for (const req of requests) {
        const response = await request(req.url, { method: req.method, headers: req.headers, body: req.body });
        JSON.parse(await response.body.text());
      }
    }));
    const fetchFloorMs = performance.now() - fetchStarted;
    // Floor 2: the same rows into SQLite in one prepared-statement transaction.
    const rows = db.prepare('SELECT * FROM offers').all() as Array<Record<string, unknown>>;
    const scratch = new BetterSqlite3(join(dir, 'floor.db'));
    scratch.pragma('journal_mode = WAL');
    scratch.pragma('synchronous = NORMAL');
    const columns = Object.keys(rows[0] ?? { a: 1 });
    scratch.exec(`CREATE TABLE offers (${columns.join(', ')})`);
    const insert = scratch.prepare(`INSERT INTO offers VALUES (${columns.map(() => '?').join(', ')})`);
    const storeStarted = performance.now();
    scratch.transaction(() => {
      for (const row of rows) insert.run(...columns.map((c) => row[c]));
    })();
    const storageFloorMs = performance.now() - storeStarted;
    scratch.close();
    report({ name: 'floor: same requests over loopback + JSON.parse', value: fetchFloorMs, unit: 'ms' });
    report({ name: 'floor: same rows in one SQLite transaction', value: storageFloorMs, unit: 'ms' });
    const ratio = syncMs / (fetchFloorMs + storageFloorMs);
    report({ name: 'sync ÷ (fetch floor + storage floor)', value: ratio, unit: 'ratio', target: '≤ 1.5', met: ratio <= 1.5 });

    // Incremental sync: the simulators move one generation (a few % of items change).
    for (const sim of simulators) sim.setGeneration(1);
    const incStarted = performance.now();
    const incremental = await syncSuppliers(db, targets(), { concurrency: SUPPLIER_KINDS.length });
    const changes = incremental.reduce((sum, r) => sum + (r.counts ? r.counts.added + r.counts.removed + r.counts.changed : 0), 0);
    report({ name: 'incremental sync (next generation)', value: performance.now() - incStarted, unit: 'ms' });
    report({ name: '  offers added, removed or changed', value: changes, unit: 'offers' });

    // Grid: rebuild, then page queries.
    ensureSomeRates(db);
    const buildStarted = performance.now();
    const built = buildGrid(db);
    report({ name: `grid rebuild (${built.rows} plan rows)`, value: performance.now() - buildStarted, unit: 'ms' });
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
      report({ name: `grid page p50, ${label}`, value: percentile(times, 50), unit: 'ms', target: '< 50', met: percentile(times, 50) < 50 });
      report({ name: `grid page p95, ${label}`, value: percentile(times, 95), unit: 'ms', target: '< 50', met: percentile(times, 95) < 50 });
    }

    // Export every plan row as a Shopify CSV, streamed; memory is sampled while it runs.
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const rssBefore = process.memoryUsage().rss;
    const exportStarted = performance.now();
    const exported = await runExport(db, { preset: 'shopify', languages: ['en', 'zh-CN'] }, join(dir, 'export.csv'));
    clearInterval(sampler);
    report({ name: `export (${exported.rows} rows, Shopify preset)`, value: performance.now() - exportStarted, unit: 'ms' });
    report({ name: '  RSS growth during the export', value: (peakRss - rssBefore) / 1024 / 1024, unit: 'MiB' });
    db.close();
  } finally {
    await Promise.all(simulators.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Offers each simulator yields when asked for `size`, by kind (synced into a scratch database). */
async function catalogSizes(size: number, dir: string): Promise<Map<string, number>> {
  const sims: RunningSimulator[] = [];
  const scratch = openDatabase(join(dir, 'sizes.db'));
  try {
    for (const kind of SUPPLIER_KINDS) sims.push(await kind.startSimulator({ size, generation: 0 }));
    const results = await syncSuppliers(scratch, sims.map((sim) => syncTargetFor(sim.connection)), { concurrency: SUPPLIER_KINDS.length });
    return new Map(results.map((result, index) => [sims[index].connection.kind, result.counts?.offers ?? 0]));
  } finally {
    scratch.close();
    await Promise.all(sims.map((s) => s.close()));
  }
}

function groupByHost(requests: HttpRequest[]): HttpRequest[][] {
  const groups = new Map<string, HttpRequest[]>();
  for (const req of requests) {
    const host = new URL(req.url).host;
    groups.set(host, [...(groups.get(host) ?? []), req]);
  }
  return [...groups.values()];
}

const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '10000,100000').split(',').map(Number);
process.stdout.write('SupplyGrid benchmarks (figures beside targets; this run reports, it does not gate)\n');
matcher();
for (const size of sizes) await catalogRun(size);
writeFileSync(fileURLToPath(new URL('./results.json', import.meta.url)), JSON.stringify({ at: new Date().toISOString(), node: process.version, figures }, null, 2));
process.stdout.write('\nWrote bench/results.json\n');
