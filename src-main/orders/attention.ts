import { compareAmounts, formatMoney, type Money } from '../domain/money';

/**
 * Why an order needs the merchant's eyes, as a code and its parameters: the renderer (and the CLI) word it in the
 * merchant's language, so nothing here is a sentence.
 *
 * - `price_above_quote`: the supplier's live price is above the confirmed quote; the order was not sent at it
 *   (or, on a re-send whose first try may have arrived, not sent again).
 * - `price_currency_changed`: the supplier now prices the offer in another currency than the quote.
 * - `charged_differs`: the supplier says it charged another amount than the quote.
 * - `unknown_supplier_status`: the supplier answered with an order status we cannot read.
 * - `no_answer`: the order was sent `tries` times and never answered; it is not sent again.
 * - `order_vanished`: the supplier confirmed the order once and now says it has none.
 * - `connection_changed`: the connection now points at another host or account than the order was placed through.
 * - `outcome_unclear`: the supplier's answer to the order left its outcome unclear (its own code in `code`).
 */
export const ATTENTION_CODES = [
  'price_above_quote', 'price_currency_changed', 'charged_differs', 'unknown_supplier_status', 'no_answer', 'order_vanished', 'connection_changed',
  'outcome_unclear',
] as const;
export type AttentionCode = (typeof ATTENTION_CODES)[number];

export interface AttentionReason {
  code: AttentionCode;
  /** Values the wording fills in (amounts already formatted with their currency, keys, status words). */
  params: Record<string, string>;
}

export function attention(code: AttentionCode, params: Record<string, string> = {}): AttentionReason {
  return { code, params };
}

/**
 * The one price rule every order flow shares: the supplier's live total for the order against the confirmed quote
 * (both for the whole quantity). Null when it may be sent; a lower price is fine, the merchant pays no more than quoted.
 */
export function livePriceProblem(liveTotal: Money, quote: Money): AttentionReason | null {
  if (liveTotal.currency !== quote.currency) return attention('price_currency_changed', { live: formatMoney(liveTotal), quoted: formatMoney(quote) });
  if (compareAmounts(liveTotal.amount, quote.amount) > 0) return attention('price_above_quote', { live: formatMoney(liveTotal), quoted: formatMoney(quote) });
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
  return typeof code === 'string' && (ATTENTION_CODES as readonly string[]).includes(code) && !!params && typeof params === 'object';
}
