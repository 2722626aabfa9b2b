import { afterEach, describe, expect, it } from 'vitest';
import { applyBulk, BelowCostNotConfirmedError, parseBulkRequest, previewBulk } from '../../src-main/grid/bulk';
import { queryGrid } from '../../src-main/grid/query';
import { exportCsv } from '../../src-main/export/service';
import { parseExportOptions } from '../../src-main/export/options';
import { loadRuleSet, saveRuleSet } from '../../src-main/pricing/rules-store';
import { createDujiaoProtocolAdapter } from '../../src-main/suppliers/dujiao-next/adapter';
import { syncSupplier } from '../../src-main/sync/engine';
import { catalogOf, product, startTestDujiao } from '../helpers/dujiao-fixtures';
import { FAST_RETRY, tempDb } from '../helpers/temp-db';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function plan(id: number, title: string, price: string) {
  return product(id, {
    title: { 'zh-CN': title, 'en-US': title },
    skus: [
      { id: id * 10, sku_code: 'DEFAULT', spec_values: {}, price_amount: price, stock_quantity: 10, is_active: true },
    ],
  });
}

/** Four plans from one USD supplier (costs 2, 5, 8 and 30), synced into a real database, sold at cost + 50 %. */
async function grid() {
  const store = tempDb();
  const server = await startTestDujiao(
    {
      ...catalogOf(0),
      products: [
        plan(1, 'Japan 1GB 7 Days', '2.00'),
        plan(2, 'Japan 3GB 7 Days', '5.00'),
        plan(3, 'Korea 3GB 7 Days', '8.00'),
        plan(4, 'Korea 20GB 30 Days', '30.00'),
      ],
    },
    { currency: 'USD' },
  );
  cleanups.push(() => server.close(), store.cleanup);
  const result = await syncSupplier(store.db, {
    supplierId: 'shop',
    supplierKind: 'dujiao-next',
    adapter: createDujiaoProtocolAdapter(
      server.connection,
      { label: 'shop', stockReporting: 'quantity', maxQuantity: null },
      { retry: FAST_RETRY },
    ),
  });
  expect(result.status, result.error ?? '').toBe('ok');
  saveRuleSet(store.db, {
    currency: 'USD',
    rules: [{ id: 'all', scope: { type: 'all' }, percent: '50', rounding: { mode: 'none' } }],
    locks: [],
  });
  const rows = () => queryGrid(store.db, { language: 'en', limit: 100 }).rows;
  const keyOf = (title: string) => rows().find((row) => row.title === title)!.planKey;
  return { db: store.db, rows, keyOf };
}

describe('bulk actions on grid rows', () => {
  it('locks every row matching a filter at a price, resolved in SQL, and asks before selling below cost', async () => {
    const { db, rows } = await grid();
    const japan = { type: 'matching' as const, query: { search: 'Japan', language: 'en' } };
    const atFour = { type: 'lockPrice' as const, amount: '4' };
    const preview = previewBulk(db, japan, atFour, {}, 'en');
    // Japan 1GB costs 2 (gains 2), Japan 3GB costs 5: it would lose 1.00 per sale.
    expect(preview).toMatchObject({ rows: 2, affected: 2, belowCost: 1 });
    expect(preview.worstBelowCost).toEqual([
      expect.objectContaining({
        title: 'Japan 3GB 7 Days',
        cost: { amount: '5.00', currency: 'USD' },
        price: { amount: '4', currency: 'USD' },
        loss: { amount: '1', currency: 'USD' },
      }),
    ]);
    expect(() => applyBulk(db, japan, atFour, {})).toThrow(BelowCostNotConfirmedError);
    expect(loadRuleSet(db, 'USD').locks).toEqual([]);

    expect(applyBulk(db, japan, atFour, {}, true)).toEqual({ affected: 2 });
    const locked = rows().filter((row) => row.locked);
    expect(locked.map((row) => [row.title, row.salePrice?.amount])).toEqual([
      ['Japan 1GB 7 Days', '4.00'],
      ['Japan 3GB 7 Days', '4.00'],
    ]);
    // Korea rows keep their rule price.
    expect(rows().find((row) => row.title === 'Korea 3GB 7 Days')?.salePrice?.amount).toBe('12.00');
  });

  it('locks picked rows at their cost plus a margin, rounded up to the cent; "except" leaves unticked rows alone', async () => {
    const { db, rows, keyOf } = await grid();
    const korea = { type: 'matching' as const, query: { search: 'Korea' }, except: [keyOf('Korea 20GB 30 Days')] };
    expect(previewBulk(db, korea, { type: 'lockMargin', amount: '1.5' }, {})).toMatchObject({
      rows: 1,
      affected: 1,
      belowCost: 0,
    });
    applyBulk(db, korea, { type: 'lockMargin', amount: '1.5' }, {});
    applyBulk(db, { type: 'keys', planKeys: [keyOf('Japan 1GB 7 Days')] }, { type: 'lockMargin', amount: '0.333' }, {});
    const price = (title: string) => rows().find((row) => row.title === title)?.salePrice?.amount;
    expect(price('Korea 3GB 7 Days')).toBe('9.50');
    expect(price('Japan 1GB 7 Days')).toBe('2.34');
    expect(price('Korea 20GB 30 Days')).toBe('45.00');
    // A negative margin sells below cost: it needs the confirmation too.
    expect(() => applyBulk(db, korea, { type: 'lockMargin', amount: '-1' }, {})).toThrow(BelowCostNotConfirmedError);

    applyBulk(db, { type: 'matching', query: {} }, { type: 'unlock' }, {});
    expect(rows().filter((row) => row.locked)).toEqual([]);
  });

  it('keeps excluded plans out of every export until they are included again', async () => {
    const { db, rows, keyOf } = await grid();
    const csvTitles = () => exportCsv(db, parseExportOptions({ preset: 'generic' }), {}).csv;
    expect(csvTitles()).toContain('Japan 3GB 7 Days');
    const picked = { type: 'keys' as const, planKeys: [keyOf('Japan 3GB 7 Days'), keyOf('Korea 3GB 7 Days')] };
    expect(applyBulk(db, picked, { type: 'exclude' }, {})).toEqual({ affected: 2 });
    expect(
      rows()
        .filter((row) => row.excludedFromExport)
        .map((row) => row.title),
    ).toEqual(['Japan 3GB 7 Days', 'Korea 3GB 7 Days']);
    const csv = csvTitles();
    expect(csv).not.toContain('Japan 3GB 7 Days');
    expect(csv).not.toContain('Korea 3GB 7 Days');
    expect(csv).toContain('Japan 1GB 7 Days');
    applyBulk(db, picked, { type: 'include' }, {});
    expect(csvTitles()).toContain('Korea 3GB 7 Days');
  });

  it('refuses malformed requests where they arrive', () => {
    expect(() => parseBulkRequest({ type: 'keys', planKeys: ['a'] }, { type: 'lockPrice', amount: '0' })).toThrow();
    expect(() => parseBulkRequest({ type: 'keys', planKeys: ['a'] }, { type: 'lockPrice', amount: 'ten' })).toThrow();
    expect(() => parseBulkRequest({ type: 'everything' }, { type: 'exclude' })).toThrow();
    expect(() => parseBulkRequest({ type: 'keys', planKeys: ['a'] }, { type: 'delete' })).toThrow();
    expect(parseBulkRequest({ type: 'keys', planKeys: ['a'] }, { type: 'lockMargin', amount: '-0.5' }).action).toEqual({
      type: 'lockMargin',
      amount: '-0.5',
    });
  });
});
