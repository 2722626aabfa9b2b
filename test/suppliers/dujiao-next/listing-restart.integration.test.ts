import { afterEach, describe, expect, it } from 'vitest';
import { listLiveOffers } from '../../../src-main/db/catalog-repo';
import { createDujiaoProtocolAdapter } from '../../../src-main/suppliers/dujiao-next/adapter';
import { syncSupplier } from '../../../src-main/sync/engine';
import { catalogOf, startTestDujiao } from '../../helpers/dujiao-fixtures';
import { FAST_RETRY, tempDb, type TempDb } from '../../helpers/temp-db';

const PROFILE = { label: 'test', stockReporting: 'quantity' as const, maxQuantity: null };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('a Dujiao-Next listing that moves under us while it is streamed', () => {
  it('is listed once more, and nothing the first listing staged or skipped reaches the catalog', async () => {
    const sim = await startTestDujiao(catalogOf(120), { pageSizeCap: 50 });
    const temp: TempDb = tempDb();
    cleanups.push(
      () => sim.close(),
      () => temp.cleanup(),
    );
    // The first time page 1 is asked for, the catalog is mid-change: product 1 shows as a product that is gone by the
    // next listing (999), and product 2 as a second copy of product 3. That listing sees 119 distinct products of 120.
    sim.faults.add({
      path: '/api/v1/upstream/products',
      when: (r) => r.query.get('page') === '1',
      times: 1,
      action: {
        kind: 'rewrite',
        transform: (body) => {
          const page = body as { items: unknown[] };
          return { ...page, items: [{ ...(page.items[0] as object), id: 999 }, page.items[2], ...page.items.slice(2)] };
        },
      },
    });
    const adapter = createDujiaoProtocolAdapter(sim.connection, PROFILE, { retry: FAST_RETRY });
    const result = await syncSupplier(temp.db, { supplierId: 'dujiao-test', supplierKind: 'dujiao-next', adapter });
    expect(result.status).toBe('ok');
    // Both listings were read in full: 3 pages each.
    expect(sim.hits.get('GET /api/v1/upstream/products')).toBe(6);
    const productIds = new Set(listLiveOffers(temp.db, 'dujiao-test').map((offer) => offer.productId));
    expect(productIds.has('999')).toBe(false);
    expect(productIds.size).toBe(120);
    // The first listing's "duplicate of a product listed before" is not this run's news.
    expect(result.skipped).toEqual([]);
  });
});
