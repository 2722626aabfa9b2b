import { statSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_PAGE_SIZE } from '../../src-main/export/row-source';
import { exportCsv, ExportTooLargeError, exportHistory, runExport } from '../../src-main/export/service';
import { buildGrid } from '../../src-main/grid/build';
import { queryGrid } from '../../src-main/grid/query';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { commitSupplier, esimOffer, simplePricing, type PlanSpec } from './export-fixtures';

// A full garbage collection before each baseline, so the growth measured is what the export holds on to.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const MB = 1024 * 1024;
const PLAN_ROWS = 100_000;

/** 100k distinct plans (676 two-letter codes × 15 sizes × 10 lengths, cut at 100k) over three suppliers. */
function syntheticCatalog(): PlanSpec[][] {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const codes = [...letters].flatMap((a) => [...letters].map((b) => a + b));
  const sizes = [100, 200, 300, 500, 1024, 2048, 3072, 5120, 10240, 15360, 20480, 30720, 51200, 102400, 204800];
  const days = [1, 3, 5, 7, 10, 15, 20, 30, 60, 90];
  const perSupplier: PlanSpec[][] = [[], [], []];
  let i = 0;
  for (const code of codes)
    for (const mb of sizes)
      for (const d of days) {
        if (i === PLAN_ROWS) return perSupplier;
        perSupplier[i % 3].push({
          id: String(i),
          countries: [code],
          mb,
          days: d,
          cost: (1 + (i % 500) / 10).toFixed(2),
          stock: i % 7 === 0 ? 0 : 20 + (i % 300),
          titles: { en: `${code} ${mb}MB ${d}d`, 'zh-CN': `${code} ${mb}MB ${d}天` },
        });
        i++;
      }
  return perSupplier;
}

let store: TempDb;

beforeAll(() => {
  store = tempDb('supplygrid-export-100k-');
  simplePricing(store.db);
  syntheticCatalog().forEach((plans, index) => commitSupplier(store.db, `supplier-${index}`, plans.map(esimOffer)));
  expect(buildGrid(store.db).rows).toBe(PLAN_ROWS);
}, 180_000);

afterAll(() => store?.cleanup());

const heapUsedAfterGc = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

/** Heap a page of 1000 grid rows keeps alive: times 100 is what holding the whole grid would take. */
function heapOfOnePageMB(): number {
  const before = heapUsedAfterGc();
  const page = queryGrid(store.db, { limit: EXPORT_PAGE_SIZE });
  const after = heapUsedAfterGc();
  expect(page.rows).toHaveLength(EXPORT_PAGE_SIZE);
  return (after - before) / MB;
}

/**
 * Runs an export and samples memory every 10,000 rows: the heap that is still alive after a full collection
 * (what the export holds on to, without the garbage V8 has not collected yet) and the process RSS.
 */
async function measuredExport(options: Parameters<typeof runExport>[1], file: string) {
  const heapBefore = heapUsedAfterGc();
  const rssBefore = process.memoryUsage().rss;
  let retainedPeak = heapBefore;
  let rssPeak = rssBefore;
  const result = await runExport(store.db, options, join(store.dir, file), {
    onProgress: (written) => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      if (written % 10_000 === 0) retainedPeak = Math.max(retainedPeak, heapUsedAfterGc());
    },
  });
  return { result, retainedMB: (retainedPeak - heapBefore) / MB, rssGrowthMB: (rssPeak - rssBefore) / MB };
}

describe('a 100k-row export', () => {
  it('streams to disk page by page: memory stays far below what holding every row would take', async () => {
    const allRowsMB = heapOfOnePageMB() * (PLAN_ROWS / EXPORT_PAGE_SIZE);
    const { result, retainedMB, rssGrowthMB } = await measuredExport(
      { preset: 'generic', languages: ['en', 'zh-CN'] },
      'all.csv',
    );
    expect(result.rows).toBe(PLAN_ROWS);
    const report = `holding every row ≈ ${allRowsMB.toFixed(0)} MB; the export kept ${retainedMB.toFixed(1)} MB alive, RSS grew ${rssGrowthMB.toFixed(1)} MB, file ${(statSync(result.file).size / MB).toFixed(1)} MB`;
    // Rows are read a page at a time and written out before the next page: the export holds about one page
    // (plus the list of row ids), never the grid. A tenth of the whole grid is a generous ceiling for that.
    expect(retainedMB, report).toBeLessThan(allRowsMB / 10);
    expect(rssGrowthMB, report).toBeLessThan(allRowsMB);
  }, 300_000);

  it('finds what changed since the last export a page at a time, just as bounded', async () => {
    const allRowsMB = heapOfOnePageMB() * (PLAN_ROWS / EXPORT_PAGE_SIZE);
    const { result, retainedMB } = await measuredExport(
      { preset: 'generic', languages: ['en', 'zh-CN'], changedSinceLastExport: true },
      'changes.csv',
    );
    expect(result.rows).toBe(0);
    expect(retainedMB).toBeLessThan(allRowsMB / 10);
    expect(exportHistory(store.db).map((e) => e.rows)).toEqual([0, PLAN_ROWS]);
  }, 300_000);

  it('refuses to hand that many rows to the UI as text, recording nothing', () => {
    expect(() => exportCsv(store.db, { preset: 'shopify' })).toThrow(ExportTooLargeError);
    expect(exportHistory(store.db)).toHaveLength(2);
  }, 120_000);
});
