import type { Database } from 'better-sqlite3';
import type { PricePoint, StockPoint } from '../../src-shared/contract';
import { offerMoves } from '../db/changes-repo';
import type { OfferRef } from '../../src-shared/grid-types';

/** An offer's price and stock over time, read back from the sync change log (first seen, then every move). */
export function offerHistory(db: Database, ref: OfferRef): { prices: PricePoint[]; stock: StockPoint[] } {
  const prices: PricePoint[] = [];
  const stock: StockPoint[] = [];
  for (const move of offerMoves(db, ref)) {
    if (move.change === 'added') {
      prices.push({ at: move.at, ...move.value.cost });
      stock.push({ at: move.at, ...move.value.stock });
    } else if (move.change === 'stock_changed') {
      stock.push({ at: move.at, ...move.value });
    } else {
      prices.push({ at: move.at, ...move.value });
    }
  }
  return { prices, stock };
}
