import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Offer } from '../../../src-main/domain/offer';
import { linksfield } from '../../../src-main/suppliers/linksfield';
import { FMS_PATHS } from '../../../src-main/suppliers/linksfield/paths';
import { startLinksfieldSimulator, type LinksfieldSimulator } from '../../../src-main/suppliers/linksfield/sim';
import { collectPages } from '../../helpers/collect-pages';
import { tempDb } from '../../helpers/temp-db';
import { listLiveOffers } from '../../../src-main/db/catalog-repo';
import { syncSupplier } from '../../../src-main/sync/engine';
import { syncTargetFor } from '../../../src-main/sync/targets';
import { forgetThreadShared } from '../../../src-main/suppliers/shared/thread-shared';

// The pace is the budget's business, tested elsewhere; here it only slows the count down.
const env = { retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 }, budgetTuning: { requestsPerMinute: 600_000 } };

let sim: LinksfieldSimulator;
beforeEach(async () => {
  sim = await startLinksfieldSimulator();
});
afterEach(async () => {
  await sim.close();
});

const adapterFor = () => linksfield.create(linksfield.configSchema.parse({ ...sim.connection }), env);
/** An adapter as a new process (or a sync thread) makes it: no detail of the account remembered in memory. */
const freshAdapter = () => {
  forgetThreadShared('linksfield-details');
  return adapterFor();
};
const detailRequests = () => sim.server.hits.get(`POST ${FMS_PATHS.packageDetail}`) ?? 0;
/** Offers as a merchant sees them; `raw` keeps the whole upstream answer, sales counters included, which no diff reads. */
const visible = (offers: Offer[]) => offers.map(({ raw: _raw, ...offer }) => offer);

/** A package list whose entries carry the package's `updateTime`, as a server that reports it in the list would. */
function listEntriesCarryUpdateTime(): void {
  sim.server.faults.add({
    path: FMS_PATHS.packageList,
    action: {
      kind: 'rewrite',
      transform: (body) => {
        const envelope = body as { data: Array<{ id: number }> | null };
        if (!Array.isArray(envelope.data)) return body;
        const served = new Map(sim.server.packages().map((pkg) => [pkg.id, pkg.updateTime]));
        return { ...envelope, data: envelope.data.map((entry) => ({ ...entry, updateTime: served.get(entry.id) })) };
      },
    },
  });
}

/** Between full listings the engine asks for changes since the last sync; Linksfield lists in full, reusing details. */
const betweenFullListings = { changedSince: new Date(Date.now() - 3_600_000).toISOString() };

