import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogPage, SupplierAdapter } from '../../../src-main/suppliers/adapter';
import { createDujiaoProtocolAdapter } from '../../../src-main/suppliers/dujiao-next/adapter';
import { dujiaoCatalogAt, type SimCatalog } from '../../../src-main/suppliers/dujiao-next/sim/seed';
import { DujiaoClient } from '../../../src-main/suppliers/dujiao-next/client';
import { startProtocolSimulator } from '../../../src-main/suppliers/dujiao-next/sim/server';
import { startMesimSimulator } from '../../../src-main/suppliers/mesim/sim';
import { FAST_RETRY } from '../../helpers/temp-db';
import {
  catalogOf,
  DUJIAO_FLAVOR,
  product,
  startTestDujiao,
  TEST_KEY,
  TEST_SECRET,
} from '../../helpers/dujiao-fixtures';
import { collectPages } from '../../helpers/collect-pages';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const PROFILE = { label: 'test', stockReporting: 'quantity' as const, maxQuantity: null };
const SEED = 20260301;
const SIZE = 1000;

/** Every page of a fetch, kept apart: the scope and removals are per page. */
async function fetchPages(adapter: SupplierAdapter, changedSince?: string): Promise<CatalogPage[]> {
  const pages: CatalogPage[] = [];
  for await (const page of adapter.fetchCatalog({ changedSince })) pages.push(page);
  return pages;
}

function requests(hits: Map<string, number>): number {
  return [...hits.values()].reduce((sum, n) => sum + n, 0);
}

/** The seeded Dujiao-Next catalog at its real page cap (50), without a request limit: this test counts requests, it does not pace them. */
async function seededSimulator(generation: number) {
  const sim = await startProtocolSimulator({
    catalogAt: (g) => dujiaoCatalogAt(SEED, g, SIZE),
    flavor: { ...DUJIAO_FLAVOR, pageSizeCap: 50 },
    accounts: [{ apiKey: TEST_KEY, apiSecret: TEST_SECRET, active: true, userDisabled: false, balance: '100.00' }],
    generation,
    rateLimit: null,
  });
  running.push(sim);
  return Object.assign(sim, {
    connection: { apiBase: `${sim.baseUrl}/api/v1/upstream`, apiKey: TEST_KEY, apiSecret: TEST_SECRET },
  });
}

/**
 * What moved between two catalogs, as the server's `updated_at` sees it: saving a product moves it; stock sold or
 * restocked (stockMovedOnly) does not.
 */
function changesBetween(before: SimCatalog, after: SimCatalog) {
  const withStock = (p: SimCatalog['products'][number]) => JSON.stringify({ ...p, changed_step: undefined });
  const content = (p: SimCatalog['products'][number]) =>
    JSON.stringify({
      ...p,
      changed_step: undefined,
      skus: p.skus.map((sku) => ({ ...sku, stock_quantity: undefined })),
    });
  const old = new Map(before.products.map((p) => [p.id, p]));
  const next = new Map(after.products.map((p) => [p.id, p]));
  const changed = after.products.filter((p) => !old.has(p.id) || content(old.get(p.id)!) !== content(p));
  return {
    stockMovedOnly: after.products
      .filter(
        (p) => old.has(p.id) && content(old.get(p.id)!) === content(p) && withStock(old.get(p.id)!) !== withStock(p),
      )
      .map((p) => String(p.id))
      .sort(),
    changedActive: changed
      .filter((p) => p.is_active)
      .map((p) => String(p.id))
      .sort(),
    deactivated: changed
      .filter((p) => !p.is_active)
      .map((p) => String(p.id))
      .sort(),
    deleted: before.products
      .filter((p) => !next.has(p.id))
      .map((p) => String(p.id))
      .sort(),
  };
}

const ids = (values: Iterable<string>) => [...new Set(values)].sort();

