import { afterEach, describe, expect, it } from 'vitest';
import { listLiveOffers } from '../../src-main/db/catalog-repo';
import type { MeteredBudget } from '../../src-main/http/budget-meter';
import type { SupplierAdapter } from '../../src-main/suppliers/adapter';
import { startAppServices } from '../helpers/app-services';

// In the app, each connection keeps one adapter for its orders, quotes and tests; a sync makes one of its own, so the
// run records its own requests while every request of the account is still paced by its one budget.

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The connection's kept adapter (the one orders use), from the services' own cache. */
const keptAdapter = (services: unknown, id: string) =>
  (services as { handleFor(id: string): { adapter: SupplierAdapter } }).handleFor(id).adapter;

describe("a sync in the app's own thread", () => {
  it('counts its own requests: an order placed meanwhile on the same account is paced with it, not counted in it', async () => {
    const { db, services, api } = await startAppServices('supplygrid-own-adapter-', cleanups);
    const id = 'demo-dujiao';
    const kept = keptAdapter(services, id);
    const account = (kept.budget as MeteredBudget).account;
    const [first] = await api['sync.run']([id]);
    expect(first.status).toBe('ok');
    // The sync used an adapter of its own: the kept one sent nothing.
    expect(kept.budget!.stats().requests).toBe(0);

    const offer = listLiveOffers(db, id).find((o) => o.stock.status !== 'out' && o.orderable)!;
    const ref = { supplier: id, productId: offer.productId, skuId: offer.skuId, variant: offer.variant };
    const accountBefore = account.stats().requests;
    const listing = new Promise<void>((resolve) =>
      services.events.on('sync.event', (event) => {
        if (event.type === 'progress') resolve();
      }),
    );
    const syncing = api['sync.run']([id]);
    // Placed while the sync lists: the sync has fetched a page and goes on fetching.
    await listing;
    const placed = await api['orders.place']({ offer: ref, confirm: true });
    const [second] = await syncing;
    expect(second.status).toBe('ok');
    expect(placed.status).not.toBe('failed');
    const orderRequests = kept.budget!.stats().requests;
    expect(orderRequests).toBeGreaterThan(0);
    // Both passed the account's one budget; the run holds the sync's share alone (a balance read may follow it).
    expect(account.stats().requests - accountBefore).toBeGreaterThanOrEqual(second.requests + orderRequests);
    expect(second.requests).toBeGreaterThan(0);
  }, 60_000);
});
