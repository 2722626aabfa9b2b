import { afterEach, describe, expect, it } from 'vitest';
import { listLiveOffers, type StoredOffer } from '../../src-main/db/catalog-repo';
import type { PlanRow } from '../../src-shared/grid-types';
import { supplierOfferKey } from '../../src-main/domain/offer';
import { OrderService } from '../../src-main/orders/service';
import { ensureSomeRates } from '../../src-main/pricing/rates-service';
import type { ConnectionBase } from '../../src-main/suppliers/adapter';
import { supplierKind } from '../../src-main/suppliers/registry';
import { syncSupplier } from '../../src-main/sync/engine';
import { catalogOf, product, startTestDujiao, TEST_KEY, TEST_SECRET } from '../helpers/dujiao-fixtures';
import { FAST_RETRY, tempDb } from '../helpers/temp-db';
import { startAppServices } from '../helpers/app-services';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FAST_POLICY = { initialDelayMs: 10, maxDelayMs: 40, followForMs: 10_000, resendAfterMs: 50, maxSendAttempts: 3 };
const money = (amount: string) => ({ amount, currency: 'CNY' });

/** Product 1: tiers for every SKU. Product 2: two SKUs, the first with tiers of its own. Product 3: unreadable tiers. */
function tieredCatalog() {
  const catalog = catalogOf(0);
  catalog.products = [
    product(1, {
      skus: [
        { id: 10, sku_code: 'DEFAULT', spec_values: {}, price_amount: '5.00', stock_quantity: 100, is_active: true },
      ],
      wholesale_prices: [
        { min_quantity: 10, unit_price: '4.00' },
        { min_quantity: 5, unit_price: '4.50' },
        { min_quantity: 0, unit_price: '1.00' },
      ],
    }),
    product(2, {
      skus: [
        { id: 20, sku_code: 'A', spec_values: {}, price_amount: '8.00', stock_quantity: 100, is_active: true },
        { id: 21, sku_code: 'B', spec_values: {}, price_amount: '9.00', stock_quantity: 100, is_active: true },
      ],
      wholesale_prices: [
        { sku_code: 'a', min_quantity: 3, unit_price: '7.00' },
        { min_quantity: 2, unit_price: '8.50' },
      ],
    }),
    product(3, { wholesale_prices: 'ten for forty' as never }),
  ];
  return catalog;
}

async function syncedStore() {
  const sim = await startTestDujiao(tieredCatalog());
  cleanups.push(() => sim.close());
  const store = tempDb();
  cleanups.push(() => store.cleanup());
  ensureSomeRates(store.db);
  const connection = {
    id: 'sup',
    kind: 'dujiao-next',
    name: 'Test supplier',
    baseUrl: sim.connection.apiBase,
    apiKey: TEST_KEY,
    apiSecret: TEST_SECRET,
  } as ConnectionBase;
  const handle = () => ({
    connection,
    adapter: supplierKind('dujiao-next')!.create(connection, { retry: FAST_RETRY, timeoutMs: 5000 }),
  });
  const run = await syncSupplier(store.db, {
    supplierId: 'sup',
    supplierKind: 'dujiao-next',
    adapter: handle().adapter,
  });
  expect(run.status).toBe('ok');
  return { sim, store, handle };
}

