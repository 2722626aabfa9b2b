import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitCatalog, startRun } from '../../src-main/db/catalog-repo';
import { bundledMigrations, migrate } from '../../src-main/db/migrate';
import type { Offer } from '../../src-main/domain/offer';
import { fakeOffer, type FakeProduct } from '../helpers/fake-catalog';
import { tempDb, type TempDb } from '../helpers/temp-db';

// Two shortcuts of the catalog commit, each checked against the long way round:
// - while the supplier has no live offer, every staged offer is an addition, logged and written straight from staging;
//   what it stores and logs must be exactly what the candidates and the diff store and log;
// - it starts from a stored count of the supplier's live offers (migration 020) instead of counting them; wherever
//   that count comes from, it must be the live rows, or the hold rule and every run's count go wrong.

const stores: TempDb[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.cleanup()));

function freshStore(): TempDb {
  const store = tempDb();
  stores.push(store);
  return store;
}

function offer(id: string, sku = 'a', amount = '1.50'): Offer {
  const product: FakeProduct = {
    id,
    active: true,
    unreadable: false,
    changedAt: 0,
    skus: [{ skuId: sku, variant: '', amount, currency: 'USD', stock: 3, title: `Plan ${id}`, raw: 1 }],
  };
  return fakeOffer(product, product.skus[0]);
}

/** A listing in no particular order: what the log's key order must not depend on. */
const listing = ['42', '7', '100', '3', '7b', '55'].flatMap((id) => [offer(id, 'b'), offer(id, 'a')]);

function commit(db: TempDb['db'], offers: Offer[], supplier = 'sup') {
  const runId = startRun(db, supplier, 'test');
  return { runId, ...commitCatalog(db, runId, supplier, offers, []) };
}

function logOf(db: TempDb['db'], runId: number) {
  return db
    .prepare('SELECT change, product_id, sku_id, variant, old_json, new_json FROM changes WHERE run_id = ? ORDER BY id')
    .all(runId);
}

function liveOffers(db: TempDb['db'], except?: string) {
  return db
    .prepare(
      `SELECT * FROM offers WHERE supplier_id = 'sup' AND removed_at IS NULL AND product_id IS NOT ? ORDER BY product_id, sku_id`,
    )
    .all(except ?? null)
    .map((row) => ({ ...(row as Record<string, unknown>), first_seen: 'x', last_seen: 'x', grid_seq: 'x' }));
}

describe('a commit while the supplier has no live offer', () => {
  it('stores and logs the additions exactly as the diff does beside a live offer, in key order', () => {
    const first = freshStore();
    const firstRun = commit(first.db, listing);
    expect(firstRun.counts).toEqual({ offers: 12, added: 12, removed: 0, changed: 0, skipped: 0 });

    // The same additions next to one live, unchanged offer go through the candidates and the diff.
    const general = freshStore();
    commit(general.db, [offer('zz')]);
    const generalRun = commit(general.db, [...listing, offer('zz')]);
    expect(generalRun.counts).toEqual({ offers: 13, added: 12, removed: 0, changed: 0, skipped: 0 });

    const logged = logOf(first.db, firstRun.runId);
    expect(logged).toEqual(logOf(general.db, generalRun.runId));
    expect(
      logged.map((row) => `${(row as { product_id: string }).product_id}/${(row as { sku_id: string }).sku_id}`),
    ).toEqual(['100/a', '100/b', '3/a', '3/b', '42/a', '42/b', '55/a', '55/b', '7/a', '7/b', '7b/a', '7b/b']);
    expect(liveOffers(first.db)).toEqual(liveOffers(general.db, 'zz'));
  });

  it('brings back a catalog that had gone entirely, keeping when each offer was first seen', () => {
    const { db } = freshStore();
    commit(db, listing);
    const firstSeen = db
      .prepare(`SELECT first_seen FROM offers WHERE product_id = '42' AND sku_id = 'a'`)
      .pluck()
      .get();
    expect(commit(db, []).counts).toMatchObject({ offers: 0, removed: 12 });

    const back = commit(db, [...listing.slice(2), offer('42', 'a', '2.00')]);
    expect(back.counts).toEqual({ offers: 11, added: 11, removed: 0, changed: 0, skipped: 0 });
    expect(logOf(db, back.runId)).toHaveLength(11);
    expect(db.prepare(`SELECT COUNT(*) FROM offers WHERE removed_at IS NULL`).pluck().get()).toBe(11);
    const revived = db.prepare(`SELECT * FROM offers WHERE product_id = '42' AND sku_id = 'a'`).get() as Record<
      string,
      unknown
    >;
    expect(revived).toMatchObject({ removed_at: null, cost_amount: '2.00', first_seen: firstSeen });
  });
});

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => offer(String(from + i)));

