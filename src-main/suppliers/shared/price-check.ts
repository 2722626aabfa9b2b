import { compareAmounts, formatMoney, type Money } from '../../domain/money';

/**
 * Why an order must not be sent at the supplier's live price, or null when it may: the live price is in another
 * currency than the catalog cost, or above it (compared as exact decimals). A lower price is fine: the merchant
 * confirmed the catalog cost and pays no more than that.
 */
export function priceRiseRefusal(supplier: string, live: Money, expected: Money): string | null {
  if (live.currency !== expected.currency) {
    return `${supplier} now prices this in ${live.currency}, not ${expected.currency} as the catalog says; sync the catalog before ordering`;
  }
  if (compareAmounts(live.amount, expected.amount) > 0) {
    return `${supplier}'s price rose to ${formatMoney(live)} from the catalog's ${formatMoney(expected)}; sync the catalog and order again`;
  }
  return null;
}