describe('quantity tiers (Dujiao-Next wholesale_prices)', () => {
  it('keeps each SKU its tiers as the server prices them: its own replace the product-wide ones; the cost stays the unit cost', async () => {
    const { store } = await syncedStore();
    const offers = new Map(listLiveOffers(store.db, 'sup').map((offer) => [offer.skuId, offer]));
    expect(offers.get('10')).toMatchObject({
      cost: money('5.00'),
      quantityTiers: [
        { minQuantity: 5, unitPrice: money('4.50') },
        { minQuantity: 10, unitPrice: money('4.00') },
      ],
    });
    expect(offers.get('20')).toMatchObject({
      cost: money('8.00'),
      quantityTiers: [{ minQuantity: 3, unitPrice: money('7.00') }],
    });
    expect(offers.get('21')).toMatchObject({
      cost: money('9.00'),
      quantityTiers: [{ minQuantity: 2, unitPrice: money('8.50') }],
    });
    // Tiers that cannot be read cost the offer nothing but its tiers.
    expect(offers.get('30')).toBeDefined();
    expect(offers.get('30')!.quantityTiers).toBeUndefined();
  });

  it('a change of tiers alone is written by the next sync', async () => {
    const { sim, store, handle } = await syncedStore();
    const next = tieredCatalog();
    next.products[0]!.wholesale_prices = [{ min_quantity: 5, unit_price: '4.20' }];
    sim.replaceCatalog(next);
    await syncSupplier(store.db, { supplierId: 'sup', supplierKind: 'dujiao-next', adapter: handle().adapter });
    const offer = listLiveOffers(store.db, 'sup').find((o) => o.skuId === '10')!;
    expect(offer.quantityTiers).toEqual([{ minQuantity: 5, unitPrice: money('4.20') }]);
  });

  it('quotes and pays the tier a quantity reaches, which is what the server charges', async () => {
    const { store, handle } = await syncedStore();
    const service = new OrderService({
      db: store.db,
      supplier: (id) => (id === 'sup' ? handle() : null),
      policy: FAST_POLICY,
    });
    cleanups.push(() => service.close());
    const ref = { supplier: 'sup', productId: '1', skuId: '10', variant: '' };

    expect(await service.quote(ref, 1)).toMatchObject({ unitCost: money('5.00'), cost: money('5.00') });
    expect(await service.quote(ref, 6)).toMatchObject({ unitCost: money('4.50'), cost: money('27.00') });
    const placed = await service.place({ offer: ref, quantity: 12, confirm: true });
    await service.settled(placed.id);
    const [order] = service.list();
    expect(order).toMatchObject({ expectedCost: money('48.00'), amount: money('48.00'), attention: null });
  });
});

describe('quantity tiers in the row panel (demo Dujiao-Next)', () => {
  it('grid.row carries the tiers of the member offers that have them, keyed like the offers', async () => {
    const { db, api } = await startAppServices('supplygrid-tiers-', cleanups);
    // SEAGM sells some of the same cards without tiers: rows where a tiered offer sits beside an untiered one.
    await api['sync.run'](['demo-dujiao', 'demo-seagm']);

    const rowOf = async (offer: {
      productId: string;
      skuId: string;
      variant: string;
      titles: Record<string, string>;
    }) => {
      const key = supplierOfferKey({ supplier: 'demo-dujiao', ...offer });
      const page = await api['grid.query']({ search: offer.titles['en-US'], limit: 200 });
      return {
        key,
        row: page.rows.find((candidate) => candidate.offers.some((member) => supplierOfferKey(member) === key)),
      };
    };
    let found: { tiered: StoredOffer; key: string; row: PlanRow } | null = null;
    for (const offer of listLiveOffers(db, 'demo-dujiao').filter((o) => o.kind === 'card' && o.quantityTiers?.length)) {
      const { key, row } = await rowOf(offer);
      if (row && row.offers.length > 1) {
        found = { tiered: offer, key, row };
        break;
      }
    }
    expect(found).not.toBeNull();
    const { tiered, key, row } = found!;
    const detail = (await api['grid.row'](row.id, 'en'))!;
    expect(detail.quantityTiers[key]).toEqual(tiered.quantityTiers);
    // Exactly the members that have tiers, each with its own: none invented, none borrowed from another member.
    const stored = new Map(
      [...listLiveOffers(db)].map((offer) => [
        supplierOfferKey({ supplier: offer.supplierId, ...offer }),
        offer.quantityTiers,
      ]),
    );
    const expected = Object.fromEntries(
      detail.offers.flatMap((offer) => {
        const tiers = stored.get(supplierOfferKey(offer));
        return tiers?.length ? [[supplierOfferKey(offer), tiers]] : [];
      }),
    );
    expect(detail.quantityTiers).toEqual(expected);
  });
});
