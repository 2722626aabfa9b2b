import { afterEach, describe, expect, it } from 'vitest';
import { createDujiaoProtocolAdapter } from '../../../src-main/suppliers/dujiao-next/adapter';
import type { SimCatalog } from '../../../src-main/suppliers/dujiao-next/sim/seed';
import { FAST_RETRY } from '../../helpers/temp-db';
import { catalogOf, product, startTestDujiao } from '../../helpers/dujiao-fixtures';
import { collectPages } from '../../helpers/collect-pages';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const PROFILE = { label: 'test', stockReporting: 'quantity' as const, maxQuantity: null };

/** Four products; product 1 has two SKUs told apart by a 30- and a 7-day cycle, and every title has three languages. */
function catalog(): SimCatalog {
  const base = catalogOf(4);
  base.products = base.products.map((p) => ({
    ...p,
    title: { ...p.title, 'zh-TW': `香港 5GB #${p.id}` },
    images: [`https://img.example.com/esim/hk-${p.id}.png`],
  }));
  base.products[0] = product(1, {
    title: { 'zh-CN': '香港 10GB', 'zh-TW': '香港 10GB', 'en-US': 'Hong Kong 10GB' },
    skus: [
      {
        id: 11,
        sku_code: '30D',
        spec_values: { Cycle: '30' },
        price_amount: '20.00',
        stock_quantity: 9,
        is_active: true,
      },
      { id: 12, sku_code: '7D', spec_values: { Cycle: '7' }, price_amount: '8.00', stock_quantity: 9, is_active: true },
    ],
  });
  return base;
}

async function listWith(quirks: Parameters<typeof Object.assign>[1]) {
  const sim = await startTestDujiao(catalog());
  running.push(sim);
  Object.assign(sim.state.quirks, quirks);
  const adapter = createDujiaoProtocolAdapter(sim.connection, PROFILE, { retry: FAST_RETRY });
  return { sim, listing: await collectPages(adapter.fetchCatalog()) };
}

describe('Dujiao-Next listings as real servers send them', () => {
  it('an old server without /categories (plain-text 404): the listing goes on, uncategorized', async () => {
    const { sim, listing } = await listWith({ noCategories: true });
    expect(sim.hits.get('GET /api/v1/upstream/categories')).toBeGreaterThan(0);
    expect(listing.offers.map((offer) => offer.productId)).toEqual(['1', '1', '2', '3', '4']);
    expect(
      listing.offers.every(
        (offer) => offer.category === null || offer.category.path.every((level) => level.id === '11'),
      ),
    ).toBe(true);
    expect(listing.skipped).toEqual([]);
  });

  it.each(['text', 'per-locale', 'by-locale'] as const)(
    'spec_values as %s: every language gets its own spec text',
    async (shape) => {
      const { listing } = await listWith({ specValueShapes: shape });
      const [thirty, seven] = listing.offers.filter((offer) => offer.productId === '1');
      for (const title of [...Object.values(thirty.titles), ...Object.values(seven.titles)]) {
        expect(title).not.toMatch(/object|zh-CN|en-US/);
      }
      if (shape === 'text') {
        expect(thirty.titles).toEqual({
          'zh-CN': '香港 10GB (30 Cycle)',
          'zh-TW': '香港 10GB (30 Cycle)',
          'en-US': 'Hong Kong 10GB (30 Cycle)',
        });
        return;
      }
      expect(thirty.titles['zh-CN']).toContain('30天');
      expect(thirty.titles['zh-TW']).toContain('30天');
      expect(thirty.titles['en-US']).toContain('30 days');
      expect(thirty.titles['en-US']).not.toContain('天');
      expect(seven.titles['zh-CN']).toContain('7天');
      expect(seven.titles['en-US']).toContain('7 days');
      if (shape === 'by-locale') expect(thirty.titles['zh-CN']).toBe('香港 10GB (周期: 30天)');
    },
  );

  it('site-relative images are resolved against the site', async () => {
    const { sim, listing } = await listWith({ relativeImages: true });
    const two = listing.offers.find((offer) => offer.productId === '2')!;
    expect(two.images).toEqual([`${sim.baseUrl}/uploads/esim/hk-2.png`]);
    expect(
      listing.offers.every((offer) => offer.images.every((image) => image.startsWith(`${sim.baseUrl}/uploads/`))),
    ).toBe(true);
  });

  it('category_id 0 is no category, not a nameless category "0"', async () => {
    const { listing } = await listWith({ uncategorized: true });
    const byProduct = new Map(listing.offers.map((offer) => [offer.productId, offer.category]));
    expect(byProduct.get('2')).toBeNull();
    expect(byProduct.get('4')).toBeNull();
    expect(byProduct.get('3')?.path.map((level) => level.names['en-US'])).toEqual(['eSIM', 'Asia']);
  });

  it('fulfillment_type "upstream" is listed and orderable like auto', async () => {
    const { sim, listing } = await listWith({ upstreamFulfillment: true });
    expect(listing.skipped).toEqual([]);
    expect(listing.offers.map((offer) => offer.productId)).toEqual(['1', '1', '2', '3', '4']);
    for (const offer of listing.offers) {
      expect(offer.fulfillment.mode).toBe('auto');
      expect(offer.orderable).toBe(true);
    }
    const served = sim.hits.get('GET /api/v1/upstream/products');
    expect(served).toBe(1);
  });
});
