import type { Database } from 'better-sqlite3';
import type { PricePoint, StockPoint } from '../../src-shared/contract';
import type { OfferRef } from '../../src-shared/grid-types';

/** An offer's price and stock over time, read back from the sync change log (first seen, then every move). */
export function offerHistory(db: Database, ref: OfferRef): { prices: PricePoint[]; stock: StockPoint[] } {
  const rows = db.prepare(`SELECT c.change, c.new_json, r.started_at FROM changes c JOIN sync_runs r ON r.id = c.run_id
    WHERE c.supplier_id = ? AND c.product_id = ? AND c.sku_id = ? AND c.variant = ? AND c.change IN ('added', 'price_up', 'price_down', 'stock_changed')
    ORDER BY c.id`).all(ref.supplier, ref.productId, ref.skuId, ref.variant) as Array<{ change: string; new_json: string | null; started_at: string }>;
  const prices: PricePoint[] = [];
  const stock: StockPoint[] = [];
  for (const row of rows) {
    const value = row.new_json ? JSON.parse(row.new_json) : null;
    if (!value) continue;
    if (row.change === 'added') {
      prices.push({ at: row.started_at, ...value.cost });
      stock.push({ at: row.started_at, ...value.stock });
    } else if (row.change === 'stock_changed') {
      stock.push({ at: row.started_at, ...value });
    } else {
      prices.push({ at: row.started_at, ...value });
    }
  }
  return { prices, stock };
}
