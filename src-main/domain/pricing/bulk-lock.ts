import Decimal from 'decimal.js';

/** A lock that pins a price, or the row's best cost plus a margin. Amounts are decimal strings, merchant currency. */
export type LockSpec = { type: 'lockPrice'; amount: string } | { type: 'lockMargin'; amount: string };

/**
 * The price a lock pins for one row: the amount itself, or best cost + margin, raised to the currency's minor unit
 * (`decimals`: USD 2, JPY 0), so a margin of 1.00 never becomes 0.999999. The amount is raised too: the grid and the
 * store charge 999.4 JPY as 1000, and a loss judged on 999.4 would ask to confirm a sale that loses nothing. Null
 * when the row cannot be priced that way (a margin lock on a row with no cost) or the price would be zero or less,
 * which is never sold.
 */
export function lockedPriceFor(spec: LockSpec, bestCost: string | null, decimals: number): string | null {
  let price: Decimal;
  if (spec.type === 'lockPrice') price = new Decimal(spec.amount);
  else if (bestCost === null) return null;
  else price = new Decimal(bestCost).plus(spec.amount);
  price = price.toDecimalPlaces(decimals, Decimal.ROUND_UP);
  return price.greaterThan(0) ? price.toFixed() : null;
}

/** What each sale loses when `price` is below `cost` (a positive amount), or null when it does not lose. */
export function lossPerSale(cost: string | null, price: string): string | null {
  if (cost === null) return null;
  const loss = new Decimal(cost).minus(price);
  return loss.greaterThan(0) ? loss.toFixed() : null;
}