describe('Linksfield package details across listings of one connection', () => {
  it('reuses a detail while its list entry is unchanged and asks again for the packages whose entry moved', async () => {
    listEntriesCarryUpdateTime();
    const adapter = adapterFor();
    const first = await collectPages(adapter.fetchCatalog());
    const packages = sim.server.packages().length;
    expect(detailRequests()).toBe(packages);

    const again = await collectPages(adapter.fetchCatalog(betweenFullListings));
    expect(detailRequests()).toBe(packages);
    expect(visible(again.offers)).toEqual(visible(first.offers));

    const before = new Map(sim.server.packages().map((pkg) => [pkg.id, pkg]));
    sim.setGeneration(1);
    const moved = sim.server.packages().filter((pkg) => {
      const old = before.get(pkg.id);
      return !old || old.updateTime !== pkg.updateTime || old.packageShowName !== pkg.packageShowName;
    });
    expect(moved.length).toBeGreaterThan(5);
    const next = await collectPages(adapter.fetchCatalog(betweenFullListings));
    expect(detailRequests() - packages).toBe(moved.length);
    // Exactly what a connection without any remembered detail sees.
    const fresh = await collectPages(freshAdapter().fetchCatalog());
    expect(visible(next.offers)).toEqual(visible(fresh.offers));

    // A full listing (every 24 h, or asked for) details every package again, whatever it remembers: a detail can
    // change while its list entry does not.
    const detailedBefore = detailRequests();
    await collectPages(adapter.fetchCatalog());
    expect(detailRequests() - detailedBefore).toBe(sim.server.packages().length);
  });

  it('details every package again when the list entries carry nothing that shows a change', async () => {
    const adapter = adapterFor();
    await collectPages(adapter.fetchCatalog());
    const once = detailRequests();
    sim.setGeneration(1);
    const next = await collectPages(adapter.fetchCatalog());
    expect(detailRequests()).toBe(once + sim.server.packages().length);
    const fresh = await collectPages(freshAdapter().fetchCatalog());
    expect(next.offers).toEqual(fresh.offers);
  });

  it('reuses what the stored catalog kept, across processes: a fresh connection details only the packages that moved', async () => {
    listEntriesCarryUpdateTime();
    const temp = tempDb();
    try {
      const sync = (mode: 'full' | 'auto' = 'auto') =>
        syncSupplier(temp.db, syncTargetFor(sim.connection, freshAdapter()), { mode });
      expect((await sync()).status).toBe('ok');
      const packages = sim.server.packages().length;
      expect(detailRequests()).toBe(packages);
      const stored = listLiveOffers(temp.db);

      // A new adapter, as after a restart or in a sync thread: nothing remembered in memory.
      expect((await sync()).status).toBe('ok');
      expect(detailRequests()).toBe(packages);
      // Nothing to write: every offer is exactly as stored, the raw detail it came from included.
      expect(listLiveOffers(temp.db)).toEqual(stored);

      const before = new Map(sim.server.packages().map((pkg) => [pkg.id, pkg]));
      sim.setGeneration(1);
      // New packages, and those whose list entry moved (its updateTime or its name).
      const moved = sim.server.packages().filter((pkg) => {
        const old = before.get(pkg.id);
        return !old || old.updateTime !== pkg.updateTime || old.packageShowName !== pkg.packageShowName;
      }).length;
      const third = await sync();
      expect(third.status).toBe('ok');
      expect(detailRequests() - packages).toBe(moved);
      // What a listing that detailed everything stores.
      const everything = tempDb();
      try {
        await syncSupplier(everything.db, syncTargetFor(sim.connection, freshAdapter()), { mode: 'full' });
        // Sales counters inside `raw` drift without the list entry moving; what a merchant sees is the same.
        const catalog = (db: typeof temp.db) =>
          listLiveOffers(db).map(({ firstSeen: _f, lastSeen: _l, raw: _r, ...offer }) => offer);
        expect(catalog(temp.db)).toEqual(catalog(everything.db));
      } finally {
        everything.cleanup();
      }
      // A full sync details every package again, whatever the stored catalog kept.
      const detailedBefore = detailRequests();
      expect(await sync('full')).toMatchObject({ status: 'ok', mode: 'full' });
      expect(detailRequests() - detailedBefore).toBe(sim.server.packages().length);
    } finally {
      temp.cleanup();
    }
  });

  it('a detail fetched and the same detail read back from the stored catalog have one fingerprint', async () => {
    // A server whose detail lists its fields in another order than our schema, the period as text.
    sim.server.faults.add({
      path: FMS_PATHS.packageDetail,
      action: {
        kind: 'rewrite',
        transform: (body) => {
          const envelope = body as { data: Record<string, unknown> | null };
          if (!envelope.data) return body;
          const { currencyInfos, ...rest } = envelope.data;
          return { ...envelope, data: { currencyInfos, ...rest, period: String(rest.period) } };
        },
      },
    });
    listEntriesCarryUpdateTime();
    const temp = tempDb();
    try {
      const stamps = () =>
        temp.db.prepare('SELECT product_id, item_fingerprint, grid_seq FROM offers ORDER BY product_id').all();
      // Each sync with a fresh adapter, as after a restart or in a sync thread: the second reads the stored details.
      const sync = () => syncSupplier(temp.db, syncTargetFor(sim.connection, freshAdapter()), { mode: 'auto' });
      expect((await sync()).mode).toBe('full');
      const first = stamps();
      const again = await sync();
      // Nothing upstream moved: every item reused, no offer written again.
      expect([again.status, again.mode]).toEqual(['ok', 'incremental']);
      expect(stamps()).toEqual(first);
    } finally {
      temp.cleanup();
    }
  });

  it('between full listings, maps again only the details that moved, or whose package moved in the country lists', async () => {
    const reusing = tempDb();
    const reading = tempDb();
    const table = (db: typeof reusing.db) =>
      db
        .prepare(
          `SELECT product_id, sku_id, variant, titles_json, cost_amount, plan_json, raw_json, item_fingerprint,
          removed_at IS NULL AS live FROM offers ORDER BY product_id, sku_id, variant`,
        )
        .all();
    const changes = (db: typeof reusing.db) =>
      db.prepare('SELECT product_id, sku_id, variant, change, old_json, new_json FROM changes ORDER BY id').all();
    const sync = (db: typeof reusing.db, mode: 'auto' | 'full') =>
      syncSupplier(db, syncTargetFor(sim.connection, adapterFor()), { mode });
    try {
      expect((await sync(reusing.db, 'auto')).mode).toBe('full');
      expect((await sync(reading.db, 'full')).mode).toBe('full');
      sim.setGeneration(1);
      const reused = await sync(reusing.db, 'auto');
      const read = await sync(reading.db, 'full');
      expect([reused.status, reused.mode, read.status, read.mode]).toEqual(['ok', 'incremental', 'ok', 'full']);
      // The list shows no change marker: every detail is still asked for, but most are not mapped again.
      expect(reused.requests).toBe(read.requests);
      expect(reused.counts).toEqual(read.counts);
      expect(table(reusing.db)).toEqual(table(reading.db));
      expect(changes(reusing.db)).toEqual(changes(reading.db));

      // Listed under one more country, with a detail exactly as before: its offer covers that country now.
      const pkg = sim.server.packages().find((p) => !p.listedUnder.includes('440'))!;
      pkg.listedUnder.push('440');
      const moved = await sync(reusing.db, 'auto');
      expect([moved.status, moved.mode, moved.counts?.changed]).toEqual(['ok', 'incremental', 0]);
      const offer = listLiveOffers(reusing.db).find((o) => o.productId === String(pkg.id))!;
      expect(offer.plan.countries).toContain('JP');

      // The connection now buys in euros: every detail is read again, and every cost follows.
      const inEuros = linksfield.create(linksfield.configSchema.parse({ ...sim.connection, currency: 'EUR' }), env);
      const repriced = await syncSupplier(reusing.db, syncTargetFor(sim.connection, inEuros), { mode: 'auto' });
      expect([repriced.status, repriced.mode]).toEqual(['ok', 'full']);
      // A package with no euro price is skipped, and its offer kept as it was; every other one is in euros now.
      const unpriced = new Set(repriced.skipped.map((item) => item.productId));
      const priced = listLiveOffers(reusing.db).filter((o) => !unpriced.has(o.productId));
      expect(priced.length).toBeGreaterThan(10);
      expect(new Set(priced.map((o) => o.cost.currency))).toEqual(new Set(['EUR']));
    } finally {
      reusing.cleanup();
      reading.cleanup();
    }
  });
});
