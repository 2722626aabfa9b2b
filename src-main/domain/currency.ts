import Decimal from 'decimal.js';
import type { Money } from './money';

/** What one unit of `currency` is worth in the merchant's currency, with where that figure came from. */
export interface CurrencyRate {
  currency: string;
  /** Value of 1 unit of `currency` in `base`, as an exact decimal string. */
  perUnit: string;
  base: string;
  asOf: string;
  source: string;
}

export class MissingRateError extends Error {
  constructor(
    readonly currency: string,
    readonly base: string,
  ) {
    super(
      `no exchange rate from ${currency} to ${base}: add one under Pricing → Rates (or \`supplygrid rates set ${currency}=…\`)`,
    );
    this.name = 'MissingRateError';
  }
}

/** Digits kept after the point in converted amounts: finer than any currency, so rounding rules decide the rest. */
const CONVERSION_SCALE = 6;

/**
 * Decimals whose product keeps every digit: decimal.js's largest precision. A product of decimals is finite, and
 * times() works out all its digits whatever the precision, so this costs nothing over 80 digits (PriceDecimal), which
 * would round an amount and a rate of more than 80 digits together before the rounding to CONVERSION_SCALE.
 */
const WholeProduct = Decimal.clone({ precision: 1e9 });

/**
 * Exact conversion into the rate table's base currency; the same currency converts to itself untouched. The product is
 * taken whole, however long amount and rate are (not to decimal.js's default 20 digits), and rounded once, to
 * CONVERSION_SCALE.
 */
export function convert(amount: Money, base: string, rates: ReadonlyMap<string, CurrencyRate>): Money {
  if (amount.currency === base) return amount;
  const rate = rates.get(amount.currency);
  if (!rate || rate.base !== base) throw new MissingRateError(amount.currency, base);
  return {
    amount: new WholeProduct(amount.amount)
      .times(rate.perUnit)
      .toDecimalPlaces(CONVERSION_SCALE, Decimal.ROUND_HALF_EVEN)
      .toFixed(),
    currency: base,
  };
}

/** Where the European Central Bank publishes its daily reference rates; the default rates source. */
export const ECB_DAILY_RATES_URL = 'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml';

export interface EcbRates {
  date: string;
  /** 1 EUR = value units of the currency. */
  perEuro: Record<string, string>;
}

/**
 * Reads the ECB daily reference-rate XML (eurofxref-daily.xml): `<Cube time="…">` holding
 * `<Cube currency="USD" rate="1.0823"/>` entries, all against the euro.
 */
export function parseEcbXml(xml: string): EcbRates {
  const date = /<Cube\s+time=['"](\d{4}-\d{2}-\d{2})['"]/.exec(xml)?.[1];
  if (!date) throw new Error('not an ECB rates document: no <Cube time="…"> element');
  const perEuro: Record<string, string> = {};
  for (const match of xml.matchAll(/<Cube\s+currency=['"]([A-Z]{3})['"]\s+rate=['"]([0-9.]+)['"]\s*\/>/g)) {
    if (!/^\d+(\.\d+)?$/.test(match[2]) || new Decimal(match[2]).isZero())
      throw new Error(`ECB rate for ${match[1]} is not a positive number: ${match[2]}`);
    perEuro[match[1]] = match[2];
  }
  if (Object.keys(perEuro).length === 0) throw new Error('ECB rates document has no currency rates');
  return { date, perEuro };
}

/** Re-bases ECB's euro rates on the merchant's currency: value of 1 unit of each currency in `base`. */
export function ratesFromEcb(ecb: EcbRates, base: string, source: string): CurrencyRate[] {
  const perEuro: Record<string, string> = { EUR: '1', ...ecb.perEuro };
  const baseValue = perEuro[base];
  if (!baseValue) throw new Error(`the ECB publishes no rate for ${base}, the merchant's currency`);
  return Object.entries(perEuro)
    .filter(([currency]) => currency !== base)
    .map(([currency, value]) => ({
      currency,
      perUnit: new Decimal(baseValue).dividedBy(value).toSignificantDigits(10).toFixed(),
      base,
      asOf: ecb.date,
      source,
    }));
}
