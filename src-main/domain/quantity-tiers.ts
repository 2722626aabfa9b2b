import Decimal from 'decimal.js';
import type { Money } from './money';

/**
 * A supplier's lower unit price from a minimum quantity on (Dujiao-Next's `wholesale_prices`). The offer's cost stays
 * what one unit costs; tiers only say what larger orders pay per unit.
 */
export interface QuantityTier {
  minQuantity: number;
  unitPrice: Money;
}

/**
 * Tiers as a supplier may send them, cleaned the way its server prices with them: a tier below one unit or at no
 * price is never applied, and of two tiers with one threshold the cheaper one wins. Sorted by threshold.
 */
export function cleanTiers(tiers: readonly QuantityTier[]): QuantityTier[] {
  const byThreshold = new Map<number, QuantityTier>();
  for (const tier of tiers) {
    if (!Number.isSafeInteger(tier.minQuantity) || tier.minQuantity < 1) continue;
    if (!new Decimal(tier.unitPrice.amount).greaterThan(0)) continue;
    const kept = byThreshold.get(tier.minQuantity);
    if (!kept || new Decimal(tier.unitPrice.amount).lessThan(kept.unitPrice.amount))
      byThreshold.set(tier.minQuantity, tier);
  }
  return [...byThreshold.values()].sort((a, b) => a.minQuantity - b.minQuantity);
}

/**
 * What one unit costs in an order of `quantity`: the cheapest tier the quantity reaches, and only when it is below the
 * base unit cost (a tier priced above it is a misconfiguration the server ignores rather than a surcharge).
 */
export function unitCostFor(base: Money, tiers: readonly QuantityTier[] | undefined, quantity: number): Money {
  let best: Money = base;
  for (const tier of tiers ?? []) {
    if (tier.minQuantity > quantity || tier.unitPrice.currency !== base.currency) continue;
    if (new Decimal(tier.unitPrice.amount).lessThan(best.amount)) best = tier.unitPrice;
  }
  return best;
}

/** What `quantity` units cost together, at the unit cost that quantity reaches, in the unit's own scale. */
export function costForQuantity(base: Money, tiers: readonly QuantityTier[] | undefined, quantity: number): Money {
  const unit = unitCostFor(base, tiers, quantity);
  const scale = Math.max(decimals(unit.amount), decimals(base.amount));
  return { amount: new Decimal(unit.amount).times(quantity).toFixed(scale), currency: unit.currency };
}

function decimals(amount: string): number {
  return amount.split('.')[1]?.length ?? 0;
}
