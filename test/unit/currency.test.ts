import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MissingRateError,
  convert,
  parseEcbXml,
  ratesFromEcb,
  type CurrencyRate,
} from '../../src-main/domain/currency';
import { sampleRates } from '../../src-main/demo/sample-rates';

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
