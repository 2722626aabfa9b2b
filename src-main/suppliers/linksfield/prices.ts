import { z } from 'zod';
import { toDecimalString, compareAmounts } from '../../domain/money';
import { isoCurrency } from '../shared/decimal-schema';
import { issuesText } from '../shared/issue-text';
import { issueText } from '../../../src-shared/issue-codes';
import { supplierText } from '../shared/supplier-text';

/** One entry of `currencyInfos`, as the package detail gives it. */
const currencyInfoSchema = z.looseObject({
  currencyAbbr: isoCurrency,
  currencyId: z.union([z.number().int(), z.string().min(1)]).nullish(),
  currencyName: z.string().nullish(),
  currencySymbol: z.string().nullish(),
  digitsNum: z.number().int().min(0).max(8).nullish(),
  price: z.union([z.number(), z.string()]),
  unit: z.union([z.string(), z.number()]).nullish(),
});

/** A price we keep: the amount as an exact decimal string beside what the upstream needs to order in it. */
export interface PackagePrice {
  currency: string;
  amount: string;
  currencyId: number | string | null;
  symbol: string | null;
  name: string | null;
  digits: number | null;
}

export interface PriceList {
  prices: PackagePrice[];
  /** Entries we could not read, with why; the package stays usable in its other currencies. */
  unreadable: Array<{ entry: unknown; reason: string }>;
}

/**
 * Reads every currency's price. A bad entry only costs that currency: the merchant may never buy in it.
 * JSON numbers lose trailing zeros (5.50 arrives as 5.5), so `digitsNum` restores the currency's scale;
 * it only pads, never rounds, because an amount is never changed on its way in.
 */
export function readPrices(currencyInfos: unknown[]): PriceList {
  const prices: PackagePrice[] = [];
  const unreadable: PriceList['unreadable'] = [];
  for (const entry of currencyInfos) {
    const parsed = currencyInfoSchema.safeParse(entry);
    if (!parsed.success) {
      unreadable.push({ entry, reason: issuesText(parsed.error) });
      continue;
    }
    const info = parsed.data;
    let amount: string;
    try {
      amount = padToScale(toDecimalString(info.price), info.digitsNum ?? 0);
    } catch {
      const problem = issueText('problem.notDecimal', { value: JSON.stringify(info.price) });
      unreadable.push({ entry, reason: issueText('issue.field', { path: 'price', problem }) });
      continue;
    }
    if (compareAmounts(amount, '0') <= 0) {
      const problem = issueText('problem.notAboveZero');
      unreadable.push({ entry, reason: issueText('issue.field', { path: 'price', problem }) });
      continue;
    }
    prices.push({
      currency: info.currencyAbbr.toUpperCase(),
      amount,
      currencyId: info.currencyId ?? null,
      symbol: info.currencySymbol ?? null,
      name: info.currencyName ?? null,
      digits: info.digitsNum ?? null,
    });
  }
  return { prices, unreadable };
}

/** The price to cost the package at, or why there is none in `currency`. */
export function priceIn(list: PriceList, currency: string): PackagePrice {
  const matches = list.prices.filter((price) => price.currency === currency);
  if (matches.length === 0) {
    const offered = list.prices.map((price) => price.currency).join(', ');
    const parts = [
      offered ? supplierText('price.noneIn', { currency, offered }) : supplierText('price.noneReadable', { currency }),
    ];
    // An entry we could not read may have been that currency's: it stays visible, with the first reason.
    if (list.unreadable.length)
      parts.push(supplierText('price.unreadable', { count: list.unreadable.length, first: list.unreadable[0].reason }));
    throw new Error(parts.join('; '));
  }
  if (matches.some((price) => compareAmounts(price.amount, matches[0].amount) !== 0)) {
    throw new Error(supplierText('price.several', { currency, amounts: matches.map((p) => p.amount).join(', ') }));
  }
  return matches[0];
}

function padToScale(amount: string, digits: number): string {
  const [whole, fraction = ''] = amount.split('.');
  if (fraction.length >= digits) return amount;
  return `${whole}.${fraction.padEnd(digits, '0')}`;
}
