import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseExportOptions } from '../../src-main/export/options';
import {
  ExportNeedsDecisionError,
  exportCsv,
  exportHistory,
  preflightExport,
  previewExport,
  runExport,
} from '../../src-main/export/service';
import { legacyHandle } from '../../src-main/export/store-identity';
import type { ExportOptions } from '../../src-shared/export-types';
import { queryGrid } from '../../src-main/grid/query';
import { saveRuleSet } from '../../src-main/pricing/rules-store';
import { setManualRates } from '../../src-main/pricing/rates-service';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { commitSupplier, esimOffer, readRows, type PlanSpec } from './export-fixtures';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const PLANS: PlanSpec[] = [
  {
    id: 'hk',
    countries: ['HK'],
    mb: 5120,
    days: 7,
    cost: '40.00',
    currency: 'CNY',
    stock: 30,
    titles: { en: 'Hong Kong 5GB 7 Days', 'zh-CN': '香港 5GB 7天' },
  },
  {
    id: 'jp',
    countries: ['JP'],
    mb: 10240,
    days: 30,
    cost: '80.00',
    currency: 'CNY',
    stock: 20,
    titles: { 'zh-CN': '日本 10GB 30天 高速' },
  },
  {
    id: 'kr',
    countries: ['KR'],
    mb: 2048,
    days: 1,
    cost: '7.00',
    currency: 'CNY',
    stock: 12,
    titles: { en: 'Korea 2GB 1 Day' },
  },
  {
    id: 'th',
    countries: ['TH'],
    mb: 3072,
    days: 15,
    cost: '33.00',
    currency: 'CNY',
    stock: 0,
    titles: { en: 'Thailand 3GB 15 Days' },
  },
];

const planKey = (country: string, s: TempDb) =>
  queryGrid(s.db, { limit: 100 }).rows.find((row) => row.planKey.includes(`|${country}|`))!.planKey;

/**
 * One CNY supplier at a rate with many decimals (40 CNY → 5.556 USD), every price cost + 20%, except: Hong Kong
 * locked at 5.00 USD (below its 5.556 cost) and Korea under a rule that gives it away (no price).
 */
function store(): TempDb & { file(name: string): string; sync(plans?: PlanSpec[]): void } {
  const s = tempDb('supplygrid-preflight-');
  cleanups.push(s.cleanup);
  setManualRates(s.db, { CNY: '0.1389' });
  const sync = (plans = PLANS) => commitSupplier(s.db, 'cn-shop', plans.map(esimOffer));
  sync();
  const withFile = Object.assign(s, { file: (name: string) => join(s.dir, name), sync });
  saveRuleSet(s.db, {
    currency: 'USD',
    rules: [
      { id: 'all', scope: { type: 'all' }, percent: '20', rounding: { mode: 'none' } },
      {
        id: 'giveaway',
        scope: { type: 'plan', planKey: planKey('KR', withFile) },
        percent: '-100',
        rounding: { mode: 'none' },
      },
    ],
    locks: [{ target: { type: 'plan', planKey: planKey('HK', withFile) }, price: { amount: '5.00', currency: 'USD' } }],
  });
  return withFile;
}

async function exportTo(s: ReturnType<typeof store>, options: ExportOptions, name: string) {
  const result = await runExport(s.db, options, s.file(name));
  return { result, ...readRows(readFileSync(result.file, 'utf8')) };
}

