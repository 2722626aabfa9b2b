import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { commitCatalog, startRun } from '../../src-main/db/catalog-repo';
import { bundledMigrations, migrate } from '../../src-main/db/migrate';
import type { Offer } from '../../src-main/domain/offer';
import { fakeOffer, type FakeProduct } from '../helpers/fake-catalog';
import { tempDb, type TempDb } from '../helpers/temp-db';

// The commit starts from a stored count of each supplier's live offers instead of counting them (migration 020).
// Wherever it comes from, it must be the live rows, or the hold rule and every run's count go wrong.

const stores: TempDb[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.cleanup()));

function freshStore(): TempDb {
  const store = tempDb();
  stores.push(store);
  return store;
}

function offer(id: string): Offer {
  const product: FakeProduct = {
    id,
    active: true,
    unreadable: false,
    changedAt: 0,
    skus: [{ skuId: 'a', variant: '', amount: '1.00', currency: 'USD', stock: 1, title: `Plan ${id}`, raw: 1 }],
  };
  return fakeOffer(product, product.skus[0]);
}

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
    const commit = (supplier: string, offers: Offer[]) =>
      commitCatalog(db, startRun(db, supplier, 'test'), supplier, offers, []);
    expect(commit('a', ids(0, 10)).counts.offers).toBe(10);
    commit('b', ids(0, 4));
    expect(commit('a', ids(5, 12)).counts).toMatchObject({ offers: 7, added: 2, removed: 5 });
    expect(stored(db)).toEqual(counted(db));
    // A listing of nothing removes everything (commitCatalog applies no hold rule: held-sync.test.ts has those).
    expect(commit('b', []).counts).toMatchObject({ offers: 0, removed: 4 });
    expect(stored(db)).toEqual({ a: 7, b: 0 });
    expect(commit('a', ids(20, 23)).counts).toMatchObject({ offers: 3, added: 3, removed: 7 });
    expect(commit('a', ids(0, 23)).counts).toMatchObject({ offers: 23, added: 20, removed: 0 });
    expect(counted(db)).toEqual({ a: 23 });
    expect(stored(db)).toEqual({ a: 23, b: 0 });
    expect(commit('b', ids(0, 2)).counts).toMatchObject({ offers: 2, added: 2 });
    expect(stored(db)).toEqual({ a: 23, b: 2 });
    expect(counted(db)).toEqual({ a: 23, b: 2 });
  });
});
