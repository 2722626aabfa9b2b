import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { getRun, listLiveOffers } from '../../src-main/db/catalog-repo';
import { bundledMigrations, migrate } from '../../src-main/db/migrate';
import { setSyncHoldThresholds } from '../../src-main/db/settings';
import BetterSqlite3 from 'better-sqlite3';
import { adapterFor } from '../../src-main/sync/targets';
import { syncSupplier, type SyncOptions } from '../../src-main/sync/engine';
import { applyAllHeldRuns, applyHeldRun, discardHeldRun, listHeldRuns } from '../../src-main/sync/held-runs';
import { HELD_SUPERSEDED } from '../../src-shared/held-run-codes';
import { catalogOf, startTestDujiao } from '../helpers/dujiao-fixtures';
import { FakeSupplier, type FakeProduct } from '../helpers/fake-catalog';
import { runCli } from '../helpers/run-cli';
import { tempDb, type TempDb } from '../helpers/temp-db';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function store(): TempDb {
  const db = tempDb('supplygrid-held-');
  cleanups.push(db.cleanup);
  return db;
}

/** The stored catalog without the timestamps that differ between two databases (or two moments) by nature. */
function offersTable(db: Database) {
  return db
    .prepare(
      `SELECT supplier_id, product_id, sku_id, variant, kind, titles_json, cost_amount, cost_currency, stock_status, stock_quantity,
      raw_json, removed_at IS NULL AS live FROM offers ORDER BY supplier_id, product_id, sku_id, variant`,
    )
    .all();
}

function changeLog(db: Database) {
  return db
    .prepare(
      'SELECT run_id, supplier_id, product_id, sku_id, variant, change, old_json, new_json FROM changes ORDER BY id',
    )
    .all();
}

/** A fake upstream of `count` products, one SKU each. */
function fakeSupplier(count: number): FakeSupplier {
  const supplier = new FakeSupplier();
  for (let i = 1; i <= count; i++) {
    const id = `p${String(i).padStart(3, '0')}`;
    const product: FakeProduct = {
      id,
      active: true,
      unreadable: false,
      changedAt: 0,
      skus: [
        { skuId: `${id}-0`, variant: '', amount: `${i}.50`, currency: 'USD', stock: 10, title: `Plan ${id}`, raw: 0 },
      ],
    };
    supplier.products.set(id, product);
  }
  return supplier;
}

/** Deletes the first `n` products upstream and reprices one survivor, as a step of the supplier. */
function shrink(supplier: FakeSupplier, n: number): void {
  supplier.step++;
  for (const id of [...supplier.products.keys()].slice(0, n)) supplier.products.delete(id);
  const survivor = [...supplier.products.values()].at(-1)!;
  survivor.skus[0].amount = '99.00';
  survivor.changedAt = supplier.step;
}

const target = (adapter: ReturnType<FakeSupplier['adapter']>) => ({
  supplierId: 'fake',
  supplierKind: 'fake',
  adapter,
});

type Synced = [Database, ReturnType<FakeSupplier['adapter']>];

/** One incremental listing synced twice: held by the default rule in one database, applied unheld in the other. */
async function holdBeside([held, heldAdapter]: Synced, [direct, directAdapter]: Synced, options: SyncOptions) {
  const heldRun = await syncSupplier(held, target(heldAdapter), options);
  const directRun = await syncSupplier(direct, target(directAdapter), {
    ...options,
    holdThresholds: { removalPercent: 100 },
  });
  expect([heldRun.mode, heldRun.status, directRun.mode, directRun.status]).toEqual([
    'incremental',
    'held',
    'incremental',
    'ok',
  ]);
  return { heldRun, directRun };
}

