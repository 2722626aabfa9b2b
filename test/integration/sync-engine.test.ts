import { afterEach, describe, expect, it } from 'vitest';
import { getRun, listLiveOffers } from '../../src-main/db/catalog-repo';
import { createDujiaoProtocolAdapter } from '../../src-main/suppliers/dujiao-next/adapter';
import { RECHECK_LIMIT } from '../../src-main/suppliers/dujiao-next/client';
import { openDatabase } from '../../src-main/db/open';
import { syncSupplier, syncSuppliers } from '../../src-main/sync/engine';
import { listHeldRuns } from '../../src-main/sync/held-runs';
import type { SyncEvent } from '../../src-shared/sync-types';
import { catalogOf, changeAfterPageOne, product, startTestDujiao } from '../helpers/dujiao-fixtures';
import { FAST_RETRY, tempDb, type TempDb } from '../helpers/temp-db';
import { inEnglish, skippedInEnglish } from '../helpers/in-english';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(count = 120) {
  const server = await startTestDujiao(catalogOf(count), { pageSizeCap: 50 });
  const store = tempDb();
  cleanups.push(
    () => server.close(),
    () => store.cleanup(),
  );
  const target = (supplierId = 'dj') => ({
    supplierId,
    supplierKind: 'dujiao-next',
    adapter: createDujiaoProtocolAdapter(
      server.connection,
      { label: supplierId, stockReporting: 'quantity', maxQuantity: null },
      { retry: FAST_RETRY },
    ),
  });
  return { server, store, target };
}

/** Everything a sync may touch, so "unchanged" can be checked exactly. */
function snapshot(store: TempDb) {
  return {
    offers: store.db.prepare('SELECT * FROM offers ORDER BY supplier_id, product_id, sku_id, variant').all(),
    changes: store.db.prepare('SELECT * FROM changes ORDER BY id').all(),
  };
}

