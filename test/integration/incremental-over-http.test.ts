import { isDeepStrictEqual } from 'node:util';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { listLiveOffers } from '../../src-main/db/catalog-repo';
import { changesForRuns } from '../../src-main/db/changes-repo';
import type { ConnectionBase } from '../../src-main/suppliers/adapter';
import { startDujiaoSimulator } from '../../src-main/suppliers/dujiao-next/sim';
import { dujiaoCatalogAt } from '../../src-main/suppliers/dujiao-next/sim/seed';
import { syncSuppliers } from '../../src-main/sync/engine';
import { applyHeldRun } from '../../src-main/sync/held-runs';
import { adapterFor, syncTargetFor } from '../../src-main/sync/targets';
import { FAST_RETRY, tempDb } from '../helpers/temp-db';

// The incremental listing end to end: the Dujiao-Next simulator over loopback (updated_after, include_inactive,
// products deactivated and deleted outright between generations), the engine and SQLite files. incremental-sync.test.ts
// holds the same claims over an in-memory upstream, with randomized changes.

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const SEED = 11;
const SIZE = 600;
const CHURN = 3;
const ENV = { retry: FAST_RETRY, budgetTuning: { maxRequests: 1_000_000, requestsPerMinute: 1_000_000 } };

function database(): Database {
  const temp = tempDb();
  cleanups.push(() => temp.cleanup());
  return temp.db;
}

/** The live catalog, without the instants it was seen at (two databases never share those). */
const catalogOf = (db: Database) => listLiveOffers(db).map(({ firstSeen: _f, lastSeen: _l, ...offer }) => offer);

const keyOf = (offer: { productId: string; skuId: string; variant: string }) =>
  `${offer.productId}/${offer.skuId}/${offer.variant}`;

/** An offer with its stock, and the stock in its raw item, left out. */
const withoutStock = ({ stock: _stock, raw, ...offer }: ReturnType<typeof catalogOf>[number]) => ({
  ...offer,
  raw: JSON.parse(
    JSON.stringify(raw, (key, value) => (key === 'stock_quantity' || key === 'stock_status' ? undefined : value)),
  ),
});

/** A run's changes as text, sorted: two databases number and order their logs each in their own way. */
const changeLogOf = (db: Database, runIds: number[]) =>
  changesForRuns(db, runIds)
    .map(({ productId, skuId, variant, change, old, new: next }) =>
      JSON.stringify([productId, skuId, variant, change, old, next]),
    )
    .sort();

/** How far the server's clock runs from ours: it stamps updated_at by its own, and updated_after is read against it. */
const SERVER_CLOCKS = [
  ['ours', 0],
  ['10 minutes behind ours', -10 * 60_000],
  ['10 minutes ahead of ours', 10 * 60_000],
] as const;

