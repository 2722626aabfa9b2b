import { afterEach, describe, expect, it } from 'vitest';
import { setManualRates } from '../../src-main/pricing/rates-service';
import { lockPrice, saveRuleSet } from '../../src-main/pricing/rules-store';
import { linkOffer, resetOfferLink, unlinkOffer } from '../../src-main/grid/links';
import { queryGrid } from '../../src-main/grid/query';
import type { PlanRow } from '../../src-shared/grid-types';
import { createDujiaoProtocolAdapter } from '../../src-main/suppliers/dujiao-next/adapter';
import { syncSupplier } from '../../src-main/sync/engine';
import { catalogOf, product, startTestDujiao } from '../helpers/dujiao-fixtures';
import { FAST_RETRY, tempDb } from '../helpers/temp-db';
import type { SimCatalog } from '../../src-main/suppliers/dujiao-next/sim/seed';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function plan(id: number, zh: string, en: string, price: string, stock = 100) {
  return product(id, {
    title: { 'zh-CN': zh, 'en-US': en },
    skus: [
      {
        id: id * 10,
        sku_code: 'DEFAULT',
        spec_values: {},
        price_amount: price,
        stock_quantity: stock,
        is_active: true,
      },
    ],
  });
}

/** Two suppliers (one in CNY, one in USD) with overlapping plans, synced into one real database. */
async function twoSuppliers(cny: SimCatalog, usd: SimCatalog) {
  const store = tempDb();
  const a = await startTestDujiao(cny, { currency: 'CNY' });
  const b = await startTestDujiao(usd, { currency: 'USD' });
  cleanups.push(
    () => a.close(),
    () => b.close(),
    store.cleanup,
  );
  const sync = async () => {
    for (const [id, server] of [
      ['cn-shop', a],
      ['us-shop', b],
    ] as const) {
      const result = await syncSupplier(store.db, {
        supplierId: id,
        supplierKind: 'dujiao-next',
        adapter: createDujiaoProtocolAdapter(
          server.connection,
          { label: id, stockReporting: 'quantity', maxQuantity: null },
          { retry: FAST_RETRY },
        ),
      });
      expect(result.status, result.error ?? '').toBe('ok');
    }
  };
  setManualRates(store.db, { CNY: '0.14' });
  saveRuleSet(store.db, {
    currency: 'USD',
    rules: [{ id: 'all', scope: { type: 'all' }, percent: '20', rounding: { mode: 'none' } }],
    locks: [],
  });
  await sync();
  return { store, a, b, sync };
}

function catalog(...products: ReturnType<typeof plan>[]): SimCatalog {
  return { ...catalogOf(0), products };
}

const rowFor = (rows: PlanRow[], text: string) =>
  rows.find((r) => r.offers.some((o) => Object.values(o.titles).some((t) => t.includes(text))));

