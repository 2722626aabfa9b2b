import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveRates } from '../../src-main/db/rates-repo';
import { markGridStale } from '../../src-main/db/settings';
import { exportPreset } from '../../src-main/export/presets/registry';
import { GridChangedError } from '../../src-main/export/row-source';
import { exportCsv, exportHistory, lastExportChoice, previewExport, runExport } from '../../src-main/export/service';
import type { ExportOptions, ExportPresetId } from '../../src-shared/export-types';
import { queryGrid } from '../../src-main/grid/query';
import { saveRuleSet } from '../../src-main/pricing/rules-store';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { commitSupplier, esimOffer, readRows, simplePricing, type PlanSpec } from './export-fixtures';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const TRICKY_TITLE = 'Thailand, "Best" 10GB\n15 days';
const FORMULA_TITLE = "=cmd|' /C calc'!A0";

const withOverrides = (plans: PlanSpec[], overrides: Record<string, Partial<PlanSpec>>) =>
  plans.map((plan) => ({ ...plan, ...overrides[plan.id] }));

const cnPlans = (overrides: Record<string, Partial<PlanSpec>> = {}) =>
  withOverrides(
    [
      {
        id: 'hk',
        countries: ['HK'],
        mb: 5120,
        days: 7,
        cost: '40.00',
        currency: 'CNY',
        stock: 30,
        titles: { 'en-US': 'Hong Kong 5GB 7 Days', 'zh-CN': '香港 5GB 7天' },
      },
      {
        id: 'jp',
        countries: ['JP'],
        mb: 3072,
        days: 5,
        cost: '30.00',
        currency: 'CNY',
        stock: 0,
        titles: { 'en-US': 'Japan 3GB 5 Days', 'zh-CN': '日本 3GB 5天' },
      },
      {
        id: 'th',
        countries: ['TH'],
        mb: 10240,
        days: 15,
        cost: '50.00',
        currency: 'CNY',
        stock: null,
        titles: { 'en-US': TRICKY_TITLE, 'zh-CN': '泰国 10GB 15天' },
      },
      {
        id: 'vn',
        countries: ['VN'],
        mb: 1024,
        days: 3,
        cost: '10.00',
        currency: 'CNY',
        stock: 0,
        titles: { 'en-US': 'Vietnam 1GB 3 Days', 'zh-CN': '越南 1GB 3天' },
      },
      {
        id: 'kr',
        countries: ['KR'],
        mb: 2048,
        days: 1,
        cost: '7.00',
        currency: 'CNY',
        stock: 12,
        titles: { en: FORMULA_TITLE },
      },
    ],
    overrides,
  );

const usPlans = (overrides: Record<string, Partial<PlanSpec>> = {}) =>
  withOverrides(
    [
      {
        id: 'hk',
        countries: ['HK'],
        mb: 5120,
        days: 7,
        cost: '6.00',
        stock: 10,
        titles: { en: 'Hong Kong 5GB 7 Days' },
      },
      { id: 'jp', countries: ['JP'], mb: 3072, days: 5, cost: '9.00', stock: 5, titles: { en: 'Japan 3GB 5 Days' } },
    ],
    overrides,
  );

/** Two suppliers (CNY and USD) with overlapping plans, priced at cost + 20%: five plan rows, one sold out (VN). */
function store(): TempDb & { resync(cn?: PlanSpec[], us?: PlanSpec[]): void; file(name: string): string } {
  const db = tempDb('supplygrid-export-');
  cleanups.push(db.cleanup);
  simplePricing(db.db);
  const resync = (cn = cnPlans(), us = usPlans()) => {
    commitSupplier(db.db, 'cn-shop', cn.map(esimOffer));
    commitSupplier(db.db, 'us-shop', us.map(esimOffer));
  };
  resync();
  return Object.assign(db, { resync, file: (name: string) => join(db.dir, name) });
}

async function exportTo(s: ReturnType<typeof store>, options: ExportOptions, name = `${options.preset}.csv`) {
  const result = await runExport(s.db, options, s.file(name));
  const text = readFileSync(result.file, 'utf8');
  return { result, text, ...readRows(text) };
}

