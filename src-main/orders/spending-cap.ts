import Decimal from 'decimal.js';
import { formatMoney, isDecimalString, type Money } from '../domain/money';
import type { SpendingCapView } from './types';

export interface CapInput {
  /** The cap in the merchant's currency; null when the merchant set none. */
  limit: string | null;
  currency: string;
  /** What today's earlier orders count for, in the same currency. */
  spentToday: string;
  /** This order's expected cost in the merchant's currency; null when no rate converts it. */
  order: Money | null;
  /** The order's own currency, to name it when no rate converts it. */
  orderCurrency: string;
}

export type CapCheck = { allowed: true; view: SpendingCapView | null } | { allowed: false; view: SpendingCapView | null; reason: string };

/** Whether one more order fits under today's cap. Pure; the caller reads the cap and today's spend. */
export function checkSpendingCap(input: CapInput): CapCheck {
  if (input.limit === null) return { allowed: true, view: null };
  const limit = new Decimal(input.limit);
  const spent = new Decimal(input.spentToday);
  const remaining = Decimal.max(0, limit.minus(spent));
  const money = (value: Decimal): Money => ({ amount: value.toFixed(2), currency: input.currency });
  const view: SpendingCapView = { limit: money(limit), spentToday: money(spent), remaining: money(remaining) };
  if (!input.order) {
    return { allowed: false, view, reason: `the daily spending cap is in ${input.currency} and there is no exchange rate for ${input.orderCurrency}, so this order cannot be counted against it: add the rate (Pricing → Rates, or \`supplygrid rates set ${input.orderCurrency}=…\`)` };
  }
  const cost = new Decimal(input.order.amount);
  if (spent.plus(cost).greaterThan(limit)) {
    return {
      allowed: false,
      view,
      reason: `this order (about ${formatMoney(money(cost))}) would exceed today's spending cap of ${formatMoney(view.limit)}: ${formatMoney(view.spentToday)} already spent today, ${formatMoney(view.remaining)} left. Raise the cap on the Test orders screen (or \`supplygrid orders cap AMOUNT\`) or order tomorrow.`,
    };
  }
  return { allowed: true, view };
}

/** A cap as the merchant types it: a non-negative decimal, or empty/"off" for none. */
export function parseCap(text: string | null): string | null {
  if (text === null) return null;
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'off') return null;
  if (!isDecimalString(trimmed) || trimmed.startsWith('-')) throw new Error(`the daily spending cap must be an amount such as 50 or 49.90, or "off"; got "${text}"`);
  return trimmed;
}

/** The merchant's calendar day, which is what "per day" means to them, not UTC's. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