describe('export preflight', () => {
  it('lists the rows that would sell below cost (with the loss per sale) and those without a price, recording nothing', () => {
    const s = store();
    const preflight = preflightExport(s.db, { preset: 'shopify' });
    expect(preflight).toMatchObject({ currency: 'USD', rows: 4, belowCost: 1, noPrice: 1 });
    expect(preflight.flagged).toEqual([
      {
        planKey: planKey('HK', s),
        title: 'Hong Kong 5GB 7 Days',
        reason: 'below_cost',
        cause: null,
        salePrice: { amount: '5.00', currency: 'USD' },
        cost: { amount: '5.556', currency: 'USD' },
        lossPerSale: { amount: '0.556', currency: 'USD' },
        soldOut: false,
        locked: true,
        ruleId: null,
      },
      {
        planKey: planKey('KR', s),
        title: 'Korea 2GB 1 Day',
        reason: 'no_price',
        cause: 'refused',
        salePrice: null,
        cost: { amount: '0.9723', currency: 'USD' },
        lossPerSale: null,
        soldOut: false,
        locked: false,
        ruleId: 'giveaway',
      },
    ]);
    // Only rows the export would write are checked: in stock only, nothing is flagged among them but these two.
    expect(preflightExport(s.db, { preset: 'shopify', inStockOnly: true })).toMatchObject({
      rows: 3,
      belowCost: 1,
      noPrice: 1,
    });
    expect(exportHistory(s.db)).toEqual([]);
  });

  it('writes nothing while the merchant has not chosen, when options arrive from the UI or the CLI', async () => {
    const s = store();
    const target = s.file('undecided.csv');
    await expect(runExport(s.db, parseExportOptions({ preset: 'shopify' }), target)).rejects.toThrow(
      ExportNeedsDecisionError,
    );
    expect(() => exportCsv(s.db, parseExportOptions({ preset: 'generic' }))).toThrow(ExportNeedsDecisionError);
    expect(() => readFileSync(target)).toThrow(/ENOENT/);
    expect(exportHistory(s.db)).toEqual([]);
    // With nothing flagged there is nothing to decide.
    const clean = await runExport(
      s.db,
      parseExportOptions({
        preset: 'shopify',
        inStockOnly: true,
        rows: { type: 'selected', planKeys: [planKey('JP', s)] },
      }),
      s.file('clean.csv'),
    );
    expect(clean).toMatchObject({ rows: 1, preflight: { belowCost: 0, noPrice: 0, choice: 'ask' } });
  });

  it('leaves the flagged rows out or writes them as chosen, and keeps the choice with the export', async () => {
    const s = store();
    const excluded = await exportTo(
      s,
      parseExportOptions({ preset: 'shopify', flaggedRows: 'exclude' }),
      'excluded.csv',
    );
    expect(excluded.rows.map((row) => row.Title).sort()).toEqual(['Thailand 3GB 15 Days', '日本 10GB 30天 高速']);
    expect(excluded.result.preflight).toEqual({ belowCost: 1, noPrice: 1, choice: 'exclude' });

    const kept = await exportTo(s, parseExportOptions({ preset: 'shopify', flaggedRows: 'keep' }), 'kept.csv');
    expect(kept.rows).toHaveLength(4);
    expect(kept.rows.find((row) => row.Title === 'Hong Kong 5GB 7 Days')).toMatchObject({
      Price: '5.00',
      'Cost per item': '5.56',
    });
    expect(kept.rows.find((row) => row.Title === 'Korea 2GB 1 Day')).toMatchObject({ Price: '' });

    const history = exportHistory(s.db);
    expect(history.map((entry) => [entry.rows, entry.preflight, entry.options.flaggedRows])).toEqual([
      [4, { belowCost: 1, noPrice: 1, choice: 'keep' }, 'keep'],
      [2, { belowCost: 1, noPrice: 1, choice: 'exclude' }, 'exclude'],
    ]);
  });
});

