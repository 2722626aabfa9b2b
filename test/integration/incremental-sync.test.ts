import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { getRun } from '../../src-main/db/catalog-repo';
import { catalogSeq } from '../../src-main/db/catalog-seq';
import { seededRandom } from '../../src-main/suppliers/shared/sim/seeded-random';
import { CHANGED_SINCE_OVERLAP_MS, syncSupplier, syncSuppliers, type SyncOptions } from '../../src-main/sync/engine';
import type { SyncEvent } from '../../src-shared/sync-types';
import { evolve, FakeSupplier, type FakeProduct } from '../helpers/fake-catalog';
import { tempDb, type TempDb } from '../helpers/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function store(): TempDb {
  const db = tempDb();
  cleanups.push(db.cleanup);
  return db;
}

/** The stored catalog, row for row; timestamps differ between two databases by nature, so only liveness is compared. */
function offersTable(db: Database) {
  return db
    .prepare(
      `SELECT supplier_id, product_id, sku_id, variant, kind, titles_json, category_json, cost_amount, cost_currency,
      retail_json, original_json, stock_status, stock_quantity, min_quantity, max_quantity, fulfillment_json, images_json, plan_json,
      orderable, raw_json, tiers_json, item_fingerprint, removed_at IS NULL AS live, grid_seq
    FROM offers ORDER BY supplier_id, product_id, sku_id, variant`,
    )
    .all();
}

function changeLog(db: Database) {
  return db
    .prepare(
      'SELECT id, run_id, supplier_id, product_id, sku_id, variant, change, old_json, new_json FROM changes ORDER BY id',
    )
    .all();
}

/** `skipped` is left out: it says what a listing could not read, and a 'changes' listing does not re-read what did not change. */
function runCounts(db: Database) {
  return db.prepare('SELECT id, status, offers, added, removed, changed FROM sync_runs ORDER BY id').all();
}

const liveOffers = (db: Database) =>
  (db.prepare('SELECT COUNT(*) AS n FROM offers WHERE removed_at IS NULL').get() as { n: number }).n;

const target = (adapter: ReturnType<FakeSupplier['adapter']>) => ({
  supplierId: 'fake',
  supplierKind: 'fake',
  adapter,
});

