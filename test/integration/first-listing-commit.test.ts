import { afterEach, describe, expect, it } from 'vitest';
import { commitCatalog, startRun } from '../../src-main/db/catalog-repo';
import type { Offer } from '../../src-main/domain/offer';
import { fakeOffer, type FakeProduct } from '../helpers/fake-catalog';
import { tempDb, type TempDb } from '../helpers/temp-db';

// A commit while the supplier has no live offer takes a shorter way (every staged offer is an addition). What it
// stores and logs must be exactly what the general way, through the candidates and the diff, stores and logs.

const stores: TempDb[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.cleanup()));

function store(): TempDb {
  const made = tempDb();
  stores.push(made);
  return made;
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

function commit(db: TempDb['db'], offers: Offer[]) {
  const runId = startRun(db, 'sup', 'test');
  return { runId, ...commitCatalog(db, runId, 'sup', offers, []) };
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
    const first = store();
    const firstRun = commit(first.db, listing);
    expect(firstRun.counts).toEqual({ offers: 12, added: 12, removed: 0, changed: 0, skipped: 0 });

    // The same additions next to one live, unchanged offer go through the candidates and the diff.
    const general = store();
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
    const { db } = store();
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
