import { compareAmounts, formatMoney, type Money } from '../../domain/money';
import { type AttentionCode, type AttentionReason, ATTENTION_CODES } from '../../../src-shared/order-types';

export function attention(code: AttentionCode, params: Record<string, string> = {}): AttentionReason {
  return { code, params };
}

/**
 * The one price rule every order flow shares: the supplier's live total for the order against the confirmed quote
 * (both for the whole quantity). Null when it may be sent; a lower price is fine, the merchant pays no more than quoted.
 */
export function livePriceProblem(liveTotal: Money, quote: Money): AttentionReason | null {
  if (liveTotal.currency !== quote.currency)
    return attention('price_currency_changed', { live: formatMoney(liveTotal), quoted: formatMoney(quote) });
  if (compareAmounts(liveTotal.amount, quote.amount) > 0)
    return attention('price_above_quote', { live: formatMoney(liveTotal), quoted: formatMoney(quote) });
  return null;
}

/** A charge other than the quote, in either direction or currency, is for the merchant to look at. */
export function chargeProblem(charged: Money | null, quote: Money): AttentionReason | null {
  if (!charged) return null;
  if (charged.currency === quote.currency && compareAmounts(charged.amount, quote.amount) === 0) return null;
  return attention('charged_differs', { charged: formatMoney(charged), quoted: formatMoney(quote) });
}

export function isAttentionReason(value: unknown): value is AttentionReason {
  if (!value || typeof value !== 'object') return false;
  const { code, params } = value as { code?: unknown; params?: unknown };
  return (
    typeof code === 'string' &&
    (ATTENTION_CODES as readonly string[]).includes(code) &&
    !!params &&
    typeof params === 'object'
  );
}
