import type { Database } from 'better-sqlite3';
import type { PricingInput } from '../domain/pricing/price';
import { ensureGrid, type GridScope } from './query';
import type { GridOffer, OfferRef } from './types';

/** What each plan row is priced from (its best offer's converted cost), for previews of rule changes. */
export function gridPricingInputs(db: Database, scope: GridScope = {}): PricingInput[] {
  ensureGrid(db, scope);
  const rows = db.prepare('SELECT plan_key, offers_json, best_json FROM plan_rows WHERE best_json IS NOT NULL').all() as Array<{ plan_key: string; offers_json: string; best_json: string }>;
  return rows.map((row) => {
    const best = JSON.parse(row.best_json) as OfferRef;
    const offer = (JSON.parse(row.offers_json) as GridOffer[]).find((o) => o.supplier === best.supplier && o.productId === best.productId && o.skuId === best.skuId && o.variant === best.variant)!;
    return { cost: offer.converted!, supplierId: offer.supplier, categoryId: offer.categoryId, planKey: row.plan_key, productId: offer.productId, skuId: offer.skuId, variant: offer.variant };
  });
}
