import type { Database } from 'better-sqlite3';
import type { PricingInput } from '../domain/pricing/price';
import type { StoredBest } from './materialize';
import { ensureGrid, type GridScope } from './query';

/** What each plan row is priced from (its best offer's converted cost), for previews of rule changes. */
export function gridPricingInputs(db: Database, scope: GridScope = {}): PricingInput[] {
  ensureGrid(db, scope);
  const rows = db
    .prepare('SELECT plan_key, best_json, best_cost, currency FROM plan_rows WHERE best_json IS NOT NULL')
    .all() as Array<{ plan_key: string; best_json: string; best_cost: string; currency: string }>;
  return rows.map((row) => {
    const best = JSON.parse(row.best_json) as StoredBest;
    return {
      cost: { amount: row.best_cost, currency: row.currency },
      supplierId: best.supplier,
      categoryId: best.categoryId,
      planKey: row.plan_key,
      productId: best.productId,
      skuId: best.skuId,
      variant: best.variant,
    };
  });
}
