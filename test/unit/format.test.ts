import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  durationWords,
  formatAmount,
  formatDataMB,
  formatExactMoney,
  formatMoney,
  formatMoneyParams,
  formatMoneyText,
  sayDuration,
} from '../../src-renderer/components/format';
import { common } from '../../src-renderer/i18n/common';
import { fillTemplate } from '../../src-renderer/i18n/fill-template';

describe('money formatting in the renderer', () => {
  it('groups digits on the decimal string itself, never through a float', () => {
    expect(formatMoney({ amount: '1234567.5', currency: 'USD' })).toBe('1,234,567.50 USD');
    expect(formatMoney({ amount: '0.1', currency: 'USD' })).toBe('0.10 USD');
    expect(formatMoney({ amount: '9007199254740993.01', currency: 'USD' })).toBe('9,007,199,254,740,993.01 USD');
    expect(formatMoney({ amount: '9007199254740993.5', currency: 'IDR' })).toBe('9,007,199,254,740,994 IDR');
  });

  it("shows the currency's own minor units by default: two for USD, none for JPY, three for KWD", () => {
    expect(formatMoney({ amount: '5.338844', currency: 'USD' })).toBe('5.34 USD');
    expect(formatMoney({ amount: '6', currency: 'CNY' })).toBe('6.00 CNY');
    expect(formatMoney({ amount: '1234.5', currency: 'JPY' })).toBe('1,235 JPY');
    expect(formatMoney({ amount: '1.2345', currency: 'KWD' })).toBe('1.235 KWD');
    expect(formatMoney({ amount: '6.5', currency: 'CNY' }, { decimals: 4 })).toBe('6.5000 CNY');
  });

  it("words an amount main put in a text's parameters like every other amount, and leaves other texts alone", () => {
    // The daily cap's refusal in yen: main computes its figures to two places.
    expect(formatMoneyText('638.17 JPY')).toBe('638 JPY');
    expect(formatMoneyText('20000.00 JPY')).toBe('20,000 JPY');
    expect(formatMoneyText('4.180000 USD')).toBe('4.18 USD');
    expect(formatMoneyText('1.2345 KWD')).toBe('1.235 KWD');
    for (const text of ['P012345', '3', 'sku_unavailable', '12 ABC', 'SG2026 USD', 'about 5 USD'])
      expect(formatMoneyText(text)).toBe(text);
    expect(formatMoneyParams({ live: '1500.00 JPY', quoted: '1480 JPY', tries: '3' })).toEqual({
      live: '1,500 JPY',
      quoted: '1,480 JPY',
      tries: '3',
    });
  });

  it('keeps every stored digit in the exact form, for tooltips', () => {
    expect(formatExactMoney({ amount: '1234.338844', currency: 'USD' })).toBe('1,234.338844 USD');
    expect(formatExactMoney({ amount: '6', currency: 'USD' })).toBe('6.00 USD');
    expect(formatExactMoney({ amount: '-0.5', currency: 'JPY' })).toBe('−0.5 JPY');
    expect(formatAmount({ amount: '12.5', currency: 'JPY' })).toBe('13');
  });

  it('rounds half up (away from zero) what it does not show, never cutting digits off', () => {
    expect(formatMoney({ amount: '26.13884', currency: 'USD' })).toBe('26.14 USD');
    expect(formatMoney({ amount: '26.135', currency: 'USD' })).toBe('26.14 USD');
    expect(formatMoney({ amount: '26.1349', currency: 'USD' })).toBe('26.13 USD');
    expect(formatMoney({ amount: '0.995', currency: 'USD' })).toBe('1.00 USD');
    expect(formatMoney({ amount: '999999.996', currency: 'USD' })).toBe('1,000,000.00 USD');
    expect(formatMoney({ amount: '-1.005', currency: 'USD' })).toBe('−1.01 USD');
    expect(formatMoney({ amount: '-0.001', currency: 'USD' })).toBe('0.00 USD');
    expect(formatMoney({ amount: '9007199254740993.015', currency: 'IDR' }, { decimals: 2 })).toBe(
      '9,007,199,254,740,993.02 IDR',
    );
    expect(formatMoney({ amount: '1.23456789', currency: 'USD' }, { decimals: 6 })).toBe('1.234568 USD');
  });

  it('shows negatives with a real minus and nothing for a missing amount', () => {
    expect(formatMoney({ amount: '-3.2', currency: 'USD' })).toBe('−3.20 USD');
    expect(formatMoney(null)).toBe('—');
  });

  it('shows data volumes in GB from 1024 MB', () => {
    expect(formatDataMB(5120)).toBe('5 GB');
    expect(formatDataMB(1536)).toBe('1.5 GB');
    expect(formatDataMB(500)).toBe('500 MB');
    expect(formatDataMB(null)).toBe('—');
  });
});

describe('durations in the renderer', () => {
  const say = (ms: number, language: 'en' | 'zh-CN' = 'en') =>
    sayDuration((key, params) => fillTemplate(common[language][key], params), ms);

  it('reads at a glance: tenths below ten seconds, whole seconds below a minute, then minutes, then hours', () => {
    expect(say(0)).toBe('0 s');
    expect(say(30)).toBe('under 0.1 s');
    expect(say(50)).toBe('0.1 s');
    expect(say(420)).toBe('0.4 s');
    expect(say(9_940)).toBe('9.9 s');
    expect(say(9_960)).toBe('10 s');
    expect(say(59_400)).toBe('59 s');
    expect(say(59_600)).toBe('1 min');
    expect(say(754_000)).toBe('12 min 34 s');
    expect(say(3_599_400)).toBe('59 min 59 s');
    expect(say(3_600_000)).toBe('1 h 0 min');
    expect(say(7_530_000)).toBe('2 h 6 min');
  });

  it('says the same in Chinese, and treats nonsense as no time', () => {
    expect(say(754_000, 'zh-CN')).toBe('12 分 34 秒');
    expect(say(45_000, 'zh-CN')).toBe('45 秒');
    expect(say(12, 'zh-CN')).toBe('不到 0.1 秒');
    expect(say(7_530_000, 'zh-CN')).toBe('2 小时 6 分');
    expect(say(Number.NaN)).toBe('0 s');
    expect(say(-5)).toBe('0 s');
  });

  it('never leaves a unit out of range (no "60 s", no "60 min")', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 3_600_000 }), (ms) => {
        const { key, params } = durationWords(ms);
        if (key === 'duration.seconds') expect(params.s).toBeLessThan(60);
        if (key === 'duration.minutesSeconds') expect(params.s).toBeGreaterThan(0);
        if (key === 'duration.minutesSeconds' || key === 'duration.minutes') expect(params.m).toBeLessThan(60);
        if (key === 'duration.hoursMinutes') expect(params.m).toBeLessThan(60);
      }),
    );
  });
});