function stored(db: BetterSqlite3.Database): Record<string, number> {
  return Object.fromEntries(
    (
      db.prepare('SELECT supplier_id, live FROM live_offer_counts').all() as Array<{
        supplier_id: string;
        live: number;
      }>
    ).map((row) => [row.supplier_id, row.live]),
  );
}

function counted(db: BetterSqlite3.Database): Record<string, number> {
  return Object.fromEntries(
    (
      db
        .prepare('SELECT supplier_id, COUNT(*) AS n FROM offers WHERE removed_at IS NULL GROUP BY supplier_id')
        .all() as Array<{ supplier_id: string; n: number }>
    ).map((row) => [row.supplier_id, row.n]),
  );
}

describe("each supplier's stored count of live offers", () => {
  it('is counted from the offers a database already holds when it is migrated', () => {
    const store = freshStore();
    store.db.close();
    const file = join(store.dir, 'old.db');
    const old = new BetterSqlite3(file);
    const migrations = bundledMigrations();
    const before = migrations.filter((migration) => migration.version < 20);
    migrate(old, before);
    // Rows as an older version left them (its commit did not keep the count).
    const insert = old.prepare(`INSERT INTO offers (supplier_id, product_id, sku_id, kind, titles_json, cost_amount,
      cost_currency, stock_status, fulfillment_json, images_json, plan_json, orderable, raw_json, first_seen, last_seen,
      removed_at) VALUES (?, ?, 'a', 'esim', '{}', '1', 'USD', 'in_stock', '{}', '[]', '{}', 1, '{}', 'x', 'x', ?)`);
    for (let i = 0; i < 7; i++) insert.run('a', String(i), i < 2 ? 'x' : null);
    for (let i = 0; i < 3; i++) insert.run('b', String(i), null);
    migrate(old, migrations);
    expect(stored(old)).toEqual({ a: 5, b: 3 });
    old.close();
  });

  it('follows every commit: additions, removals, a catalog gone and back', () => {
    const { db } = freshStore();
    expect(commit(db, ids(0, 10), 'a').counts.offers).toBe(10);
    commit(db, ids(0, 4), 'b');
    expect(commit(db, ids(5, 12), 'a').counts).toMatchObject({ offers: 7, added: 2, removed: 5 });
    expect(stored(db)).toEqual(counted(db));
    // A listing of nothing removes everything (commitCatalog applies no hold rule: held-sync.test.ts has those).
    expect(commit(db, [], 'b').counts).toMatchObject({ offers: 0, removed: 4 });
    expect(stored(db)).toEqual({ a: 7, b: 0 });
    expect(commit(db, ids(20, 23), 'a').counts).toMatchObject({ offers: 3, added: 3, removed: 7 });
    expect(commit(db, ids(0, 23), 'a').counts).toMatchObject({ offers: 23, added: 20, removed: 0 });
    expect(counted(db)).toEqual({ a: 23 });
    expect(stored(db)).toEqual({ a: 23, b: 0 });
    expect(commit(db, ids(0, 2), 'b').counts).toMatchObject({ offers: 2, added: 2 });
    expect(stored(db)).toEqual({ a: 23, b: 2 });
    expect(counted(db)).toEqual({ a: 23, b: 2 });
  });

  it('is counted again where it cannot be right, and never sends live offers down the first-sync shortcut', () => {
    const { db } = freshStore();
    commit(db, ids(0, 6), 'a');
    // As an older version still running beside this one could leave it: offers live, none counted.
    db.prepare(`DELETE FROM live_offer_counts`).run();
    const next = commit(db, ids(2, 8), 'a');
    expect(next.counts).toMatchObject({ offers: 6, added: 2, removed: 2, changed: 0 });
    expect(logOf(db, next.runId)).toHaveLength(4);
    expect(stored(db)).toEqual(counted(db));
  });
});