describe('the grid', () => {
  it('puts the same plan from two suppliers in one row, converted, with the cheapest in-stock one best', async () => {
    const { store } = await twoSuppliers(
      catalog(
        plan(1, '香港 5GB 7天', 'Hong Kong 5GB 7 Days', '40.00'),
        plan(2, '日本 3GB 5天', 'Japan 3GB 5 Days', '30.00', 0),
      ),
      catalog(
        plan(1, 'Hong Kong eSIM 5GB / 7 Days', 'Hong Kong eSIM 5GB / 7 Days', '6.00'),
        plan(2, 'Japan 3GB 5 Days', 'Japan 3GB 5 Days', '9.00'),
      ),
    );
    const page = queryGrid(store.db, { language: 'en', sort: { column: 'title', direction: 'asc' } });
    const hk = rowFor(page.rows, 'Hong Kong')!;
    expect(hk.offers.map((o) => o.supplier).sort()).toEqual(['cn-shop', 'us-shop']);
    expect(hk.offers.find((o) => o.supplier === 'cn-shop')?.converted).toEqual({ amount: '5.6', currency: 'USD' });
    expect(hk.best?.supplier).toBe('cn-shop');
    expect(hk.second?.supplier).toBe('us-shop');
    expect(hk.bestCost).toEqual({ amount: '5.6', currency: 'USD' });
    expect(hk.salePrice).toEqual({ amount: '6.72', currency: 'USD' });
    expect(hk.margin).toEqual({ amount: '1.12', currency: 'USD' });
    // The CNY offer is cheaper but out of stock: shown, never chosen.
    const jp = rowFor(page.rows, 'Japan')!;
    expect(jp.offers).toHaveLength(2);
    expect(jp.best?.supplier).toBe('us-shop');
    expect(jp.second).toBeNull();
    expect(page.total).toBe(2);
  });

  it('searches every locale, ignoring width, case and Traditional vs Simplified', async () => {
    const { store } = await twoSuppliers(
      catalog(
        plan(1, '乐天 Rakuten 无限流量 4GB', 'Rakuten Unlimited 4GB', '20.00'),
        plan(2, '香港 5GB 7天', 'Hong Kong 5GB 7 Days', '40.00'),
      ),
      catalog(plan(3, '韓國 3GB 7天', 'Korea 3GB 7 Days', '5.00')),
    );
    const titles = (search: string) =>
      queryGrid(store.db, { search, language: 'en' })
        .rows.map((r) => r.title)
        .sort();
    expect(titles('樂天')).toEqual(['Rakuten Unlimited 4GB']);
    expect(titles('乐天')).toEqual(['Rakuten Unlimited 4GB']);
    expect(titles('韩国')).toEqual(['Korea 3GB 7 Days']);
    expect(titles('ＨＯＮＧ　ｋｏｎｇ')).toEqual(['Hong Kong 5GB 7 Days']);
    expect(titles('香港 5gb')).toEqual(['Hong Kong 5GB 7 Days']);
    expect(titles('nothing-like-this')).toEqual([]);
  });

  it('keeps a manual link and unlink across syncs', async () => {
    const { store, a, sync } = await twoSuppliers(
      catalog(
        plan(1, '香港 5GB 7天', 'Hong Kong 5GB 7 Days', '40.00'),
        plan(2, '香港 澳门 5GB 7天', 'HK Macau 5GB 7 Days', '42.00'),
      ),
      catalog(plan(1, 'Hong Kong 5GB 7 Days', 'Hong Kong 5GB 7 Days', '6.00')),
    );
    const rows = () => queryGrid(store.db, { language: 'en' }).rows;
    const hk = rowFor(rows(), 'Hong Kong 5GB')!;
    expect(hk.offers).toHaveLength(2);
    const cnOffer = hk.offers.find((o) => o.supplier === 'cn-shop')!;
    unlinkOffer(store.db, cnOffer);
    expect(rows()).toHaveLength(3);

    const macau = rowFor(rows(), 'HK Macau')!;
    const usOffer = rows()
      .flatMap((r) => r.offers)
      .find((o) => o.supplier === 'us-shop')!;
    linkOffer(store.db, usOffer, macau.planKey);
    expect(
      rowFor(rows(), 'HK Macau')!
        .offers.map((o) => o.supplier)
        .sort(),
    ).toEqual(['cn-shop', 'us-shop']);

    // A sync that moves prices keeps both choices.
    const next = catalog(
      plan(1, '香港 5GB 7天', 'Hong Kong 5GB 7 Days', '41.00'),
      plan(2, '香港 澳门 5GB 7天', 'HK Macau 5GB 7 Days', '43.00'),
    );
    a.replaceCatalog(next);
    await sync();
    expect(rows()).toHaveLength(2);
    const holding = (supplier: string, productId: string) =>
      rows().find((r) => r.offers.some((o) => o.supplier === supplier && o.productId === productId))!;
    expect(
      holding('cn-shop', '2')
        .offers.map((o) => o.supplier)
        .sort(),
    ).toEqual(['cn-shop', 'us-shop']);
    expect(holding('cn-shop', '1').offers.map((o) => o.supplier)).toEqual(['cn-shop']);

    // Rows keep their ids through rebuilds: the Macau row is the same row it was before the sync.
    expect(holding('cn-shop', '2').id).toBe(macau.id);

    resetOfferLink(store.db, cnOffer);
    resetOfferLink(store.db, usOffer);
    expect(rowFor(rows(), 'Hong Kong 5GB 7 Days')!.offers).toHaveLength(2);
  });

  it('reprices everything when a rate changes, but never a locked price', async () => {
    const { store, sync } = await twoSuppliers(
      catalog(
        plan(1, '香港 5GB 7天', 'Hong Kong 5GB 7 Days', '40.00'),
        plan(2, '泰国 10GB 15天', 'Thailand 10GB 15 Days', '50.00'),
      ),
      catalog(),
    );
    const byTitle = () => Object.fromEntries(queryGrid(store.db, { language: 'en' }).rows.map((r) => [r.title, r]));
    expect(byTitle()['Hong Kong 5GB 7 Days'].salePrice?.amount).toBe('6.72');
    const thailand = byTitle()['Thailand 10GB 15 Days'];
    lockPrice(store.db, 'USD', {
      target: { type: 'plan', planKey: thailand.planKey },
      price: { amount: '9.99', currency: 'USD' },
    });
    setManualRates(store.db, { CNY: '0.15' });
    expect(byTitle()['Hong Kong 5GB 7 Days'].salePrice?.amount).toBe('7.20');
    expect(byTitle()['Thailand 10GB 15 Days'].salePrice?.amount).toBe('9.99');
    expect(byTitle()['Thailand 10GB 15 Days'].locked).toBe(true);
    saveRuleSet(store.db, {
      currency: 'USD',
      rules: [{ id: 'all', scope: { type: 'all' }, percent: '50', rounding: { mode: 'none' } }],
      locks: (await import('../../src-main/pricing/rules-store')).loadRuleSet(store.db, 'USD').locks,
    });
    await sync();
    expect(byTitle()['Thailand 10GB 15 Days'].salePrice?.amount).toBe('9.99');
    expect(byTitle()['Hong Kong 5GB 7 Days'].salePrice?.amount).toBe('9.00');
  });

  it('filters by supplier, country, stock, margin and last-sync changes, and pages with a stable total', async () => {
    const products = Array.from({ length: 30 }, (_, i) =>
      plan(i + 1, `泰国 ${i + 1}GB 7天`, `Thailand ${i + 1}GB 7 Days`, `${10 + i}.00`, i % 5 === 0 ? 0 : 50),
    );
    const { store, a, sync } = await twoSuppliers(
      catalog(...products),
      catalog(plan(99, 'Japan 1GB 1 Day', 'Japan 1GB 1 Day', '1.00')),
    );
    expect(queryGrid(store.db, { countries: ['TH'] }).total).toBe(30);
    expect(queryGrid(store.db, { countries: ['JP'] }).total).toBe(1);
    expect(queryGrid(store.db, { suppliers: ['us-shop'] }).total).toBe(1);
    expect(queryGrid(store.db, { stock: 'out' }).total).toBe(6);
    const cheap = queryGrid(store.db, { marginBelow: '0.5' });
    expect(cheap.rows.every((r) => Number(r.margin!.amount) < 0.5)).toBe(true);
    expect(cheap.total).toBeGreaterThan(0);
    const first = queryGrid(store.db, { limit: 10, offset: 0, sort: { column: 'salePrice', direction: 'desc' } });
    const second = queryGrid(store.db, { limit: 10, offset: 10, sort: { column: 'salePrice', direction: 'desc' } });
    expect(first.total).toBe(31);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(20);
    const prices = [...first.rows, ...second.rows].filter((r) => r.salePrice).map((r) => Number(r.salePrice!.amount));
    expect(prices).toEqual([...prices].sort((x, y) => y - x));

    const moved = catalog(
      ...products.map((p, i) => (i === 3 ? { ...p, skus: [{ ...p.skus[0], price_amount: '99.00' }] } : p)),
    );
    a.replaceCatalog(moved);
    await sync();
    const changed = queryGrid(store.db, { changedInLastSync: true, language: 'en' });
    expect(changed.rows.map((r) => [r.title, r.changes])).toEqual([['Thailand 4GB 7 Days', ['price_up']]]);
  });
});

