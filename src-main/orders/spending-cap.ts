import Decimal from 'decimal.js';
import { convert, MissingRateError, type CurrencyRate } from '../domain/currency';
import { formatMoney, type Money } from '../domain/money';
import type { DaySpendRow } from './types';
import type { SpendingCapView } from '../../src-shared/order-types';
import { orderText } from '../../src-shared/order-notes';

export interface CapInput {
  /** The cap in the merchant's currency; null when the merchant set none. */
  limit: string | null;
  currency: string;
  /** What today's earlier orders count for, in the same currency. */
  spentToday: string;
  /** Currencies of today's earlier orders that no rate converts: the cap cannot be checked without them. */
  uncounted?: string[];
  /** This order's expected cost in the merchant's currency; null when no rate converts it. */
  order: Money | null;
  /** The order's own currency, to name it when no rate converts it. */
  orderCurrency: string;
}

export type CapCheck =
  { allowed: true; view: SpendingCapView | null } | { allowed: false; view: SpendingCapView | null; reason: string };

/** Whether one more order fits under today's cap. Pure; the caller reads the cap and today's spend. */
export function checkSpendingCap(input: CapInput): CapCheck {
  if (input.limit === null) return { allowed: true, view: null };
  const limit = new Decimal(input.limit);
  const spent = new Decimal(input.spentToday);
  const remaining = Decimal.max(0, limit.minus(spent));
  const money = (value: Decimal): Money => ({ amount: value.toFixed(2), currency: input.currency });
  const view: SpendingCapView = { limit: money(limit), spentToday: money(spent), remaining: money(remaining) };
  // Leaving those orders out would under-count the day: refused until the rate is there, never guessed.
  if (input.uncounted?.length) {
    const missing = input.uncounted.join(', ');
    return { allowed: false, view, reason: orderText('cap.refused.uncounted', { missing, first: input.uncounted[0] }) };
  }
  if (!input.order) {
    return {
      allowed: false,
      view,
      reason: orderText('cap.refused.noRate', { capCurrency: input.currency, orderCurrency: input.orderCurrency }),
    };
  }
  const cost = new Decimal(input.order.amount);
  if (spent.plus(cost).greaterThan(limit)) {
    return {
      allowed: false,
      view,
      reason: orderText('cap.refused.exceeds', {
        cost: formatMoney(money(cost)),
        limit: formatMoney(view.limit),
        spent: formatMoney(view.spentToday),
        remaining: formatMoney(view.remaining),
      }),
    };
  }
  return { allowed: true, view };
}

/**
 * What the day's orders count against the cap, in the merchant's currency at today's rates (so a change of currency
 * keeps them counted): each the larger of its quote and what the supplier says it charged, less the share a partial
 * refund gave back. An order whose currency has no rate is named in `uncounted` instead of silently counting nothing.
 */
export function spentToday(
  rows: readonly DaySpendRow[],
  currency: string,
  rates: ReadonlyMap<string, CurrencyRate>,
): { spent: string; uncounted: string[] } {
  let spent = new Decimal(0);
  const uncounted = new Set<string>();
  for (const row of rows) {
    try {
      spent = spent.plus(countedShare(row, currency, rates));
    } catch (error) {
      if (!(error instanceof MissingRateError)) throw error;
      uncounted.add(error.currency);
    }
  }
  return { spent: spent.toFixed(), uncounted: [...uncounted].sort() };
}

function countedShare(row: DaySpendRow, currency: string, rates: ReadonlyMap<string, CurrencyRate>): Decimal {
  const inMerchant = (money: Money) => new Decimal(convert(money, currency, rates).amount);
  const quoted = inMerchant(row.expected);
  const counted = row.charged ? Decimal.max(quoted, inMerchant(row.charged)) : quoted;
  if (row.status !== 'partially_refunded' || !row.refunded) return counted;
  // The refund is in the supplier's currency: it removes its share of the charge.
  const charged = row.charged ?? row.expected;
  if (new Decimal(charged.amount).lessThanOrEqualTo(0) || charged.currency !== row.refunded.currency) return counted;
  const kept = Decimal.max(0, new Decimal(charged.amount).minus(row.refunded.amount)).dividedBy(charged.amount);
  return counted.times(Decimal.min(1, kept));
}

/** The merchant's calendar day, which is what "per day" means to them, not UTC's. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