describe('export language columns', () => {
  it('hold their own language or nothing; the main title and "fill missing languages" fall back', async () => {
    const s = store();
    const options: ExportOptions = { preset: 'generic', languages: ['en', 'zh-CN'], flaggedRows: 'keep' };
    const strict = await exportTo(s, options, 'strict.csv');
    const byCountry = (rows: Array<Record<string, string>>, code: string) =>
      rows.find((row) => row.countries === code)!;
    expect(byCountry(strict.rows, 'KR')).toMatchObject({
      title: 'Korea 2GB 1 Day',
      title_en: 'Korea 2GB 1 Day',
      'title_zh-CN': '',
    });
    expect(byCountry(strict.rows, 'JP')).toMatchObject({
      title: '日本 10GB 30天 高速',
      title_en: '',
      'title_zh-CN': '日本 10GB 30天 高速',
    });
    expect(byCountry(strict.rows, 'HK')).toMatchObject({
      title_en: 'Hong Kong 5GB 7 Days',
      'title_zh-CN': '香港 5GB 7天',
    });

    const dujiao = await exportTo(s, { ...options, preset: 'dujiao-next', languages: ['zh-CN', 'en'] }, 'dujiao.csv');
    expect(dujiao.rows.find((row) => row.title_en === 'Korea 2GB 1 Day')).toMatchObject({ 'title_zh-CN': '' });

    const filled = await exportTo(s, { ...options, fillMissingLanguages: true }, 'filled.csv');
    expect(byCountry(filled.rows, 'KR')).toMatchObject({
      title_en: 'Korea 2GB 1 Day',
      'title_zh-CN': 'Korea 2GB 1 Day',
    });
    expect(byCountry(filled.rows, 'JP')).toMatchObject({ title_en: '日本 10GB 30天 高速' });
    expect(exportHistory(s.db)[0].options.fillMissingLanguages).toBe(true);
  });

  it("writes money in the currency's minor unit, and prices sold-out rows on their first export", async () => {
    const s = store();
    const { rows } = await exportTo(s, { preset: 'generic', flaggedRows: 'keep' }, 'money.csv');
    for (const row of rows) {
      for (const column of ['converted_cost', 'sale_price', 'margin', 'cost'])
        expect(row[column]).toMatch(/^(-?\d+\.\d{2})?$/);
    }
    // Thailand is sold out and was never exported: 33 CNY × 0.1389 = 4.5837 USD, +20% = 5.50044, written up to the cent.
    expect(rows.find((row) => row.countries === 'TH')).toMatchObject({
      status: 'draft',
      converted_cost: '4.58',
      sale_price: '5.51',
      margin: '0.93',
    });
  });
});

describe('export handles', () => {
  const regional = (id: string, countries: string[], title: string): PlanSpec => ({
    id,
    countries,
    mb: 1024,
    days: 5,
    cost: '10.00',
    currency: 'CNY',
    titles: { en: title },
  });

  it('are readable, ASCII for Chinese-only plans, and unchanged by a later sync that adds a colliding plan', async () => {
    const s = store();
    const first = PLANS.concat(regional('asia4', ['JP', 'KR', 'TH', 'US'], 'Zone 4 countries 1GB 5 days'));
    s.sync(first);
    const before = await exportTo(s, { preset: 'shopify', flaggedRows: 'keep' }, 'before.csv');
    const handleOf = (rows: Array<Record<string, string>>, title: string) =>
      rows.find((row) => row.Title === title)!['URL handle'];
    expect(handleOf(before.rows, '日本 10GB 30天 高速')).toBe('japan-10gb-30-days');
    expect(handleOf(before.rows, 'Hong Kong 5GB 7 Days')).toBe('hong-kong-5gb-7-days');
    expect(handleOf(before.rows, 'Zone 4 countries 1GB 5 days')).toBe('japan-korea-and-2-more-1gb-5-days');

    // A new plan whose readable handle is the same, and which the export now meets first (its title sorts first).
    s.sync(first.concat(regional('asia4b', ['JP', 'KR', 'SG', 'VN'], 'Asia 4 countries 1GB 5 days')));
    const after = await exportTo(s, { preset: 'woocommerce', flaggedRows: 'keep' }, 'after.csv');
    const skuOf = (title: string) => after.rows.find((row) => row.Name === title)!.SKU;
    expect(skuOf('Zone 4 countries 1GB 5 days')).toBe('japan-korea-and-2-more-1gb-5-days');
    expect(skuOf('Asia 4 countries 1GB 5 days')).toBe('japan-korea-and-2-more-1gb-5-days-2');
    expect(skuOf('日本 10GB 30天 高速')).toBe('japan-10gb-30-days');
    // The preview shows the handles the file will get, without keeping any.
    const preview = previewExport(s.db, { preset: 'shopify' }, {}, 10);
    expect(preview.rows.map((row) => row[1])).toContain('japan-korea-and-2-more-1gb-5-days-2');
  });

  it('keep the hashed handle a store received before handles were kept', async () => {
    const s = store();
    await exportTo(s, { preset: 'shopify', flaggedRows: 'keep' }, 'old.csv');
    // A database from before: fingerprints of what the store received, no handles.
    s.db.exec('DELETE FROM export_handles');
    const { rows } = await exportTo(s, { preset: 'shopify', flaggedRows: 'keep' }, 'again.csv');
    expect(rows.find((row) => row.Title === 'Hong Kong 5GB 7 Days')!['URL handle']).toBe(
      legacyHandle(planKey('HK', s)),
    );
  });
});
