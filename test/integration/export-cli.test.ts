import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { lockPrice } from '../../src-main/pricing/rules-store';
import { queryGrid } from '../../src-main/grid/query';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { commitSupplier, esimOffer, readRows, simplePricing } from './export-fixtures';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A database file with three plans (one sold out), closed so the CLI process can open it. */
function catalogFile(prepare: (db: TempDb['db']) => void = () => undefined) {
  const store = tempDb('supplygrid-export-cli-');
  cleanups.push(store.cleanup);
  simplePricing(store.db);
  commitSupplier(store.db, 'cn-shop', [
    esimOffer({
      id: 'hk',
      countries: ['HK'],
      mb: 5120,
      days: 7,
      cost: '40.00',
      currency: 'CNY',
      stock: 30,
      titles: { 'en-US': 'Hong Kong 5GB 7 Days', 'zh-CN': '香港 5GB 7天' },
    }),
    esimOffer({
      id: 'jp',
      countries: ['JP'],
      mb: 3072,
      days: 5,
      cost: '30.00',
      currency: 'CNY',
      stock: 0,
      titles: { 'en-US': 'Japan 3GB 5 Days', 'zh-CN': '日本 3GB 5天' },
    }),
    esimOffer({
      id: 'th',
      countries: ['TH'],
      mb: 10240,
      days: 15,
      cost: '50.00',
      currency: 'CNY',
      stock: null,
      titles: { 'en-US': 'Thailand 10GB 15 Days', 'zh-CN': '泰国 10GB 15天' },
    }),
  ]);
  prepare(store.db);
  store.db.close();
  return { db: store.file, out: (name: string) => join(store.dir, name) };
}

