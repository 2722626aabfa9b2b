import type { Database } from 'better-sqlite3';
import { markGridOffersStale } from '../db/settings';
import { soloKey } from './materialize';
import type { OfferRef } from '../../src-shared/grid-types';

/** Puts an offer into another plan row by hand; kept by offer identity, so every later sync honours it. */
export function linkOffer(db: Database, offer: OfferRef, planKey: string): void {
  db.prepare(
    `INSERT INTO plan_links (supplier_id, product_id, sku_id, variant, plan_key, created_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (supplier_id, product_id, sku_id, variant) DO UPDATE SET plan_key = excluded.plan_key, created_at = excluded.created_at`,
  ).run(offer.supplier, offer.productId, offer.skuId, offer.variant, planKey, new Date().toISOString());
  queueForGrid(db, offer);
}

/** Takes an offer out of the row it was matched into: it gets a row of its own. */
export function unlinkOffer(db: Database, offer: OfferRef): void {
  linkOffer(db, offer, soloKey(offer));
}

/** Forgets the merchant's choice: the matcher decides again. */
export function resetOfferLink(db: Database, offer: OfferRef): void {
  db.prepare('DELETE FROM plan_links WHERE supplier_id = ? AND product_id = ? AND sku_id = ? AND variant = ?').run(
    offer.supplier,
    offer.productId,
    offer.skuId,
    offer.variant,
  );
  queueForGrid(db, offer);
}

/** A link moves one offer: the grid rebuilds only the row it leaves and the row it joins. */
function queueForGrid(db: Database, offer: OfferRef): void {
  db.prepare('INSERT INTO grid_pending_offers (supplier_id, product_id, sku_id, variant) VALUES (?, ?, ?, ?)').run(
    offer.supplier,
    offer.productId,
    offer.skuId,
    offer.variant,
  );
  markGridOffersStale(db);
}
