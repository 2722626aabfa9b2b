import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MissingRateError,
  convert,
  parseEcbXml,
  ratesFromEcb,
  type CurrencyRate,
} from '../../src-main/domain/currency';
import { sampleRates } from '../../src-main/demo/sample-rates';
import Decimal from 'decimal.js';

const ecbXml = readFileSync(new URL('../fixtures/eurofxref-daily.xml', import.meta.url), 'utf8');
const rate = (currency: string, perUnit: string): [string, CurrencyRate] => [
  currency,
  { currency, perUnit, base: 'USD', asOf: '2026-11-20', source: 'test' },
];

describe('currency conversion', () => {
  const rates = new Map([rate('CNY', '0.1389'), rate('IDR', '0.0000618')]);

  it('multiplies exactly, keeping six decimals', () => {
    expect(convert({ amount: '12.50', currency: 'CNY' }, 'USD', rates)).toEqual({ amount: '1.73625', currency: 'USD' });
    expect(convert({ amount: '0.10', currency: 'CNY' }, 'USD', rates)).toEqual({ amount: '0.01389', currency: 'USD' });
    expect(convert({ amount: '150000', currency: 'IDR' }, 'USD', rates)).toEqual({ amount: '9.27', currency: 'USD' });
  });

  it('rounds the whole product once, half to even, however many digits amount and rate have', () => {
    /** value × 10^-scale as digits, e.g. (12345n, 2) → "123.45". */
    const decimal = (value: bigint, scale: number) => {
      const digits = value.toString().padStart(scale + 1, '0');
      return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    };
    /** The exact product rounded to 6 places, half to even, in integer arithmetic. */
    const expected = (amount: bigint, amountScale: number, perUnit: bigint, rateScale: number) => {
      const product = amount * perUnit;
      const drop = amountScale + rateScale - 6;
      if (drop <= 0) return new Decimal(decimal(product, amountScale + rateScale)).toFixed();
      const unit = 10n ** BigInt(drop);
      let kept = product / unit;
      const twice = 2n * (product % unit);
      if (twice > unit || (twice === unit && kept % 2n === 1n)) kept += 1n;
      return new Decimal(decimal(kept, 6)).toFixed();
    };
    const digits = (max: number) => fc.bigInt({ min: 1n, max: 10n ** BigInt(max) - 1n });
    fc.assert(
      fc.property(
        digits(24),
        fc.integer({ min: 0, max: 8 }),
        digits(12),
        fc.integer({ min: 0, max: 12 }),
        (a, as, r, rs) => {
          const table = new Map([rate('CNY', decimal(r, rs))]);
          const converted = convert({ amount: decimal(a, as), currency: 'CNY' }, 'USD', table).amount;
          expect(converted).toBe(expected(a, as, r, rs));
        },
      ),
    );
  });

  it('rounds a product of more than 80 digits once: the digits past the 80th still decide a half', () => {
    const table = new Map([rate('CNY', '1'), rate('MYR', '2')]);
    const tens = '1' + '0'.repeat(40);
    // Just above half a millionth: up, where rounding to 80 digits first would leave an exact half, kept even (down).
    const above = convert({ amount: `${tens}.0000005${'0'.repeat(37)}1`, currency: 'CNY' }, 'USD', table);
    expect(above.amount).toBe(`${tens}.000001`);
    // Just below one and a half millionths: down, where 80 digits would make a half, rounded to even (up).
    const below = convert({ amount: `${tens}.0000014${'9'.repeat(38)}`, currency: 'CNY' }, 'USD', table);
    expect(below.amount).toBe(`${tens}.000001`);
    const doubled = convert({ amount: `5${'0'.repeat(39)}.00000025${'0'.repeat(36)}1`, currency: 'MYR' }, 'USD', table);
    expect(doubled.amount).toBe(`${tens}.000001`);
  });

  it('leaves amounts already in the base currency untouched', () => {
    expect(convert({ amount: '6.50', currency: 'USD' }, 'USD', rates)).toEqual({ amount: '6.50', currency: 'USD' });
  });

  it('names the missing rate and how to add it', () => {
    expect(() => convert({ amount: '1', currency: 'MYR' }, 'USD', rates)).toThrow(MissingRateError);
    expect(() => convert({ amount: '1', currency: 'MYR' }, 'USD', rates)).toThrow(/MYR to USD.*rates set MYR=/);
  });
});

describe('ECB reference rates', () => {
  it('parses the daily XML', () => {
    const ecb = parseEcbXml(ecbXml);
    expect(ecb.date).toBe('2026-11-20');
    expect(ecb.perEuro).toMatchObject({ USD: '1.0800', CNY: '7.7760', JPY: '165.20' });
  });

  it('re-bases euro rates on the merchant currency', () => {
    const rates = new Map(ratesFromEcb(parseEcbXml(ecbXml), 'USD', 'ECB').map((r) => [r.currency, r]));
    expect(rates.get('EUR')?.perUnit).toBe('1.08');
    // 1 CNY = 1.08 / 7.776 USD = 0.138888… USD
    expect(rates.get('CNY')?.perUnit).toBe('0.1388888889');
    expect(rates.has('USD')).toBe(false);
    expect(rates.get('CNY')).toMatchObject({ base: 'USD', asOf: '2026-11-20', source: 'ECB' });
  });

  it('rejects documents that are not ECB rates', () => {
    expect(() => parseEcbXml('<html>maintenance</html>')).toThrow(/not an ECB rates document/);
    expect(() => parseEcbXml("<Cube time='2026-01-01'></Cube>")).toThrow(/no currency rates/);
    expect(() => ratesFromEcb(parseEcbXml(ecbXml), 'XYZ', 'ECB')).toThrow(/no rate for XYZ/);
  });

  it('has sample rates for a demo in USD or another base', () => {
    expect(sampleRates('USD').find((r) => r.currency === 'CNY')?.perUnit).toBe('0.1389');
    const inCny = sampleRates('CNY');
    expect(inCny.find((r) => r.currency === 'USD')?.perUnit).toBe('7.199424046');
  });
});
