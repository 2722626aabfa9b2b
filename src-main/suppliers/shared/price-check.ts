import { formatMoney, type Money } from '../../domain/money';
import { orderText } from '../../../src-shared/order-notes';

/**
 * Why an order is not sent at the supplier's live price, once livePriceProblem (orders/attention.ts) found one: the
 * live price is in another currency than the catalog cost, or above it. A coded text, worded by the renderer.
 */
export function priceRiseRefusal(live: Money, expected: Money): string {
  if (live.currency !== expected.currency)
    return orderText('refusal.priceCurrency', { live: live.currency, quoted: expected.currency });
  return orderText('refusal.priceNow', { live: formatMoney(live), quoted: formatMoney(expected) });
}