describe('sync engine on a real SQLite file', () => {
  it('stores the first catalog, then records every kind of change on the next sync', async () => {
    const { server, store, target } = await setup(5);
    const first = await syncSupplier(store.db, target());
    expect(first).toMatchObject({ status: 'ok', counts: { offers: 5, added: 5, removed: 0, changed: 0 } });

    const next = catalogOf(5);
    next.products[0].skus[0].price_amount = '13.00';
    next.products[1].skus[0].price_amount = '11.99';
    next.products[2].skus[0].stock_quantity = 3;
    next.products[3].title = { 'zh-CN': '新标题', 'en-US': 'New title' };
    next.products.splice(4, 1);
    next.products.push(product(77));
    server.replaceCatalog(next);

    const second = await syncSupplier(store.db, target());
    expect(second.counts).toEqual({ offers: 5, added: 1, removed: 1, changed: 4, skipped: 0 });
    const logged = store.db
      .prepare(
        'SELECT change, product_id, old_json, new_json FROM changes WHERE run_id = ? ORDER BY change, product_id',
      )
      .all(second.runId);
    expect(logged).toEqual([
      { change: 'added', product_id: '77', old_json: null, new_json: expect.stringContaining('"amount":"12.50"') },
      {
        change: 'price_down',
        product_id: '2',
        old_json: '{"amount":"12.50","currency":"CNY"}',
        new_json: '{"amount":"11.99","currency":"CNY"}',
      },
      {
        change: 'price_up',
        product_id: '1',
        old_json: '{"amount":"12.50","currency":"CNY"}',
        new_json: '{"amount":"13.00","currency":"CNY"}',
      },
      { change: 'removed', product_id: '5', old_json: expect.any(String), new_json: null },
      {
        change: 'stock_changed',
        product_id: '3',
        old_json: '{"status":"in_stock","quantity":100}',
        new_json: '{"status":"low","quantity":3}',
      },
      {
        change: 'title_changed',
        product_id: '4',
        old_json: expect.stringContaining('Hong Kong'),
        new_json: '{"zh-CN":"新标题","en-US":"New title"}',
      },
    ]);
    const live = listLiveOffers(store.db, 'dj')
      .map((o) => o.productId)
      .sort();
    expect(live).toEqual(['1', '2', '3', '4', '77']);
    const removed = store.db.prepare("SELECT removed_at FROM offers WHERE product_id = '5'").get() as {
      removed_at: string | null;
    };
    expect(removed.removed_at).not.toBeNull();
  });

  it('a supplier failing mid-catalog leaves the previous catalog exactly as it was', async () => {
    const { server, store, target } = await setup(120);
    await syncSupplier(store.db, target());
    const before = snapshot(store);

    const moved = catalogOf(120);
    moved.products.forEach((p) => (p.skus[0].price_amount = '99.00'));
    server.replaceCatalog(moved);
    // Page 3 of 3 never comes back whole: a connection reset in the middle of the body, every time.
    server.faults.add({
      path: '/api/v1/upstream/products',
      when: (r) => r.query.get('page') === '3',
      action: { kind: 'reset' },
    });

    const failed = await syncSupplier(store.db, target());
    expect(failed.status).toBe('failed');
    expect(inEnglish(failed.error)).toMatch(/connection failed|not valid JSON/);
    expect(snapshot(store)).toEqual(before);
    expect(getRun(store.db, failed.runId)).toMatchObject({
      status: 'failed',
      error: failed.error,
      finishedAt: expect.any(String),
    });
  });

  it('an incomplete listing marks nothing removed', async () => {
    const { server, store, target } = await setup(120);
    await syncSupplier(store.db, target());
    const before = snapshot(store);
    server.faults.add({
      path: '/api/v1/upstream/products',
      action: { kind: 'rewrite', transform: (body) => ({ ...(body as object), total: 150 }) },
    });
    const result = await syncSupplier(store.db, target());
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/incomplete/);
    expect(snapshot(store)).toEqual(before);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM offers WHERE removed_at IS NOT NULL').get()).toEqual({ n: 0 });
  });

  it('a product deleted upstream mid-listing: the live one the pages shifted past is read alone, not recorded removed', async () => {
    const { server, store, target } = await setup(120);
    await syncSupplier(store.db, target());
    // Deleted once page 1 (products 1–50) is read: by offset, page 2 now starts at product 52 and 51 is on no page.
    const shrunk = catalogOf(120);
    shrunk.products.splice(0, 1);
    changeAfterPageOne(server, shrunk);
    const during = await syncSupplier(store.db, target());
    expect(during).toMatchObject({ status: 'ok', counts: { offers: 120, added: 0, removed: 0, changed: 0 } });
    expect(server.hits.get('GET /api/v1/upstream/products/51')).toBe(1);
    // Listed before it went, product 1 goes with the next listing, alone.
    const next = await syncSupplier(store.db, target());
    expect(next).toMatchObject({ status: 'ok', counts: { offers: 119, removed: 1 } });
    expect(store.db.prepare('SELECT product_id FROM changes WHERE run_id = ?').pluck().all(next.runId)).toEqual(['1']);
  });

  it('live products a full listing no longer shows are asked for alone, and removed when deleted or listed off sale', async () => {
    const { server, store, target } = await setup(120);
    await syncSupplier(store.db, target());
    const next = catalogOf(120);
    // 2 taken off sale (listed with is_active false: include_inactive) and 3 deleted (404 alone).
    for (const p of next.products.slice(0, 2)) p.is_active = false;
    next.products.splice(2, 3);
    server.replaceCatalog(next);
    const result = await syncSupplier(store.db, target());
    expect(result).toMatchObject({ status: 'ok', counts: { offers: 115, removed: 5 } });
    const readAlone = [...server.hits.keys()].filter((key) => /\/products\/\d+$/.test(key));
    expect(readAlone.sort()).toEqual(['3', '4', '5'].map((id) => `GET /api/v1/upstream/products/${id}`));
  });

  it('more than RECHECK_LIMIT live products gone from a full listing: none is asked for alone, all are removed', async () => {
    const { server, store, target } = await setup(120);
    await syncSupplier(store.db, target());
    const next = catalogOf(120);
    next.products.splice(0, RECHECK_LIMIT + 1);
    server.replaceCatalog(next);
    const result = await syncSupplier(store.db, target());
    expect(result).toMatchObject({
      status: 'ok',
      counts: { offers: 120 - RECHECK_LIMIT - 1, removed: RECHECK_LIMIT + 1 },
    });
    expect([...server.hits.keys()].filter((key) => /\/products\/\d+$/.test(key))).toEqual([]);
  });

  it('a full listing that shrank while more than RECHECK_LIMIT live products are missing fails as incomplete', async () => {
    const { server, store, target } = await setup(200);
    await syncSupplier(store.db, target());
    const before = snapshot(store);
    // Gone between the syncs: too many to ask about one by one. Then product 1 goes mid-listing, and product 51,
    // on sale, is on no page: which of the missing are really gone cannot be told.
    const next = catalogOf(200).products.filter((p) => p.id < 101 || p.id > 100 + RECHECK_LIMIT + 5);
    server.replaceCatalog({ ...catalogOf(0), products: next });
    changeAfterPageOne(server, { ...catalogOf(0), products: next.slice(1) });
    const during = await syncSupplier(store.db, target());
    expect(during.status).toBe('failed');
    expect(inEnglish(during.error)).toMatch(/products of the last catalog are missing, more than the 20/);
    expect(snapshot(store)).toEqual(before);
    // Once the shop is quiet, the listing is whole again and all that went are removed.
    const quiet = await syncSupplier(store.db, target());
    expect(quiet).toMatchObject({ status: 'ok', counts: { removed: RECHECK_LIMIT + 6 } });
  });

  it('one failing supplier neither stops nor corrupts the others', async () => {
    const { server, store, target } = await setup(60);
    const broken = await startTestDujiao(catalogOf(10));
    cleanups.push(() => broken.close());
    broken.faults.add({
      path: '/api/v1/upstream/ping',
      action: {
        kind: 'status',
        status: 403,
        body: { ok: false, error_code: 'user_disabled', error_message: 'user is disabled' },
      },
    });
    const events: SyncEvent[] = [];
    const results = await syncSuppliers(
      store.db,
      [
        target('good'),
        {
          supplierId: 'bad',
          supplierKind: 'dujiao-next',
          adapter: createDujiaoProtocolAdapter(
            broken.connection,
            { label: 'bad', stockReporting: 'quantity', maxQuantity: null },
            { retry: FAST_RETRY },
          ),
        },
      ],
      { onEvent: (e) => events.push(e) },
    );
    expect(results.map((r) => [r.supplierId, r.status])).toEqual([
      ['good', 'ok'],
      ['bad', 'failed'],
    ]);
    expect(results[1].error).toMatch(/^@sync\.failed\?cause=accountDisabled&/);
    expect(inEnglish(results[1].error)).toMatch(/^Account disabled: .*user is disabled \(user_disabled, HTTP 403\)/);
    expect(listLiveOffers(store.db, 'good')).toHaveLength(60);
    expect(listLiveOffers(store.db, 'bad')).toHaveLength(0);
    const progress = events.filter((e) => e.type === 'progress' && e.supplierId === 'good');
    expect(progress.at(-1)).toMatchObject({ pagesDone: 2, pagesTotal: 2, items: 60 });
    expect(
      events
        .filter((e) => e.type === 'finished')
        .map((e) => e.supplierId)
        .sort(),
    ).toEqual(['bad', 'good']);
    void server;
  });

  it('a canceled sync is recorded as canceled and changes nothing', async () => {
    const { server, store, target } = await setup(120);
    await syncSupplier(store.db, target());
    const before = snapshot(store);
    server.faults.add({ path: '/api/v1/upstream/products', action: { kind: 'delay', ms: 200 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await syncSupplier(store.db, target(), { signal: controller.signal });
    expect(result.status).toBe('canceled');
    expect(snapshot(store)).toEqual(before);
  });

  it('a cancel while the listing waits for the write lock is a cancel: nothing is committed', async () => {
    const { store, target } = await setup(120);
    await syncSupplier(store.db, target());
    const before = snapshot(store);
    // Once the run has started, another connection (a sync thread) commits: the listing ends and waits for the lock.
    const other = openDatabase(store.file);
    cleanups.push(() => void other.close());
    const controller = new AbortController();
    const events: SyncEvent[] = [];
    const syncing = syncSupplier(store.db, target(), {
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'started') other.exec('BEGIN IMMEDIATE');
      },
    });
    // Staged and indexed on this connection: only the lock stands between the listing and its commit.
    const indexed = store.db.prepare(`SELECT COUNT(*) FROM temp.sqlite_master WHERE type = 'index'`).pluck();
    while (indexed.get() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    other.exec('COMMIT');
    const result = await syncing;
    expect(result.status).toBe('canceled');
    expect(getRun(store.db, result.runId)).toMatchObject({ status: 'canceled', error: 'canceled' });
    expect(events.filter((e) => e.type === 'finished')).toMatchObject([{ status: 'canceled' }]);
    expect(snapshot(store)).toEqual(before);
  });

  it('a run that cannot be closed for another connection holding the lock still ends, failed, its catalog untouched', async () => {
    const { store, target } = await setup(120);
    await syncSupplier(store.db, target());
    const before = snapshot(store);
    // Waiting for the lock is given up quickly here, as it is after busy_timeout anywhere.
    store.db.pragma('busy_timeout = 50');
    const other = openDatabase(store.file);
    cleanups.push(() => void (other.inTransaction && other.exec('ROLLBACK'), other.close()));
    const events: SyncEvent[] = [];
    const result = await syncSupplier(store.db, target(), {
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'started') other.exec('BEGIN IMMEDIATE');
      },
    });
    expect(result.status).toBe('failed');
    expect(events.filter((e) => e.type === 'finished')).toMatchObject([{ status: 'failed' }]);
    other.exec('ROLLBACK');
    // Left running for closeAbandonedRuns, once this process is gone.
    expect(getRun(store.db, result.runId)).toMatchObject({ status: 'running' });
    expect(snapshot(store)).toEqual(before);
  });

  it('a listing held for review stays held when recording its commit time fails afterwards', async () => {
    const { server, store, target } = await setup(12);
    await syncSupplier(store.db, target());
    server.replaceCatalog({ ...catalogOf(0), products: [] });
    // The write after the commit fails (the lock taken by another connection past the busy timeout, a full disk).
    store.db.exec(`CREATE TEMP TRIGGER commit_time_fails BEFORE UPDATE OF commit_ms ON main.sync_runs
      BEGIN SELECT RAISE(ABORT, 'database is locked'); END`);
    const events: SyncEvent[] = [];
    const result = await syncSupplier(store.db, target(), { onEvent: (e) => events.push(e) });
    expect(result.status).toBe('held');
    expect(getRun(store.db, result.runId)).toMatchObject({ status: 'held', held: { code: 'removes_all' } });
    expect(listHeldRuns(store.db).map((run) => run.id)).toEqual([result.runId]);
    expect(events.filter((e) => e.type === 'finished')).toMatchObject([{ status: 'held' }]);
  });

  it('skips a product listed twice across pages, keeping the first', async () => {
    const { server, store, target } = await setup(60);
    server.faults.add({
      path: '/api/v1/upstream/products',
      when: (r) => r.query.get('page') === '2',
      action: {
        kind: 'rewrite',
        transform: (body) => {
          const page = body as { items: unknown[]; total: number };
          return { ...page, items: [...page.items, page.items[0]] };
        },
      },
    });
    // The duplicate makes the count disagree with total only if it replaced a real item; here it is extra, so the listing is complete.
    const result = await syncSupplier(store.db, target());
    expect(result.status).toBe('ok');
    expect(result.counts?.offers).toBe(60);
    expect(skippedInEnglish(result.skipped)).toEqual([
      { where: 'page 2, item 11 (product 51)', reason: 'duplicate of a product listed before; first kept' },
    ]);
  });
});