describe('supplygrid export', () => {
  it('writes a store file in the merchant currency and says how many rows went where', async () => {
    const { db, out } = catalogFile();
    const file = out('shopify.csv');
    const result = await runCli(['export', '--preset', 'shopify', '--out', file, '--lang', 'zh-CN,en', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      `Wrote 3 rows to ${file} (shopify, prices in USD)`,
      'Preflight: every row has a price at or above its cost.',
    ]);
    const text = readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const { header, rows } = readRows(text);
    expect(header.slice(0, 3)).toEqual(['Title', 'URL handle', 'Description']);
    expect(rows.find((r) => r.Title === '香港 5GB 7天')).toMatchObject({
      Price: '6.72',
      Status: 'active',
      'Inventory quantity': '30',
    });
    expect(rows.find((r) => r.Title === '日本 3GB 5天')).toMatchObject({ Status: 'draft', 'Inventory quantity': '0' });
  }, 60_000);

  it('takes --in-stock, --out-of-stock and --since-last-export, and lists the history', async () => {
    const { db, out } = catalogFile();
    const inStock = await runCli([
      'export',
      '--preset',
      'woocommerce',
      '--out',
      out('in-stock.csv'),
      '--in-stock',
      '--db',
      db,
    ]);
    expect(inStock.stdout).toMatch(/^Wrote 2 rows to /);
    const skipped = await runCli([
      'export',
      '--preset',
      'dujiao-next',
      '--out',
      out('dj.csv'),
      '--out-of-stock',
      'skip',
      '--db',
      db,
    ]);
    expect(skipped.stdout).toMatch(/^Wrote 2 rows to /);
    const full = await runCli(['export', '--preset', 'woocommerce', '--out', out('all.csv'), '--db', db]);
    expect(full.stdout).toMatch(/^Wrote 3 rows to /);
    const nothing = await runCli([
      'export',
      '--preset',
      'woocommerce',
      '--out',
      out('changes.csv'),
      '--since-last-export',
      '--db',
      db,
    ]);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toContain('Wrote 0 rows to');
    expect(nothing.stdout).toContain('Nothing changed since the last woocommerce export');
    expect(readRows(readFileSync(out('changes.csv'), 'utf8')).rows).toEqual([]);

    const history = JSON.parse((await runCli(['exports', '--json', '--db', db])).stdout) as Array<{
      preset: string;
      rows: number;
      file: string;
      options: Record<string, unknown>;
    }>;
    expect(history.map((e) => [e.preset, e.rows, e.file])).toEqual([
      ['woocommerce', 0, out('changes.csv')],
      ['woocommerce', 3, out('all.csv')],
      ['dujiao-next', 2, out('dj.csv')],
      ['woocommerce', 2, out('in-stock.csv')],
    ]);
    expect(history[3].options).toMatchObject({ inStockOnly: true, currency: 'USD', languages: ['en'] });
    const table = await runCli(['exports', '--db', db]);
    expect(table.stdout).toMatch(/ID\s+When\s+Preset\s+Rows\s+Currency\s+Flagged\s+File/);
    expect(table.stdout).toMatch(/dujiao-next\s+2\s+USD\s+-\s+.*dj\.csv/);
  }, 60_000);

  it('lists rows that would sell below cost and writes nothing until --flagged says what to do with them', async () => {
    const { db, out } = catalogFile((catalog) => {
      const hk = queryGrid(catalog, { limit: 10 }).rows.find((row) => row.planKey.includes('|HK|'))!;
      lockPrice(catalog, 'USD', {
        target: { type: 'plan', planKey: hk.planKey },
        price: { amount: '5.00', currency: 'USD' },
      });
    });
    const undecided = await runCli(['export', '--preset', 'shopify', '--out', out('undecided.csv'), '--db', db]);
    expect(undecided.code).toBe(3);
    expect(undecided.stderr.trim().split('\n')).toEqual([
      'Preflight: 1 row would sell below cost (of 3 rows to export, prices in USD):',
      '  Hong Kong 5GB 7 Days: sells at 5.00 USD, costs 5.60 USD, loses 0.60 USD per sale (locked price)',
      'Nothing was written. Run again with --flagged exclude to leave them out, or --flagged keep to write them as they are.',
    ]);
    expect(existsSync(out('undecided.csv'))).toBe(false);

    const excluded = await runCli([
      'export',
      '--preset',
      'shopify',
      '--out',
      out('excluded.csv'),
      '--flagged',
      'exclude',
      '--db',
      db,
    ]);
    expect(excluded.code, excluded.stderr).toBe(0);
    expect(excluded.stdout).toContain('Wrote 2 rows to');
    expect(excluded.stdout).toContain('Preflight: 1 row would sell below cost: left out (--flagged exclude).');
    expect(readRows(readFileSync(out('excluded.csv'), 'utf8')).rows.map((row) => row.Title)).not.toContain(
      'Hong Kong 5GB 7 Days',
    );

    const kept = await runCli([
      'export',
      '--preset',
      'shopify',
      '--out',
      out('kept.csv'),
      '--flagged',
      'keep',
      '--db',
      db,
    ]);
    expect(kept.stdout).toContain('Preflight: 1 row would sell below cost: written as they are (--flagged keep).');
    const table = (await runCli(['exports', '--db', db])).stdout;
    expect(table).toMatch(/shopify\s+3\s+USD\s+1 kept\s+.*kept\.csv/);
    expect(table).toMatch(/shopify\s+2\s+USD\s+1 left out\s+.*excluded\.csv/);

    for (const bad of ['ask', 'sometimes']) {
      const asked = await runCli([
        'export',
        '--preset',
        'shopify',
        '--out',
        out('x.csv'),
        '--flagged',
        bad,
        '--db',
        db,
      ]);
      expect(asked.code).toBe(2);
      expect(asked.stderr.trim()).toBe('supplygrid: --flagged: must be exclude or keep');
    }
  }, 60_000);

  it('refuses bad options with exit code 2 and a currency it cannot price with exit code 1, writing nothing', async () => {
    const { db, out } = catalogFile();
    const noPreset = await runCli(['export', '--out', out('x.csv'), '--db', db]);
    expect(noPreset.code).toBe(2);
    expect(noPreset.stderr).toMatch(/needs --preset .* and --out FILE/);
    const badPreset = await runCli(['export', '--preset', 'magento', '--out', out('x.csv'), '--db', db]);
    expect(badPreset.code).toBe(2);
    expect(badPreset.stderr).toMatch(
      /preset: must be one of generic, shopify, shopify-legacy, woocommerce, dujiao-next/,
    );
    const badMode = await runCli([
      'export',
      '--preset',
      'shopify',
      '--out',
      out('x.csv'),
      '--out-of-stock',
      'hide',
      '--db',
      db,
    ]);
    expect(badMode.code).toBe(2);
    const euro = await runCli([
      'export',
      '--preset',
      'shopify',
      '--out',
      out('x.csv'),
      '--currency',
      'EUR',
      '--db',
      db,
    ]);
    expect(euro.code).toBe(1);
    expect(euro.stderr).toMatch(/no exchange rate from CNY to EUR/);
    expect(existsSync(out('x.csv'))).toBe(false);
    expect((await runCli(['exports', '--db', db])).stdout).toMatch(/No exports yet/);
  }, 60_000);
});