describe('catalog export', () => {
  it('streams a Shopify file: BOM, exact header, one product per plan at the grid price, quoting and neutralizing intact', async () => {
    const s = store();
    const { result, header, rows } = await exportTo(s, { preset: 'shopify', languages: ['en', 'zh-CN'] });
    const bytes = readFileSync(result.file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(header).toEqual(
      exportPreset('shopify')
        .columns(['en'])
        .map((c) => c.header),
    );
    expect(result).toMatchObject({ rows: 5, preset: 'shopify', currency: 'USD', file: s.file('shopify.csv') });
    expect(rows).toHaveLength(5);

    const grid = queryGrid(s.db, { limit: 100 });
    const hk = grid.rows.find((r) => r.planKey.includes('HK'))!;
    const hkRow = rows.find((r) => r.Title === 'Hong Kong 5GB 7 Days')!;
    // Cheapest in stock: 40 CNY × 0.14 = 5.60 USD, +20% = 6.72; both suppliers' stock counts.
    expect(hkRow).toMatchObject({
      Price: hk.salePrice!.amount,
      'Cost per item': '5.60',
      'Inventory quantity': '40',
      Status: 'active',
    });
    expect(hk.salePrice!.amount).toBe('6.72');
    expect(rows.map((r) => r.Title)).toContain(TRICKY_TITLE);
    expect(rows.map((r) => r.Title)).toContain(`'${FORMULA_TITLE}`);
    expect(rows.find((r) => r.Title === TRICKY_TITLE)).toMatchObject({
      'Inventory tracker': '',
      'Inventory quantity': '',
    });
    expect(rows.find((r) => r.Title === 'Vietnam 1GB 3 Days')).toMatchObject({
      Status: 'draft',
      'Inventory quantity': '0',
    });
    // Written beside the target and renamed: nothing else is left in the folder.
    expect(readdirSync(s.dir).filter((f) => f.includes('.part'))).toEqual([]);
  });

  it.each<ExportPresetId>(['generic', 'shopify', 'shopify-legacy', 'woocommerce', 'dujiao-next'])(
    'writes %s with its exact header row',
    async (preset) => {
      const s = store();
      const { header, rows } = await exportTo(s, { preset, languages: ['zh-CN', 'en'] });
      expect(header).toEqual(
        exportPreset(preset)
          .columns(['zh-CN', 'en'])
          .map((c) => c.header),
      );
      expect(rows).toHaveLength(5);
      expect(rows.every((row) => Object.values(row).every((cell) => cell !== undefined))).toBe(true);
    },
  );

  it('writes Chinese main titles and every language column', async () => {
    const s = store();
    const { rows } = await exportTo(s, { preset: 'dujiao-next', languages: ['zh-CN', 'en'] });
    expect(rows.find((r) => r.title_en === 'Hong Kong 5GB 7 Days')).toMatchObject({
      'title_zh-CN': '香港 5GB 7天',
      price_amount: '6.72',
      currency: 'USD',
      upstream_supplier: 'cn-shop',
    });
    const shopify = await exportTo(s, { preset: 'shopify', languages: ['zh-CN'] });
    expect(shopify.rows.map((r) => r.Title)).toContain('香港 5GB 7天');
    expect(shopify.rows.find((r) => r.Title === '香港 5GB 7天')!.Tags).toBe('eSIM, 中国香港特别行政区');
  });

  it('handles sold-out plans as asked: skipped, as drafts, or listed with quantity 0', async () => {
    const s = store();
    const vietnam = (rows: Array<Record<string, string>>) => rows.find((r) => r.Name === 'Vietnam 1GB 3 Days');
    const skipped = await exportTo(s, { preset: 'woocommerce', outOfStock: 'skip' });
    expect(skipped.rows).toHaveLength(4);
    expect(vietnam(skipped.rows)).toBeUndefined();
    expect(vietnam((await exportTo(s, { preset: 'woocommerce', outOfStock: 'draft' })).rows)).toMatchObject({
      Published: '-1',
      'In stock?': '0',
      Stock: '0',
    });
    expect(vietnam((await exportTo(s, { preset: 'woocommerce', outOfStock: 'zero' })).rows)).toMatchObject({
      Published: '1',
      'In stock?': '0',
      Stock: '0',
    });
    const inStockOnly = await exportTo(s, { preset: 'woocommerce', outOfStock: 'zero', inStockOnly: true });
    expect(inStockOnly.rows.map((r) => r.Name)).not.toContain('Vietnam 1GB 3 Days');
    expect(inStockOnly.rows).toHaveLength(4);
  });

  it('exports only what changed since the last export with the same preset: price, stock, new rows', async () => {
    const s = store();
    expect((await exportTo(s, { preset: 'shopify' })).rows).toHaveLength(5);
    const again = await exportTo(s, { preset: 'shopify', changedSinceLastExport: true });
    expect(again.rows).toEqual([]);
    expect(again.header.length).toBeGreaterThan(0);

    // Hong Kong gets cheaper at the CNY supplier (a new price), Japan sells some stock, Laos is new.
    s.resync(
      [
        ...cnPlans({ hk: { cost: '35.00' } }),
        { id: 'la', countries: ['LA'], mb: 1024, days: 7, cost: '8.00', currency: 'CNY', stock: 40 },
      ],
      usPlans({ jp: { stock: 4 } }),
    );
    const changed = await exportTo(s, { preset: 'shopify', changedSinceLastExport: true });
    expect(changed.rows.map((r) => r.Title).sort()).toEqual([
      'Hong Kong 5GB 7 Days',
      'Japan 3GB 5 Days',
      'LA 1024MB 7 days',
    ]);
    expect(changed.rows.find((r) => r.Title === 'Hong Kong 5GB 7 Days')!.Price).toBe('5.88');

    // The store now has those: nothing left to send. Another preset's store has received nothing yet.
    expect((await exportTo(s, { preset: 'shopify', changedSinceLastExport: true })).rows).toEqual([]);
    expect((await exportTo(s, { preset: 'woocommerce', changedSinceLastExport: true })).rows).toHaveLength(6);
  });

  it('keeps the price a store already has when a plan sells out, and sends the change once', async () => {
    const s = store();
    await exportTo(s, { preset: 'shopify' });
    s.resync(cnPlans({ hk: { stock: 0 } }), usPlans({ hk: { stock: 0 } }));
    const { rows } = await exportTo(s, { preset: 'shopify', changedSinceLastExport: true });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      Title: 'Hong Kong 5GB 7 Days',
      Price: '6.72',
      Status: 'draft',
      'Published on online store': 'FALSE',
      'Inventory quantity': '0',
    });
    expect((await exportTo(s, { preset: 'shopify', changedSinceLastExport: true })).rows).toEqual([]);
  });

  it('exports the grid filter or a hand-picked selection of plan keys', async () => {
    const s = store();
    const filtered = await exportTo(s, {
      preset: 'generic',
      rows: { type: 'filter', query: { countries: ['HK', 'JP'], sort: { column: 'salePrice', direction: 'desc' } } },
    });
    expect(filtered.rows.map((r) => r.countries)).toEqual(['JP', 'HK']);

    const keys = queryGrid(s.db, { countries: ['TH', 'VN'] }).rows.map((r) => r.planKey);
    const picked = await exportTo(s, {
      preset: 'generic',
      rows: { type: 'selected', planKeys: [...keys, 'plan|nowhere'] },
    });
    expect(picked.rows.map((r) => r.countries).sort()).toEqual(['TH', 'VN']);
    const pickedInStock = await exportTo(s, {
      preset: 'generic',
      rows: { type: 'selected', planKeys: keys },
      inStockOnly: true,
    });
    expect(pickedInStock.rows.map((r) => r.countries)).toEqual(['TH']);
  });

  it('prices an export in another currency through the grid, and refuses one it cannot price', async () => {
    const s = store();
    // No rates into GBP at all: every plan would go out as sold out.
    await expect(runExport(s.db, { preset: 'generic', currency: 'GBP' }, s.file('gbp.csv'))).rejects.toThrow(
      /no exchange rate from CNY, USD to GBP/,
    );
    // Rates into EUR exist, but the markup rules are written in USD: every EUR price would be the bare cost.
    saveRates(s.db, [
      { currency: 'CNY', base: 'EUR', perUnit: '0.13', asOf: '2026-01-01', source: 'test' },
      { currency: 'USD', base: 'EUR', perUnit: '0.9', asOf: '2026-01-01', source: 'test' },
    ]);
    await expect(runExport(s.db, { preset: 'generic', currency: 'EUR' }, s.file('eur.csv'))).rejects.toThrow(
      /markup rules and locked prices are written in USD/,
    );
    expect(exportHistory(s.db)).toEqual([]);

    // With rules written in EUR, the grid prices the export in EUR: 40 CNY × 0.13 = 5.20 EUR (cheaper than 6 USD × 0.9), +20%.
    saveRuleSet(s.db, {
      currency: 'EUR',
      rules: [{ id: 'all', scope: { type: 'all' }, percent: '20', rounding: { mode: 'none' } }],
      locks: [],
    });
    const euro = await exportTo(s, { preset: 'generic', currency: 'eur' });
    expect(euro.rows.find((r) => r.countries === 'HK')).toMatchObject({
      converted_cost: '5.20',
      converted_currency: 'EUR',
      sale_price: '6.24',
      sale_currency: 'EUR',
      cost: '40.00',
      cost_currency: 'CNY',
    });
    expect(euro.result.currency).toBe('EUR');
  });

  it('records every export and remembers the last choice per preset', async () => {
    const s = store();
    expect(exportHistory(s.db)).toEqual([]);
    expect(lastExportChoice(s.db, 'shopify')).toBeNull();
    await exportTo(s, { preset: 'shopify', languages: ['en', 'zh-CN'], outOfStock: 'zero' }, 'first.csv');
    await exportTo(
      s,
      {
        preset: 'dujiao-next',
        inStockOnly: true,
        rows: { type: 'selected', planKeys: queryGrid(s.db).rows.map((r) => r.planKey) },
      },
      'second.csv',
    );
    const history = exportHistory(s.db);
    expect(history.map((e) => [e.preset, e.rows, e.file, e.delivery])).toEqual([
      ['dujiao-next', 4, s.file('second.csv'), 'file'],
      ['shopify', 5, s.file('first.csv'), 'file'],
    ]);
    expect(history[0].options.rows).toEqual({ type: 'selected', count: 5 });
    expect(history[1].options).toEqual({
      preset: 'shopify',
      languages: ['en', 'zh-CN'],
      currency: 'USD',
      rows: { type: 'all' },
      inStockOnly: false,
      outOfStock: 'zero',
      changedSinceLastExport: false,
      fillMissingLanguages: false,
      flaggedRows: 'keep',
    });
    expect(history[1].preflight).toEqual({ belowCost: 0, noPrice: 0, choice: 'keep' });
    expect(lastExportChoice(s.db, 'shopify')).toMatchObject({
      file: s.file('first.csv'),
      options: { outOfStock: 'zero', languages: ['en', 'zh-CN'] },
    });
    expect(lastExportChoice(s.db, 'generic')).toBeNull();
  });

  it('previews the first rows exactly as the file holds them, without recording anything', async () => {
    const s = store();
    const preview = previewExport(s.db, { preset: 'woocommerce', languages: ['en'] }, {}, 3);
    expect(preview).toMatchObject({ preset: 'woocommerce', currency: 'USD', matching: 5 });
    expect(preview.rows).toHaveLength(3);
    expect(exportHistory(s.db)).toEqual([]);
    const { header, text } = await exportTo(s, { preset: 'woocommerce', languages: ['en'] });
    expect(preview.columns).toEqual(header);
    const fileRows = readRows(text);
    expect(preview.rows).toEqual(fileRows.rows.slice(0, 3).map((row) => header.map((h) => row[h])));
  });

  it('hands a small export to the UI as text and records it as a download', () => {
    const s = store();
    const download = exportCsv(s.db, { preset: 'shopify' });
    expect(download.csv.startsWith('\uFEFF')).toBe(true);
    expect(download.filename).toMatch(/^supplygrid-shopify-\d{8}-\d{4}\.csv$/);
    expect(readRows(download.csv).rows).toHaveLength(5);
    expect(exportHistory(s.db)[0]).toMatchObject({ delivery: 'download', file: null, rows: 5 });
    // The store received it: nothing has changed since.
    expect(readRows(exportCsv(s.db, { preset: 'shopify', changedSinceLastExport: true }).csv).rows).toEqual([]);
  });

  it('stops when the grid is rebuilt mid-export, leaving the previous file and the history untouched', async () => {
    const s = store();
    const many = Array.from({ length: 1500 }, (_, i): PlanSpec => ({
      id: `m${i}`,
      countries: ['DE'],
      mb: 1024,
      days: i + 1,
      cost: '3.00',
      stock: 9,
    }));
    s.resync([...cnPlans(), ...many], usPlans());
    const target = s.file('products.csv');
    writeFileSync(target, 'the previous export\r\n');
    const failed = runExport(s.db, { preset: 'shopify' }, target, { onProgress: () => markGridStale(s.db) });
    await expect(failed).rejects.toBeInstanceOf(GridChangedError);
    expect(readFileSync(target, 'utf8')).toBe('the previous export\r\n');
    expect(readdirSync(s.dir).filter((f) => f.includes('.part'))).toEqual([]);
    expect(exportHistory(s.db)).toEqual([]);
    // Nothing was recorded as sent: a changes-only export still has everything to send.
    const retry = await runExport(s.db, { preset: 'shopify', changedSinceLastExport: true }, target);
    expect(retry.rows).toBe(1505);
    expect(existsSync(target)).toBe(true);
  });

  it('refuses to write into a folder that does not exist, leaving nothing behind', async () => {
    const s = store();
    await expect(runExport(s.db, { preset: 'generic' }, join(s.dir, 'missing', 'x.csv'))).rejects.toThrow(/ENOENT/);
    expect(exportHistory(s.db)).toEqual([]);
  });
});