describe('locked prices and the merchant currency', () => {
  it('refuses to lock a price while the saved rules are in another currency, keeping those rules', async () => {
    const store = tempDb();
    cleanups.push(store.cleanup);
    saveRuleSet(store.db, {
      currency: 'USD',
      rules: [{ id: 'all', scope: { type: 'all' }, percent: '20', rounding: { mode: 'none' } }],
      locks: [],
    });
    expect(() =>
      lockPrice(store.db, 'EUR', {
        target: { type: 'plan', planKey: 'p' },
        price: { amount: '1.00', currency: 'EUR' },
      }),
    ).toThrow(/saved markup rules are in USD, not EUR/);
    const { loadRuleSet } = await import('../../src-main/pricing/rules-store');
    expect(loadRuleSet(store.db, 'USD').rules.map((r) => r.id)).toEqual(['all']);
  });
});

describe('grid freshness', () => {
  it('stays stale when something changed while a build was running', async () => {
    const { gridVersion, isGridStale, markGridFresh, markGridStale } = await import('../../src-main/db/settings');
    const store = tempDb();
    cleanups.push(store.cleanup);
    queryGrid(store.db);
    expect(isGridStale(store.db)).toBe(false);
    // A build reads the version first; a sync commits meanwhile; the build then marks itself fresh.
    const startedFrom = gridVersion(store.db);
    markGridStale(store.db);
    markGridFresh(store.db, startedFrom);
    expect(isGridStale(store.db)).toBe(true);
    queryGrid(store.db);
    expect(isGridStale(store.db)).toBe(false);
  });
});

describe('a rule that would sell at zero or below', () => {
  it('leaves the row without a sale price and says which rule refused, then prices it again once the rule is fixed', async () => {
    const { store } = await twoSuppliers(
      catalog(plan(1, '日本 5GB 7天', 'Japan 5GB 7 Days', '10.00')),
      catalog(plan(2, '香港 3GB 7天', 'Hong Kong 3GB 7 Days', '4.00')),
    );
    // A markdown of 100 % (a merchant's typo for 10 %) sells everything at 0.
    saveRuleSet(store.db, {
      currency: 'USD',
      rules: [{ id: 'typo', scope: { type: 'all' }, percent: '-100', rounding: { mode: 'none' } }],
      locks: [],
    });
    const refused = rowFor(queryGrid(store.db, {}).rows, 'Hong Kong')!;
    expect(refused).toMatchObject({ salePrice: null, margin: null, ruleId: 'typo', priceRefused: true });
    expect(refused.bestCost).toEqual({ amount: '4.00', currency: 'USD' });

    saveRuleSet(store.db, {
      currency: 'USD',
      rules: [{ id: 'fixed', scope: { type: 'all' }, percent: '10', rounding: { mode: 'none' } }],
      locks: [],
    });
    expect(rowFor(queryGrid(store.db, {}).rows, 'Hong Kong')).toMatchObject({
      salePrice: { amount: '4.40', currency: 'USD' },
      ruleId: 'fixed',
      priceRefused: false,
    });
  });
});
