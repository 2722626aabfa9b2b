import { afterEach, describe, expect, it } from 'vitest';
import { createDujiaoProtocolAdapter } from '../../../src-main/suppliers/dujiao-next/adapter';
import { DujiaoClient } from '../../../src-main/suppliers/dujiao-next/client';
import type { SimCatalog } from '../../../src-main/suppliers/dujiao-next/sim/seed';
import { FAST_RETRY } from '../../helpers/temp-db';
import { catalogOf, product, startTestDujiao } from '../../helpers/dujiao-fixtures';
import { collectPages } from '../../helpers/collect-pages';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const PROFILE = { label: 'test', stockReporting: 'quantity' as const, maxQuantity: null };

/**
 * Six products: 1 and 2 in a live category, 3 outside every category (0), 4 in a category since deleted (99), 5 taken
 * off sale, 6 taken off sale outside every category. 3 and 4 are on sale and orderable on a real server.
 */
function catalog(): SimCatalog {
  const base = catalogOf(2);
  base.products.push(
    product(3, { category_id: 0 }),
    product(4, { category_id: 99 }),
    product(5, { is_active: false }),
    product(6, { is_active: false, category_id: 0 }),
  );
  return base;
}

async function start() {
  const sim = await startTestDujiao(catalog());
  running.push(sim);
  return sim;
}

describe('Dujiao-Next products outside a live category', () => {
  it('the simulator lists as the real server: without include_inactive only products on sale in a live category', async () => {
    const sim = await start();
    const client = new DujiaoClient({ ...sim.connection, label: 'test', env: { retry: FAST_RETRY } });
    const ids = (envelope: Record<string, unknown>) =>
      (envelope.items as Array<{ id: number; is_active: boolean }>).map((item) => [item.id, item.is_active]);

    const onSale = await client.call('GET', '/products', { query: { page: 1, page_size: 50 } });
    expect(ids(onSale)).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(onSale.total).toBe(2);

    const everything = await client.call('GET', '/products', {
      query: { page: 1, page_size: 50, include_inactive: 'true' },
    });
    expect(ids(everything)).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
      [5, false],
      [6, false],
    ]);
    expect(everything.includes_inactive).toBe(true);
    // Asked for alone, a product outside every category is on sale.
    expect((await client.product('3'))?.product).toMatchObject({ id: 3, is_active: true, category_id: 0 });
  });

  it('a full sync offers every product on sale, whatever its category, and not one taken off sale', async () => {
    const sim = await start();
    const adapter = createDujiaoProtocolAdapter(sim.connection, PROFILE, { retry: FAST_RETRY });
    const listing = await collectPages(adapter.fetchCatalog());
    expect(listing.offers.map((offer) => offer.productId)).toEqual(['1', '2', '3', '4']);
    expect(listing.offers.find((offer) => offer.productId === '3')?.category).toBeNull();
    expect(listing.skipped).toEqual([]);
    expect(listing.restarts).toBe(0);
  });

  it('a full sync asks no product alone when the listing already said it is off sale or on sale', async () => {
    const sim = await start();
    const adapter = createDujiaoProtocolAdapter(sim.connection, PROFILE, { retry: FAST_RETRY });
    const live = ['1', '2', '3', '4', '5', '6'];
    const listing = await collectPages(adapter.fetchCatalog({ liveProducts: () => live }));
    expect(listing.offers.map((offer) => offer.productId)).toEqual(['1', '2', '3', '4']);
    const alone = [...sim.hits.keys()].filter((route) => /^GET \/api\/v1\/upstream\/products\/\d+$/.test(route));
    expect(alone).toEqual([]);
  });

  it('a SKU taken off sale, which a listing with include_inactive shows, is not offered', async () => {
    const base = catalogOf(1);
    const sku = base.products[0].skus[0];
    base.products[0].skus = [
      { ...sku, sku_code: 'ON', spec_values: { 'en-US': '5GB' } },
      { ...sku, id: sku.id + 1, sku_code: 'OFF', spec_values: { 'en-US': '10GB' }, is_active: false },
    ];
    const sim = await startTestDujiao(base);
    running.push(sim);
    const client = new DujiaoClient({ ...sim.connection, label: 'test', env: { retry: FAST_RETRY } });
    const listed = await client.call('GET', '/products', {
      query: { page: 1, page_size: 50, include_inactive: 'true' },
    });
    const skus = (listed.items as Array<{ skus: Array<{ sku_code: string; is_active: boolean }> }>)[0].skus;
    expect(skus.map((s) => [s.sku_code, s.is_active])).toEqual([
      ['ON', true],
      ['OFF', false],
    ]);
    const adapter = createDujiaoProtocolAdapter(sim.connection, PROFILE, { retry: FAST_RETRY });
    const listing = await collectPages(adapter.fetchCatalog());
    expect(listing.offers.map((offer) => offer.skuId)).toEqual([String(sku.id)]);
  });
});