describe('suspicious syncs are held for review', () => {
  it('migration 011 keeps every run and change, and lets a run be held', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    const migrations = bundledMigrations();
    migrate(
      db,
      migrations.filter((m) => m.version <= 10),
    );
    db.prepare(
      `INSERT INTO sync_runs (id, supplier_id, supplier_kind, started_at, status, offers, mode, requests, fetch_ms, commit_ms)
      VALUES (7, 's', 'fake', '2024-01-01T00:00:00Z', 'ok', 3, 'incremental', 4, 50, 6)`,
    ).run();
    db.prepare(
      `INSERT INTO changes (run_id, supplier_id, product_id, sku_id, change) VALUES (7, 's', 'p', 'k', 'added')`,
    ).run();
    migrate(db, migrations);
    expect(
      db.prepare('SELECT id, status, offers, mode, requests, fetch_ms, commit_ms, held_json FROM sync_runs').all(),
    ).toEqual([
      { id: 7, status: 'ok', offers: 3, mode: 'incremental', requests: 4, fetch_ms: 50, commit_ms: 6, held_json: null },
    ]);
    expect(db.prepare('SELECT run_id, product_id FROM changes').all()).toEqual([{ run_id: 7, product_id: 'p' }]);
    expect(db.prepare("UPDATE sync_runs SET status = 'held' WHERE id = 7").run().changes).toBe(1);
    expect(() =>
      db
        .prepare(
          "INSERT INTO changes (run_id, supplier_id, product_id, sku_id, change) VALUES (8, 's', 'p', 'k', 'added')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('an empty listing (total 0) is held: the old catalog intact, the reason and counts recorded', async () => {
    const { db } = store();
    const server = await startTestDujiao(catalogOf(12));
    cleanups.push(() => server.close());
    const syncTarget = {
      supplierId: 'dj',
      supplierKind: 'dujiao-next',
      adapter: adapterFor({
        id: 'dj',
        kind: 'dujiao-next',
        baseUrl: server.connection.apiBase,
        apiKey: server.connection.apiKey,
        apiSecret: server.connection.apiSecret,
      } as never),
    };
    expect((await syncSupplier(db, syncTarget)).status).toBe('ok');
    const before = offersTable(db);
    expect(listLiveOffers(db, 'dj')).toHaveLength(12);

    server.replaceCatalog({ ...catalogOf(0), products: [] });
    const result = await syncSupplier(db, syncTarget);
    expect(result.status).toBe('held');
    expect(result.held).toEqual({ code: 'removes_all', params: { removed: 12, live: 12, thresholdPercent: 30 } });
    expect(result.counts).toMatchObject({ offers: 0, removed: 12 });
    expect(offersTable(db)).toEqual(before);
    expect(db.prepare('SELECT COUNT(*) AS n FROM changes WHERE run_id = ?').get(result.runId)).toEqual({ n: 0 });
    // The stored count of live offers the next commit starts from is untouched too.
    expect(db.prepare(`SELECT live FROM live_offer_counts WHERE supplier_id = 'dj'`).get()).toEqual({ live: 12 });
    const run = getRun(db, result.runId)!;
    expect(run).toMatchObject({ status: 'held', removed: 12, offers: 0, held: { code: 'removes_all' } });
    expect(listHeldRuns(db).map((r) => [r.id, r.superseded])).toEqual([[result.runId, false]]);
  });

  it('a 40 % removal is held, a 10 % one applied; raising the threshold lets 40 % through', async () => {
    const { db } = store();
    const supplier = fakeSupplier(20);
    const adapter = supplier.adapter();
    await syncSupplier(db, target(adapter));
    shrink(supplier, 8);
    const held = await syncSupplier(db, target(adapter));
    expect(held.status).toBe('held');
    expect(held.held).toEqual({
      code: 'removes_over_threshold',
      params: { removed: 8, live: 20, thresholdPercent: 30 },
    });
    expect(listLiveOffers(db, 'fake')).toHaveLength(20);

    const small = fakeSupplier(20);
    const { db: other } = store();
    const smallAdapter = small.adapter();
    await syncSupplier(other, target(smallAdapter));
    shrink(small, 2);
    const applied = await syncSupplier(other, target(smallAdapter));
    expect(applied.status).toBe('ok');
    expect(listLiveOffers(other, 'fake')).toHaveLength(18);

    setSyncHoldThresholds(db, { removalPercent: 50 });
    const again = await syncSupplier(db, target(adapter));
    expect(again.status).toBe('ok');
    expect(listLiveOffers(db, 'fake')).toHaveLength(12);
  });

  it('applying a held run later gives the offers and change log an unheld commit gives', async () => {
    const held = store();
    const direct = store();
    const supplier = fakeSupplier(20);
    const heldAdapter = supplier.adapter();
    const directAdapter = supplier.adapter();
    await syncSupplier(held.db, target(heldAdapter));
    await syncSupplier(direct.db, target(directAdapter));
    // An unreadable product is still upstream: spared by both, so the apply must read the held run's skipped items.
    [...supplier.products.values()].at(-2)!.unreadable = true;
    shrink(supplier, 8);
    const heldRun = await syncSupplier(held.db, target(heldAdapter));
    const directRun = await syncSupplier(direct.db, target(directAdapter), { holdThresholds: { removalPercent: 100 } });
    expect([heldRun.status, directRun.status]).toEqual(['held', 'ok']);
    expect(heldRun.counts).toEqual(directRun.counts);

    const applied = applyHeldRun(held.db, heldRun.runId);
    expect(applied.counts).toEqual(directRun.counts);
    expect(offersTable(held.db)).toEqual(offersTable(direct.db));
    expect(changeLog(held.db)).toEqual(changeLog(direct.db));
    expect(getRun(held.db, heldRun.runId)).toMatchObject({
      status: 'ok',
      held: { code: 'removes_over_threshold' },
      resolvedAt: expect.any(String),
    });
    expect(held.db.prepare('SELECT COUNT(*) AS n FROM held_offers').get()).toEqual({ n: 0 });
    expect(listHeldRuns(held.db)).toEqual([]);
    expect(() => applyHeldRun(held.db, heldRun.runId)).toThrow(/not a held sync run/);
  });

  it('discard keeps the catalog and the record; a held run superseded by an applied one can only be discarded', async () => {
    const { db } = store();
    const supplier = fakeSupplier(10);
    const adapter = supplier.adapter();
    await syncSupplier(db, target(adapter));
    const before = offersTable(db);
    shrink(supplier, 5);
    const first = await syncSupplier(db, target(adapter));
    expect(first.status).toBe('held');
    discardHeldRun(db, first.runId);
    expect(offersTable(db)).toEqual(before);
    expect(getRun(db, first.runId)).toMatchObject({
      status: 'discarded',
      removed: 5,
      held: { code: 'removes_over_threshold' },
      resolvedAt: expect.any(String),
    });
    expect(db.prepare('SELECT COUNT(*) AS n FROM held_offers').get()).toEqual({ n: 0 });

    // Held again by the same rule (nothing held is dropped), then superseded by a later sync that gets applied.
    const second = await syncSupplier(db, target(adapter));
    expect(second.status).toBe('held');
    const third = await syncSupplier(db, target(adapter), { holdThresholds: { removalPercent: 100 } });
    expect(third.status).toBe('ok');
    expect(listHeldRuns(db).map((r) => [r.id, r.superseded])).toEqual([[second.runId, true]]);
    expect(() => applyHeldRun(db, second.runId)).toThrow(HELD_SUPERSEDED);
    expect(applyAllHeldRuns(db)).toEqual({
      applied: [],
      notApplied: [{ runId: second.runId, supplierId: 'fake', error: HELD_SUPERSEDED }],
    });
    expect(getRun(db, second.runId)!.status).toBe('held');
  });

  it('an incremental run that removes through removedProducts counts too, and applies as it would have', async () => {
    const held = store();
    const direct = store();
    const supplier = fakeSupplier(20);
    const heldAdapter = supplier.adapter();
    const directAdapter = supplier.adapter();
    const auto: SyncOptions = { mode: 'auto' };
    await syncSupplier(held.db, target(heldAdapter), auto);
    await syncSupplier(direct.db, target(directAdapter), auto);
    supplier.step++;
    for (const product of [...supplier.products.values()].slice(0, 9)) {
      product.active = false;
      product.changedAt = supplier.step;
    }
    const { heldRun } = await holdBeside([held.db, heldAdapter], [direct.db, directAdapter], auto);
    expect(heldRun.held).toMatchObject({ code: 'removes_over_threshold', params: { removed: 9, live: 20 } });
    expect(listLiveOffers(held.db, 'fake')).toHaveLength(20);
    applyHeldRun(held.db, heldRun.runId);
    expect(getRun(held.db, heldRun.runId)!.mode).toBe('incremental');
    expect(offersTable(held.db)).toEqual(offersTable(direct.db));
    expect(changeLog(held.db)).toEqual(changeLog(direct.db));
  });

  it('a held listing that reused items unread keeps their offers when applied, as an unheld commit does', async () => {
    const held = store();
    const direct = store();
    const supplier = fakeSupplier(20);
    const heldAdapter = supplier.adapter({ reuseItems: true });
    const directAdapter = supplier.adapter({ reuseItems: true });
    const auto: SyncOptions = { mode: 'auto' };
    await syncSupplier(held.db, target(heldAdapter), auto);
    await syncSupplier(direct.db, target(directAdapter), auto);
    // 8 of 20 gone (a hold), one survivor repriced (read again), the 11 others reused unread.
    shrink(supplier, 8);
    const { heldRun, directRun } = await holdBeside([held.db, heldAdapter], [direct.db, directAdapter], auto);
    expect(heldAdapter.itemsKept).toBe(11);
    expect(heldRun.counts).toEqual(directRun.counts);
    expect(heldRun.counts).toMatchObject({ offers: 12, removed: 8, changed: 1 });

    // Restaged from the database, the listing still knows which items it reused: they are not removed.
    expect(applyHeldRun(held.db, heldRun.runId).counts).toEqual(directRun.counts);
    expect(listLiveOffers(held.db, 'fake')).toHaveLength(12);
    expect(offersTable(held.db)).toEqual(offersTable(direct.db));
    expect(changeLog(held.db)).toEqual(changeLog(direct.db));
    expect(held.db.prepare('SELECT COUNT(*) AS n FROM held_kept_items').get()).toEqual({ n: 0 });
  });

  it('a held listing whose reused items an older held listing removed is superseded, not applied', async () => {
    const { db } = store();
    const supplier = fakeSupplier(10);
    const adapter = supplier.adapter({ reuseItems: true });
    const auto: SyncOptions = { mode: 'auto' };
    await syncSupplier(db, target(adapter), auto);
    const everything = new Map(supplier.products);
    const without = (ids: string[]) => new Map([...everything].filter(([id]) => !ids.includes(id)));
    // Held: four products gone. Held again: those four back exactly as they were (reused), four others gone.
    supplier.products = without(['p001', 'p002', 'p003', 'p004']);
    const older = await syncSupplier(db, target(adapter), auto);
    supplier.products = without(['p005', 'p006', 'p007', 'p008']);
    const newer = await syncSupplier(db, target(adapter), auto);
    expect([older.status, newer.status, newer.mode]).toEqual(['held', 'held', 'incremental']);

    expect(listHeldRuns(db).map((run) => [run.id, run.superseded])).toEqual([
      [older.runId, false],
      [newer.runId, false],
    ]);
    // Oldest first: the older listing removes what the newer one reused, so the newer one no longer describes the
    // catalog it would be applied to, and the list says so before anyone tries.
    applyHeldRun(db, older.runId);
    expect(listHeldRuns(db).map((run) => [run.id, run.superseded])).toEqual([[newer.runId, true]]);
    expect(applyAllHeldRuns(db)).toEqual({
      applied: [],
      notApplied: [{ runId: newer.runId, supplierId: 'fake', error: HELD_SUPERSEDED }],
    });
    expect(listLiveOffers(db, 'fake').map((offer) => offer.productId)).toEqual([
      'p005',
      'p006',
      'p007',
      'p008',
      'p009',
      'p010',
    ]);
    // The next sync reads what it cannot reuse, and the catalog is the upstream's again.
    const next = await syncSupplier(db, target(adapter), { ...auto, holdThresholds: { removalPercent: 100 } });
    expect(next.status).toBe('ok');
    expect(listLiveOffers(db, 'fake').map((offer) => offer.productId)).toEqual([
      'p001',
      'p002',
      'p003',
      'p004',
      'p009',
      'p010',
    ]);
  });

  it('a held listing applied while a reusing sync lists: the sync reads every item again and ends right', async () => {
    const { db } = store();
    const supplier = fakeSupplier(20);
    const plain = supplier.adapter({ reuseItems: true, pageSize: 5 });
    const auto: SyncOptions = { mode: 'auto' };
    await syncSupplier(db, target(plain), auto);
    const everything = new Map(supplier.products);
    supplier.products = new Map([...everything].slice(0, 10));
    const held = await syncSupplier(db, target(plain), auto);
    expect(held.status).toBe('held');
    // Upstream whole again; the merchant applies the held listing while the next sync is on its second page.
    supplier.products = new Map(everything);
    const requestsBefore = supplier.budget.totals.requests;
    const racing = supplier.adapter({
      reuseItems: true,
      pageSize: 5,
      beforePage: (index) => {
        if (index === 1 && getRun(db, held.runId)!.status === 'held') applyHeldRun(db, held.runId);
      },
    });
    const result = await syncSupplier(db, target(racing), { ...auto, holdThresholds: { removalPercent: 100 } });
    expect([result.status, result.mode]).toEqual(['ok', 'full']);
    // Listed twice: once reusing, then, the reuse refused at the commit, once reading everything.
    expect(supplier.budget.totals.requests - requestsBefore).toBe(8);
    expect(listLiveOffers(db, 'fake')).toHaveLength(20);
    expect(result.counts).toMatchObject({ offers: 20, added: 10, removed: 0 });
  });

  it('the CLI lists, applies and discards held runs; sync exits 3 on a hold and --apply-held applies them all', async () => {
    const { file, dir, db } = store();
    setSyncHoldThresholds(db, { removalPercent: 30 });
    db.close();
    const a = await startTestDujiao(catalogOf(10));
    const b = await startTestDujiao(catalogOf(10));
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    const config = join(dir, 'suppliers.json');
    const connection = (id: string, server: typeof a) => ({
      id,
      kind: 'dujiao-next',
      baseUrl: server.connection.apiBase,
      apiKey: server.connection.apiKey,
      apiSecret: server.connection.apiSecret,
    });
    writeFileSync(config, JSON.stringify({ suppliers: [connection('dj-a', a), connection('dj-b', b)] }));
    expect((await runCli(['sync', '--config', config, '--db', file])).code).toBe(0);

    a.replaceCatalog({ ...catalogOf(0), products: [] });
    b.replaceCatalog({ ...catalogOf(10), products: catalogOf(10).products.slice(0, 5) });
    const sync = await runCli(['sync', '--full', '--config', config, '--db', file]);
    expect(sync.code, sync.stderr).toBe(3);
    expect(sync.stdout).toMatch(
      /dj-a\s+HELD\s+Would remove all 10 offers of dj-a\. Not applied: previous catalog kept/,
    );
    expect(sync.stdout).toMatch(/dj-b\s+HELD\s+Would remove 5 of 10 offers of dj-b — more than 30 %/);

    const list = JSON.parse((await runCli(['review', '--json', '--db', file])).stdout) as Array<{
      runId: number;
      supplier: string;
      removed: number;
      reason: { code: string };
    }>;
    expect(list.map((r) => [r.supplier, r.removed, r.reason.code])).toEqual([
      ['dj-a', 10, 'removes_all'],
      ['dj-b', 5, 'removes_over_threshold'],
    ]);
    const human = await runCli(['review', '--db', file]);
    expect(human.stdout).toContain('Would remove all 10 offers of dj-a.');

    const discard = await runCli(['review', 'discard', String(list[0].runId), '--db', file]);
    expect(discard.code, discard.stderr).toBe(0);
    const again = await runCli(['review', 'discard', String(list[0].runId), '--db', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not a held sync run');

    const applyAll = await runCli(['sync', '--apply-held', '--db', file]);
    expect(applyAll.code, applyAll.stderr).toBe(0);
    expect(applyAll.stdout).toMatch(
      new RegExp(`dj-b\\s+run ${list[1].runId} applied\\s+5 offers\\s+\\+0 added\\s+-5 removed`),
    );

    const offers = (supplier: string) =>
      runCli(['offers', '--json', '--supplier', supplier, '--db', file]).then(
        (r) => (JSON.parse(r.stdout) as unknown[]).length,
      );
    expect([await offers('dj-a'), await offers('dj-b')]).toEqual([10, 5]);
    expect(JSON.parse((await runCli(['review', '--json', '--db', file])).stdout)).toEqual([]);

    const threshold = await runCli(['review', 'threshold', '60', '--db', file]);
    expect(threshold.stdout).toContain('more than 60 %');
    expect((await runCli(['review', 'threshold', '0', '--db', file])).code).toBe(2);
  }, 60_000);
});