describe('incremental sync', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'gives exactly the catalog, change log and grid stamps of a full sync (random evolution, seed %i)',
    async (seed) => {
      const random = seededRandom(seed);
      const overlap = seededRandom(seed * 7919);
      const supplier = new FakeSupplier();
      const full = store();
      const incremental = store();
      const fullAdapter = supplier.adapter();
      const incrementalAdapter = supplier.adapter({ overlap, pageSize: 5 });
      evolve(supplier, random, { newProducts: 25 });
      let incrementalRuns = 0;
      for (let step = 0; step < 7; step++) {
        const a = await syncSupplier(full.db, target(fullAdapter), { mode: 'full' });
        const b = await syncSupplier(incremental.db, target(incrementalAdapter), { mode: 'auto' });
        expect([a.status, b.status]).toEqual(['ok', 'ok']);
        expect(a.mode).toBe('full');
        expect(b.mode).toBe(step === 0 ? 'full' : 'incremental');
        if (b.mode === 'incremental') incrementalRuns++;
        expect({ ...b.counts, skipped: 0 }).toEqual({ ...a.counts, skipped: 0 });
        // The commit counts its live offers from what it did rather than querying them again: the two must agree.
        expect(a.counts?.offers).toBe(liveOffers(full.db));
        expect(b.counts?.offers).toBe(liveOffers(incremental.db));
        expect(offersTable(incremental.db)).toEqual(offersTable(full.db));
        expect(changeLog(incremental.db)).toEqual(changeLog(full.db));
        expect(runCounts(incremental.db)).toEqual(runCounts(full.db));
        evolve(supplier, random);
      }
      expect(incrementalRuns).toBe(6);
      expect(changeLog(full.db).length).toBeGreaterThan(50);
      expect(catalogSeq(full.db)).toBe(7);
    },
  );

  it.each([1, 2, 3, 4, 5, 6])(
    'a listing with no filter that reuses unchanged items gives exactly what reading every item gives (seed %i)',
    async (seed) => {
      const random = seededRandom(seed);
      const supplier = new FakeSupplier();
      const full = store();
      const reusing = store();
      // Pages of one size for both: whether a page is mostly unreadable is judged page by page, reused items included.
      const fullAdapter = supplier.adapter({ reuseItems: true, pageSize: 10 });
      const reusingAdapter = supplier.adapter({ reuseItems: true, pageSize: 10 });
      evolve(supplier, random, { newProducts: 25 });
      let reusingRuns = 0;
      for (let step = 0; step < 7; step++) {
        const readBefore = reusingAdapter.itemsRead;
        const keptBefore = reusingAdapter.itemsKept;
        const a = await syncSupplier(full.db, target(fullAdapter), { mode: 'full' });
        const b = await syncSupplier(reusing.db, target(reusingAdapter), { mode: 'auto' });
        expect([a.status, a.error, b.status, b.error]).toEqual(['ok', null, 'ok', null]);
        expect(a.mode).toBe('full');
        const kept = reusingAdapter.itemsKept - keptBefore;
        // Reused items are neither read nor mapped; a run that reused any is not a full listing.
        expect(b.mode).toBe(kept > 0 ? 'incremental' : 'full');
        if (step > 0) expect(kept).toBeGreaterThan(0);
        if (kept > 0) reusingRuns++;
        // Every readable item was either read or reused (an unreadable one fails its schema before being mapped).
        expect(reusingAdapter.itemsRead - readBefore + kept).toBe(
          [...supplier.products.values()].filter((p) => p.active && !p.unreadable).length,
        );
        // Skips included: an item with a skip inside is read, and so reported, every time.
        expect(b.counts).toEqual(a.counts);
        expect(b.skipped).toEqual(a.skipped);
        expect(b.counts?.offers).toBe(liveOffers(reusing.db));
        expect(offersTable(reusing.db)).toEqual(offersTable(full.db));
        expect(changeLog(reusing.db)).toEqual(changeLog(full.db));
        evolve(supplier, random, { hardDeletes: true });
      }
      expect(reusingRuns).toBe(6);
      expect(changeLog(full.db).length).toBeGreaterThan(50);
    },
  );

  it('reuses no item on a scheduled full listing, and reads again an item whose mapping skipped part of it', async () => {
    const supplier = new FakeSupplier();
    const db = store().db;
    const adapter = supplier.adapter({ reuseItems: true });
    evolve(supplier, seededRandom(21), { newProducts: 10 });
    let now = Date.now();
    const options: SyncOptions = { mode: 'auto', fullEveryMs: 60_000, now: () => now };
    expect((await syncSupplier(db, target(adapter), options)).mode).toBe('full');
    const readable = [...supplier.products.values()].filter((p) => p.active && !p.unreadable).length;
    expect(adapter.itemsRead).toBe(readable);

    // One SKU its mapping cannot store (offerProblem: a negative cost): that item is read on every listing.
    const [flawed] = [...supplier.products.values()].filter((p) => p.active && !p.unreadable && p.skus.length > 1);
    flawed.skus[0].amount = '-1.00';
    await syncSupplier(db, target(adapter), options);
    const readBefore = adapter.itemsRead;
    const again = await syncSupplier(db, target(adapter), options);
    expect(again.mode).toBe('incremental');
    expect(adapter.itemsRead - readBefore).toBe(1);
    expect(again.skipped.map((item) => item.skuId)).toEqual([flawed.skus[0].skuId]);

    now += 61_000;
    const scheduled = await syncSupplier(db, target(adapter), options);
    expect(scheduled.mode).toBe('full');
    expect(adapter.itemsRead - readBefore).toBe(1 + readable);
  });

  describe('reusing items, where reading them would give another result', () => {
    /** A product of `skus` SKUs, exactly as the reusing fake lists it. */
    const product = (id: string, skus: number): FakeProduct => ({
      id,
      active: true,
      unreadable: false,
      changedAt: 0,
      skus: Array.from({ length: skus }, (_, n) => ({
        skuId: `${id}-${n}`,
        variant: '',
        amount: `${n + 1}.50`,
        currency: 'USD',
        stock: 10,
        title: `Plan ${id}/${n}`,
        raw: 0,
      })),
    });
    /** One supplier synced into two databases: reading every item, and reusing what it may. */
    async function pair(products: FakeProduct[], keys: string[] = products.map((p) => p.id), pageSize = 7) {
      const supplier = new FakeSupplier();
      products.forEach((p, index) => supplier.products.set(keys[index], p));
      const reading = store().db;
      const reusing = store().db;
      const readingAdapter = supplier.adapter({ reuseItems: true, pageSize });
      const reusingAdapter = supplier.adapter({ reuseItems: true, pageSize });
      const step = async () => {
        const read = await syncSupplier(reading, target(readingAdapter), { mode: 'full' });
        const reused = await syncSupplier(reusing, target(reusingAdapter), { mode: 'auto' });
        expect(reused.counts).toEqual(read.counts);
        expect(reused.skipped).toEqual(read.skipped);
        expect(offersTable(reusing)).toEqual(offersTable(reading));
        expect(changeLog(reusing)).toEqual(changeLog(reading));
        return reused;
      };
      return { supplier, reusingAdapter, step };
    }

    it('an offer spared as unreadable does not vouch for its item: the item, back as it was, is read', async () => {
      const { supplier, step } = await pair([product('p0', 2), product('p1', 1), product('p2', 1)]);
      await step();
      const p0 = supplier.products.get('p0')!;
      const amount = p0.skus[1].amount;
      // A SKU its mapping cannot store: skipped, and its offer spared (not removed) with the fingerprint it had.
      p0.skus[1].amount = '0.00';
      expect((await step()).skipped).toHaveLength(1);
      p0.skus[1].amount = amount;
      const back = await step();
      expect(back.mode).toBe('incremental');
      expect(back.counts).toMatchObject({ offers: 4, removed: 0 });
    });

    it('an item that lists an offer key twice is read every time, and its skip reported every time', async () => {
      const twice = product('p0', 2);
      twice.skus[1].skuId = twice.skus[0].skuId;
      const { supplier, step } = await pair([twice, product('p1', 1), product('p2', 1)]);
      await step();
      supplier.products.get('p2')!.skus[0].amount = '7.00';
      const next = await step();
      expect(next.mode).toBe('incremental');
      expect(next.skipped).toHaveLength(1);
    });

    it('two items listing one offer key are both read every time: which one is gone decides what stays', async () => {
      // Two upstream items for product p0 (a listing that repeats a product), their first SKU the same key.
      const first = product('p0', 2);
      const second = product('p0', 1);
      second.skus[0].title = 'Plan p0/0, the second copy';
      const { supplier, reusingAdapter, step } = await pair(
        [first, second, product('p1', 1), product('p2', 1)],
        ['a', 'b', 'p1', 'p2'],
      );
      await step();
      supplier.products.get('p2')!.skus[0].amount = '7.00';
      const keptBefore = reusingAdapter.itemsKept;
      await step();
      // Only p1 is reused: both copies of p0 are read again (p2 changed).
      expect(reusingAdapter.itemsKept - keptBefore).toBe(1);
      // The first copy goes: the second's offer of the shared key now stays, as reading both tells.
      supplier.products.delete('a');
      const gone = await step();
      expect(gone.counts).toMatchObject({ changed: 1, removed: 1 });
    });

    it.each([7, 1])(
      'an unchanged item listed again exactly alike makes the listing read every item (pages of %i)',
      async (pageSize) => {
        const { supplier, step } = await pair(
          [product('p0', 2), product('p1', 1), product('p2', 1)],
          undefined,
          pageSize,
        );
        await step();
        // The upstream repeats p0 word for word: reading reports its two keys listed twice.
        supplier.products.set('p0 again', JSON.parse(JSON.stringify(supplier.products.get('p0'))) as FakeProduct);
        const repeated = await step();
        expect([repeated.mode, repeated.skipped.length]).toEqual(['full', 2]);
      },
    );

    it('an item read that now lists the key of a reused item makes the listing read every item', async () => {
      const first = product('p0', 2);
      const second = product('p0', 1);
      second.skus[0].skuId = 'p0-9';
      const { supplier, step } = await pair([first, second, product('p1', 1)], ['a', 'b', 'p1']);
      await step();
      // The second copy now lists the first's key: reading both keeps the first copy's offer and skips the other.
      supplier.products.get('b')!.skus[0].skuId = 'p0-0';
      const moved = await step();
      expect([moved.mode, moved.skipped.length]).toEqual(['full', 1]);
    });
  });

  it('writes only offers whose stored content changed, and stamps only them with the next seq', async () => {
    const supplier = new FakeSupplier();
    const db = store().db;
    const adapter = supplier.adapter();
    evolve(supplier, seededRandom(11), { newProducts: 10 });
    await syncSupplier(db, target(adapter), { mode: 'full' });
    // A second run with no changes writes and stamps nothing: the first run's 'added' badges retire by run id in the grid.
    await syncSupplier(db, target(adapter), { mode: 'full' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM offers WHERE grid_seq <> 1').get()).toEqual({ n: 0 });
    const [priced, rawOnly] = [...supplier.products.values()].filter((p) => p.active && !p.unreadable);
    priced.skus[0].amount = '99.00';
    rawOnly.skus[0].raw = 42;
    db.exec(`CREATE TEMP TABLE offer_writes (product_id TEXT);
      CREATE TEMP TRIGGER offer_updated AFTER UPDATE ON main.offers BEGIN INSERT INTO offer_writes VALUES (new.product_id); END;
      CREATE TEMP TRIGGER offer_inserted AFTER INSERT ON main.offers BEGIN INSERT INTO offer_writes VALUES (new.product_id); END;`);
    await syncSupplier(db, target(adapter), { mode: 'full' });
    expect(db.prepare('SELECT product_id FROM offer_writes ORDER BY product_id').all()).toEqual([
      { product_id: priced.id },
      { product_id: rawOnly.id },
    ]);
    // One price change and one raw-only edit: two offer rows written, and stamped.
    const stamped = db.prepare('SELECT DISTINCT product_id FROM offers WHERE grid_seq = 3 ORDER BY product_id').all();
    expect(stamped).toEqual([{ product_id: priced.id }, { product_id: rawOnly.id }]);

    // Nothing changes upstream: nothing written, nothing stamped.
    await syncSupplier(db, target(adapter), { mode: 'full' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM offers WHERE grid_seq = 4').get()).toEqual({ n: 0 });
    expect(catalogSeq(db)).toBe(4);
  });

  it('a product deleted outright is missed by an incremental listing and found by the next full one', async () => {
    const supplier = new FakeSupplier();
    const db = store().db;
    const adapter = supplier.adapter();
    evolve(supplier, seededRandom(3), { newProducts: 6 });
    let now = Date.now();
    const options: SyncOptions = { mode: 'auto', fullEveryMs: 60_000, now: () => now };
    await syncSupplier(db, target(adapter), options);
    const [gone] = [...supplier.products.keys()];
    supplier.products.delete(gone);
    const live = () =>
      (
        db.prepare('SELECT COUNT(*) AS n FROM offers WHERE product_id = ? AND removed_at IS NULL').get(gone) as {
          n: number;
        }
      ).n;
    expect(live()).toBeGreaterThan(0);

    const quick = await syncSupplier(db, target(adapter), options);
    expect(quick.mode).toBe('incremental');
    expect(live()).toBeGreaterThan(0);

    now += 61_000;
    const scheduledFull = await syncSupplier(db, target(adapter), options);
    expect(scheduledFull.mode).toBe('full');
    expect(live()).toBe(0);
    expect(
      db
        .prepare(`SELECT DISTINCT change FROM changes WHERE run_id = ? AND product_id = ?`)
        .all(scheduledFull.runId, gone),
    ).toEqual([{ change: 'removed' }]);
  });

  it('asks for changes since the last ok run less the overlap in auto mode, and in full by default', async () => {
    const supplier = new FakeSupplier();
    const db = store().db;
    const adapter = supplier.adapter();
    evolve(supplier, seededRandom(5));
    const first = await syncSupplier(db, target(adapter), { mode: 'auto' });
    await syncSupplier(db, target(adapter), { mode: 'auto' });
    await syncSupplier(db, target(adapter));
    const second = getRun(db, first.runId + 1)!;
    expect(supplier.lastChangedSince).toEqual([
      null,
      new Date(Date.parse(getRun(db, first.runId)!.startedAt) - CHANGED_SINCE_OVERLAP_MS).toISOString(),
      null,
    ]);
    expect(second.mode).toBe('incremental');
  });

  it('a server that ignores the filter still gives the right catalog, recorded as a full listing', async () => {
    const supplier = new FakeSupplier();
    const db = store().db;
    const reference = store().db;
    const ignoring = supplier.adapter({ ignoreFilter: true });
    const plain = supplier.adapter();
    const random = seededRandom(9);
    evolve(supplier, random, { newProducts: 12 });
    await syncSupplier(db, target(ignoring), { mode: 'auto' });
    await syncSupplier(reference, target(plain), { mode: 'full' });
    evolve(supplier, random, { hardDeletes: true });
    const result = await syncSupplier(db, target(ignoring), { mode: 'auto' });
    await syncSupplier(reference, target(plain), { mode: 'full' });
    expect(supplier.lastChangedSince[2]).not.toBeNull();
    expect(result.mode).toBe('full');
    expect(getRun(db, result.runId)!.mode).toBe('full');
    expect(offersTable(db)).toEqual(offersTable(reference));
    expect(changeLog(db)).toEqual(changeLog(reference));
  });

  it('records mode, requests, waits and bytes on the run, and passes waiting events on', async () => {
    const supplier = new FakeSupplier();
    const db = store().db;
    const resumesAt = Date.now() + 23_000;
    const adapter = supplier.adapter({
      pageSize: 4,
      beforePage: (index) => {
        if (index !== 1) return;
        supplier.budget.announce(resumesAt);
        supplier.budget.totals.waitMs += 1500;
        supplier.budget.totals.throttled++;
        supplier.budget.announce(null);
      },
    });
    evolve(supplier, seededRandom(1), { newProducts: 10 });
    supplier.budget.totals.requests = 100; // spent before this run (another sync, an order): not this run's
    const events: SyncEvent[] = [];
    const result = await syncSupplier(db, target(adapter), { onEvent: (event) => events.push(event) });
    const pages = Math.ceil(supplier.products.size / 4);
    expect(result).toMatchObject({
      status: 'ok',
      mode: 'full',
      requests: pages,
      waitMs: 1500,
      throttled: 1,
      bytes: pages * 1000,
    });
    expect(getRun(db, result.runId)).toMatchObject({
      mode: 'full',
      requests: pages,
      waitMs: 1500,
      throttled: 1,
      bytes: pages * 1000,
      fetchMs: expect.any(Number),
      commitMs: expect.any(Number),
    });
    expect(events.filter((e) => e.type === 'waiting')).toEqual([
      { type: 'waiting', supplierId: 'fake', runId: result.runId, resumesAt },
      { type: 'waiting', supplierId: 'fake', runId: result.runId, resumesAt: null },
    ]);
    expect(supplier.budget.listening).toBe(0);
  });

  it('the deadline ends a run stuck waiting as failed ("deadline passed") and keeps the old catalog', async () => {
    const supplier = new FakeSupplier();
    const db = store().db;
    evolve(supplier, seededRandom(2), { newProducts: 10 });
    await syncSupplier(db, target(supplier.adapter()));
    const before = offersTable(db);
    for (const product of supplier.products.values()) product.skus[0].amount = '77.00';
    // Page 2 waits for a request limit that never lifts, and does not even listen to the signal.
    const stuck = supplier.adapter({
      beforePage: (index) => (index === 1 ? new Promise<void>(() => undefined) : undefined),
    });
    const result = await syncSupplier(db, target(stuck), { mode: 'full', deadlineMs: 100 });
    expect(result).toMatchObject({ status: 'failed', error: 'deadline passed' });
    expect(getRun(db, result.runId)).toMatchObject({ status: 'failed', error: 'deadline passed' });
    expect(offersTable(db)).toEqual(before);
  });

  it("the deadline is the whole sync's: a supplier queued behind one that used it up asks nothing and keeps its catalog", async () => {
    const db = store().db;
    const first = new FakeSupplier();
    const second = new FakeSupplier();
    evolve(first, seededRandom(5), { newProducts: 10 });
    evolve(second, seededRandom(6), { newProducts: 10 });
    const named = (supplierId: string, adapter: ReturnType<FakeSupplier['adapter']>) => ({
      supplierId,
      supplierKind: 'fake',
      adapter,
    });
    await syncSuppliers(db, [named('first', first.adapter()), named('second', second.adapter())]);
    const before = offersTable(db);
    for (const supplier of [first, second])
      for (const product of supplier.products.values()) product.skus[0].amount = '77.00';
    let secondAsked = 0;
    // One at a time: the second starts only once the first, stuck on its page 2, has run out the sync's time.
    const results = await syncSuppliers(
      db,
      [
        named(
          'first',
          first.adapter({ beforePage: (index) => (index === 1 ? new Promise<void>(() => undefined) : undefined) }),
        ),
        named('second', second.adapter({ beforePage: () => void secondAsked++ })),
      ],
      { mode: 'full', concurrency: 1, deadlineMs: 100 },
    );
    expect(results.map((r) => [r.supplierId, r.status, r.error])).toEqual([
      ['first', 'failed', 'deadline passed'],
      ['second', 'failed', 'deadline passed'],
    ]);
    expect(results[1].requests).toBe(0);
    expect(secondAsked).toBe(0);
    expect(getRun(db, results[1].runId)).toMatchObject({ status: 'failed', error: 'deadline passed', requests: 0 });
    expect(offersTable(db)).toEqual(before);
  });

  it('cancelling during a wait ends the run as canceled, not failed, and keeps the old catalog', async () => {
    const supplier = new FakeSupplier();
    const db = store().db;
    evolve(supplier, seededRandom(4), { newProducts: 10 });
    await syncSupplier(db, target(supplier.adapter()));
    const before = offersTable(db);
    for (const product of supplier.products.values()) product.skus[0].amount = '77.00';
    const controller = new AbortController();
    const waiting = supplier.adapter({
      beforePage: (index) => {
        if (index !== 1) return;
        supplier.budget.announce(Date.now() + 60_000);
        setTimeout(() => controller.abort(), 20);
        return new Promise<void>(() => undefined);
      },
    });
    const events: SyncEvent[] = [];
    const result = await syncSupplier(db, target(waiting), {
      mode: 'full',
      signal: controller.signal,
      onEvent: (e) => events.push(e),
    });
    expect(result).toMatchObject({ status: 'canceled', error: 'canceled' });
    expect(events.some((e) => e.type === 'waiting')).toBe(true);
    expect(offersTable(db)).toEqual(before);
  });
});
