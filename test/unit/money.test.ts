import { describe, expect, it } from 'vitest';
import { compareAmounts, money, sameMoney, toDecimalString } from '../../src-main/domain/money';

describe('money', () => {
  it('keeps the upstream scale of a decimal string', () => {
    expect(money('6.50', 'usd')).toEqual({ amount: '6.50', currency: 'USD' });
    expect(toDecimalString(' 6.0000 ')).toBe('6.0000');
  });

  it('prints JSON numbers without float noise or exponents', () => {
    expect(toDecimalString(6.5)).toBe('6.5');
    expect(toDecimalString(1e-7)).toBe('0.0000001');
  });

  it('rejects what is not an amount', () => {
    expect(() => toDecimalString('1,5')).toThrow(/not a decimal/);
    expect(() => toDecimalString('')).toThrow(/not a decimal/);
    expect(() => toDecimalString(Number.NaN)).toThrow(/not a decimal/);
  });

  it('compares exactly, across scales', () => {
    expect(compareAmounts('6.50', '6.5')).toBe(0);
    expect(compareAmounts('0.30', '0.1')).toBe(1);
    expect(sameMoney(money('6.50', 'USD'), money('6.5', 'USD'))).toBe(true);
    expect(sameMoney(money('6.50', 'USD'), money('6.50', 'CNY'))).toBe(false);
  });
});