describe('Dujiao-Next incremental listing', () => {
  it('after a generation step lists only the changed products, deactivated ones as removals, for a fraction of the requests', async () => {
    const sim = await seededSimulator(3);
    const adapter = createDujiaoProtocolAdapter(sim.connection, PROFILE, { retry: FAST_RETRY });
    const listedAt = new Date().toISOString();
    const full = await fetchPages(adapter);
    const fullRequests = requests(sim.hits);
    expect(full.every((page) => (page.scope ?? 'full') === 'full')).toBe(true);

    const before = sim.catalog();
    sim.setGeneration(4);
    const expected = changesBetween(before, sim.catalog());
    // The seeded step has every kind of change this test is about.
    expect(expected.changedActive.length).toBeGreaterThan(10);
    expect(expected.deactivated.length).toBeGreaterThan(0);
    expect(expected.deleted.length).toBeGreaterThan(0);
    expect(expected.stockMovedOnly.length).toBeGreaterThan(0);

    sim.hits.clear();
    const changes = await fetchPages(adapter, listedAt);
    const incrementalRequests = requests(sim.hits);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((page) => page.scope === 'changes')).toBe(true);
    const offered = ids(changes.flatMap((page) => page.offers.map((offer) => offer.productId)));
    const removed = ids(changes.flatMap((page) => page.removedProducts ?? []));
    expect(offered).toEqual(expected.changedActive);
    expect(removed).toEqual(expected.deactivated);
    // A product deleted outright is never listed again: only a full listing can tell it is gone. Nor is one whose
    // stock alone moved: only a full listing shows its new stock.
    for (const id of [...expected.deleted, ...expected.stockMovedOnly]) {
      expect(offered).not.toContain(id);
      expect(removed).not.toContain(id);
    }

    // The changed offers are exactly what a full listing of the new generation says about them.
    const fullAfter = await collectPages(adapter.fetchCatalog());
    const fullById = new Map(fullAfter.offers.map((offer) => [`${offer.productId}/${offer.skuId}`, offer]));
    for (const offer of changes.flatMap((page) => page.offers))
      expect(offer).toEqual(fullById.get(`${offer.productId}/${offer.skuId}`));
    const listedAfter = new Set(fullAfter.offers.map((offer) => offer.productId));
    for (const id of [...expected.deleted, ...expected.deactivated]) expect(listedAfter.has(id)).toBe(false);
    const listedBefore = new Set(full.flatMap((page) => page.offers.map((offer) => offer.productId)));
    for (const id of expected.deleted) expect(listedBefore.has(id)).toBe(true);

    // ping + categories + the pages of changes (about a tenth of the catalog moves per step), against ping + categories + 20 pages.
    expect(fullRequests).toBe(2 + Math.ceil(listedBefore.size / 50));
    expect(incrementalRequests).toBe(2 + Math.ceil((expected.changedActive.length + expected.deactivated.length) / 50));
    expect(incrementalRequests * 4).toBeLessThan(fullRequests);
  });

  it('asks for updated_after in RFC 3339 with include_inactive, and an empty answer is one empty page of changes', async () => {
    const sim = await startTestDujiao(catalogOf(3));
    running.push(sim);
    const seen: string[] = [];
    sim.faults.add({
      path: '/api/v1/upstream/products',
      when: (req) => {
        seen.push(req.query.toString());
        return false;
      },
      action: { kind: 'delay', ms: 0 },
    });
    const adapter = createDujiaoProtocolAdapter(sim.connection, PROFILE, { retry: FAST_RETRY });
    const pages = await fetchPages(adapter, new Date(Date.now() + 1500).toISOString());
    expect(pages).toEqual([{ offers: [], skipped: [], scope: 'changes', removedProducts: [] }]);
    expect(seen[0]).toMatch(/updated_after=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\dZ/);
    expect(seen[0]).toContain('include_inactive=true');
    // Nothing to map: no categories asked for.
    expect(sim.hits.get('GET /api/v1/upstream/categories')).toBeUndefined();
  });

  it('a deactivated product is a removal, a deleted one is only missing; a product still answers GET /products/:id while inactive', async () => {
    const start = catalogOf(4);
    const sim = await startTestDujiao(start);
    running.push(sim);
    const adapter = createDujiaoProtocolAdapter(sim.connection, PROFILE, { retry: FAST_RETRY });
    const listedAt = new Date().toISOString();
    await fetchPages(adapter);
    sim.replaceCatalog({
      categories: start.categories,
      products: [
        start.products[0],
        // 2 deleted outright, 3 deactivated, 4 repriced.
        { ...start.products[2], is_active: false },
        product(4, { skus: [{ ...start.products[3].skus[0], price_amount: '13.10' }] }),
      ],
    });
    const pages = await fetchPages(adapter, listedAt);
    expect(pages.every((page) => page.scope === 'changes')).toBe(true);
    expect(pages.flatMap((page) => page.offers.map((offer) => [offer.productId, offer.cost.amount]))).toEqual([
      ['4', '13.10'],
    ]);
    expect(pages.flatMap((page) => page.removedProducts)).toEqual(['3']);

    const next = await collectPages(adapter.fetchCatalog());
    expect(next.offers.map((offer) => offer.productId)).toEqual(['1', '4']);

    const client = new DujiaoClient({ ...sim.connection, label: 'test', env: { retry: FAST_RETRY } });
    expect(((await client.call('GET', '/products/3')).product as { is_active: boolean }).is_active).toBe(false);
    await expect(client.call('GET', '/products/2')).rejects.toMatchObject({ code: 'product_not_found' });
  });

  it('a server that ignores the filter lists everything: scope full, the whole catalog, nothing called removed', async () => {
    const sim = await seededSimulator(3);
    sim.state.quirks.ignoreIncremental = true;
    const adapter = createDujiaoProtocolAdapter(sim.connection, PROFILE, { retry: FAST_RETRY });
    const full = await collectPages(adapter.fetchCatalog());
    sim.hits.clear();
    const pages = await fetchPages(adapter, new Date().toISOString());
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((page) => (page.scope ?? 'full') === 'full' && !page.removedProducts?.length)).toBe(true);
    expect(pages.flatMap((page) => page.offers)).toEqual(full.offers);
    expect(sim.hits.get('GET /api/v1/upstream/products')).toBe(
      Math.ceil(new Set(full.offers.map((o) => o.productId)).size / 50),
    );
  });

  it('MeSIM (same protocol under the site root) lists its changes too', async () => {
    const mesim = await startMesimSimulator({ generation: 1, rateLimit: null });
    running.push(mesim);
    const connection = mesim.connection as unknown as { baseUrl: string; apiKey: string; apiSecret: string };
    const adapter = createDujiaoProtocolAdapter(
      { apiBase: `${connection.baseUrl}/api/v1/upstream`, apiKey: connection.apiKey, apiSecret: connection.apiSecret },
      { label: 'mesim', stockReporting: 'binary', maxQuantity: 1, fixedKind: 'esim', orderLookup: 'order_no' },
      { retry: FAST_RETRY },
    );
    const listedAt = new Date().toISOString();
    const before = mesim.server.catalog();
    await fetchPages(adapter);
    mesim.setGeneration(2);
    const expected = changesBetween(before, mesim.server.catalog());
    const pages = await fetchPages(adapter, listedAt);
    expect(pages.every((page) => page.scope === 'changes')).toBe(true);
    expect(ids(pages.flatMap((page) => page.offers.map((offer) => offer.productId)))).toEqual(expected.changedActive);
    expect(ids(pages.flatMap((page) => page.removedProducts ?? []))).toEqual(expected.deactivated);
  });
});