describe('an incremental sync over HTTP', () => {
  it.each(SERVER_CLOCKS)(
    'stores and logs what a full listing of the same upstream would, but for products deleted outright and stock that moved without the product being saved, which the next full listing catches (server clock %s)',
    async (_clock, serverClockOffsetMs) => {
      const sim = await startDujiaoSimulator({ seed: SEED, size: SIZE, churn: CHURN, generation: 0, rateLimit: null });
      cleanups.push(() => sim.close());
      sim.server.state.clockOffsetMs = serverClockOffsetMs;
      const connection = sim.connection as ConnectionBase & Record<string, unknown>;
      const sync = async (db: Database, mode: 'full' | 'auto') => {
        const [result] = await syncSuppliers(db, [syncTargetFor(connection, adapterFor(connection, ENV))], { mode });
        expect(result).toMatchObject({ status: 'ok', error: null });
        return result;
      };
      const incremental = database();
      const reference = database();
      await sync(incremental, 'full');
      await sync(reference, 'full');
      const stockBefore = new Map(catalogOf(incremental).map((offer) => [keyOf(offer), offer.stock]));

      sim.setGeneration(1);
      const changes = await sync(incremental, 'auto');
      expect(changes.mode).toBe('incremental');
      const listed = await sync(reference, 'full');
      expect(changes.requests).toBeLessThan(listed.requests);

      // What the server no longer knows at all (not even as inactive): only a full listing can see it is gone.
      const known = new Set(dujiaoCatalogAt(SEED, 1, SIZE, CHURN).products.map((product) => String(product.id)));
      const deletedOutright = catalogOf(incremental).filter((offer) => !known.has(offer.productId));
      expect(deletedOutright.length).toBeGreaterThan(0);
      const deletedKeys = new Set(deletedOutright.map(keyOf));
      const kept = catalogOf(incremental).filter((offer) => !deletedKeys.has(keyOf(offer)));
      // Stock sold or restocked upstream leaves the product's updated_at alone (the real server's rule): the listing of
      // changes does not carry it, and those offers keep the stock the last full listing saw. All else is the same.
      expect(kept.map(withoutStock)).toEqual(catalogOf(reference).map(withoutStock));
      const referenceStock = new Map(catalogOf(reference).map((offer) => [keyOf(offer), offer.stock]));
      const staleStock = kept.filter((offer) => !isDeepStrictEqual(offer.stock, referenceStock.get(keyOf(offer))));
      expect(staleStock.length).toBeGreaterThan(0);
      for (const offer of staleStock) expect(offer.stock).toEqual(stockBefore.get(keyOf(offer)));

      const full = await sync(incremental, 'full');
      expect(full.mode).toBe('full');
      expect(full.counts).toMatchObject({ removed: deletedOutright.length, added: 0, changed: staleStock.length });
      expect(catalogOf(incremental)).toEqual(catalogOf(reference));
      // The incremental run's log and the full run's removals and stock moves are, together, the reference's one full
      // listing's log.
      expect(changeLogOf(incremental, [changes.runId, full.runId])).toEqual(changeLogOf(reference, [listed.runId]));
      expect(changeLogOf(reference, [listed.runId]).length).toBeGreaterThan(deletedOutright.length + staleStock.length);
    },
  );

  it('lists in full once a category was renamed upstream: its products keep their updated_at', async () => {
    const sim = await startDujiaoSimulator({ seed: SEED, size: SIZE, churn: CHURN, generation: 0, rateLimit: null });
    cleanups.push(() => sim.close());
    const connection = sim.connection as ConnectionBase & Record<string, unknown>;
    const sync = async (db: Database) => {
      const [result] = await syncSuppliers(db, [syncTargetFor(connection, adapterFor(connection, ENV))], {
        mode: 'auto',
      });
      expect(result).toMatchObject({ status: 'ok', error: null });
      return result;
    };
    const db = database();
    await sync(db);
    // Nothing moved: a listing of changes, which finds none.
    expect(await sync(db)).toMatchObject({ mode: 'incremental', counts: { added: 0, removed: 0, changed: 0 } });

    // Renamed in the server's catalog as it stands (a copy: the seed's categories are shared).
    const catalog = sim.server.catalog();
    const category = catalog.categories.find((candidate) =>
      catalogOf(db).some((offer) => offer.category?.id === String(candidate.id)),
    )!;
    catalog.categories = catalog.categories.map((candidate) =>
      candidate === category ? { ...candidate, name: { ...candidate.name, 'en-US': 'Renamed' } } : candidate,
    );
    const renamed = await sync(db);
    expect(renamed.mode).toBe('full');
    const carrying = catalogOf(db).filter((offer) =>
      offer.category?.path.some((level) => level.id === String(category.id)),
    );
    expect(carrying.length).toBeGreaterThan(0);
    for (const offer of carrying)
      expect(offer.category!.path.find((level) => level.id === String(category.id))!.names['en-US']).toBe('Renamed');
    // What a first full listing of the same upstream stores.
    const reference = database();
    await sync(reference);
    expect(catalogOf(db)).toEqual(catalogOf(reference));
  });

  it('lists in full once the connection points at another shop or account: nothing of the old catalog stays', async () => {
    const first = await startDujiaoSimulator({ seed: SEED, size: SIZE, generation: 0, rateLimit: null });
    const other = await startDujiaoSimulator({ seed: SEED + 1, size: SIZE / 3, generation: 0, rateLimit: null });
    cleanups.push(
      () => first.close(),
      () => other.close(),
    );
    const db = database();
    const sync = async (connection: ConnectionBase) => {
      const [result] = await syncSuppliers(db, [syncTargetFor(connection, adapterFor(connection, ENV))], {
        mode: 'auto',
      });
      expect(result.error).toBeNull();
      return result;
    };
    const shop = first.connection as ConnectionBase & Record<string, unknown>;
    expect(await sync(shop)).toMatchObject({ status: 'ok', mode: 'full' });
    // The same shop, renamed and paced differently: still the same catalog, still listed incrementally.
    expect(await sync({ ...shop, name: 'Renamed', requestsPerMinute: 30 } as ConnectionBase)).toMatchObject({
      status: 'ok',
      mode: 'incremental',
    });
    const before = catalogOf(db);

    // The merchant points the same connection at another shop (its address and key): a listing of what changed
    // there since the last run would have kept every offer of the first shop. A full listing removes them, so it is
    // held for review first, like any listing that would remove most of a supplier.
    const moved = { ...(other.connection as ConnectionBase & Record<string, unknown>), id: shop.id };
    const listed = await sync(moved);
    expect(listed).toMatchObject({ status: 'held', mode: 'full' });
    expect(catalogOf(db)).toEqual(before);
    applyHeldRun(db, listed.runId);
    const expected = new Set(dujiaoCatalogAt(SEED + 1, 0, SIZE / 3).products.map((product) => String(product.id)));
    const live = catalogOf(db);
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((offer) => expected.has(offer.productId))).toBe(true);
    // From then on, that shop's changes are listed incrementally again.
    expect(await sync(moved)).toMatchObject({ status: 'ok', mode: 'incremental' });
  });
});
