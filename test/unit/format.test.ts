import { describe, expect, it } from 'vitest';
import { formatDataMB, formatMoney } from '../../src-renderer/components/format';

describe('money formatting in the renderer', () => {
  it('groups digits on the decimal string itself, never through a float', () => {
    expect(formatMoney({ amount: '1234567.5', currency: 'USD' })).toBe('1,234,567.50 USD');
    expect(formatMoney({ amount: '0.1', currency: 'USD' })).toBe('0.10 USD');
    expect(formatMoney({ amount: '9007199254740993.01', currency: 'IDR' })).toBe('9,007,199,254,740,993.01 IDR');
  });

  it('keeps meaningful extra decimals and pads to two', () => {
    expect(formatMoney({ amount: '1.736250', currency: 'USD' })).toBe('1.73625 USD');
    expect(formatMoney({ amount: '6', currency: 'CNY' })).toBe('6.00 CNY');
    expect(formatMoney({ amount: '6.5', currency: 'CNY' }, { decimals: 2 })).toBe('6.50 CNY');
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
