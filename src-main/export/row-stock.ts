import type { GridOffer, PlanRow } from '../../src-shared/grid-types';

/**
 * How much of a plan the merchant can sell: every offer the grid could buy from counts, because when the
 * cheapest supplier runs out the order goes to the next one.
 */
export type RowStock =
  | { state: 'out' }
  | { state: 'unlimited' }
  | { state: 'counted'; quantity: number }
  /** Someone has it, but at least one supplier does not say how many. */
  | { state: 'uncounted' };

// The same test the grid uses to pick a best offer: in stock and convertible into the export currency.
const isBuyable = (offer: GridOffer) => offer.stock.status !== 'out' && offer.converted !== null;

export function rowStock(row: PlanRow): RowStock {
  const buyable = row.offers.filter(isBuyable);
  if (buyable.length === 0) return { state: 'out' };
  if (buyable.some((offer) => offer.stock.status === 'unlimited')) return { state: 'unlimited' };
  if (buyable.some((offer) => offer.stock.quantity === null)) return { state: 'uncounted' };
  return { state: 'counted', quantity: buyable.reduce((sum, offer) => sum + (offer.stock.quantity ?? 0), 0) };
}

/** The stock as one short word or number, for fingerprints and the generic sheet. */
export function stockToken(stock: RowStock): string {
  return stock.state === 'counted' ? String(stock.quantity) : stock.state;
}
