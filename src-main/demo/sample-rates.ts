import Decimal from 'decimal.js';
import type { CurrencyRate } from '../domain/currency';
import { codedText, decodeCodedIssue } from '../../src-shared/coded-issue';

/**
 * Approximate USD values from 2026-11-01, so a new merchant's demo grid can compare CNY, MYR and USD
 * suppliers before fetching live rates. Labelled as samples wherever they are shown.
 */
const USD_PER_UNIT: Record<string, string> = {
  CNY: '0.1389',
  HKD: '0.1285',
  EUR: '1.0823',
  GBP: '1.2705',
  MYR: '0.2120',
  SGD: '0.7440',
  PHP: '0.01720',
  IDR: '0.0000618',
  THB: '0.02810',
  TWD: '0.03090',
  JPY: '0.00655',
  KRW: '0.000725',
  AUD: '0.6520',
  VND: '0.0000393',
};

/** Worded by the renderer and the CLI (pricing dictionary, `rates.source.sample`). */
const SAMPLE_RATES_SOURCE = codedText('rates.source.sample', { date: '2026-11-01' });

/** Whether a stored rate's source says it is one of these samples (whatever date a version stamped on them). */
export function isSampleRateSource(source: string): boolean {
  return decodeCodedIssue(source)?.code === 'rates.source.sample';
}

/** Roughly what one unit of `currency` is worth in US dollars (these samples), or null for a currency they lack. */
export function sampleUsdPerUnit(currency: string): string | null {
  return currency === 'USD' ? '1' : (USD_PER_UNIT[currency] ?? null);
}

export function sampleRates(base: string): CurrencyRate[] {
  const table: Record<string, string> = { USD: '1', ...USD_PER_UNIT };
  const baseInUsd = table[base];
  if (!baseInUsd) return [];
  return Object.entries(table)
    .filter(([currency]) => currency !== base)
    .map(([currency, usd]) => ({
      currency,
      perUnit: new Decimal(usd).dividedBy(baseInUsd).toSignificantDigits(10).toFixed(),
      base,
      asOf: '2026-11-01',
      source: SAMPLE_RATES_SOURCE,
    }));
}
