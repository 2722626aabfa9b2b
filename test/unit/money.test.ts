import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareAmounts,
  isPositiveDecimalString,
  money,
  sameMoney,
  toDecimalString,
} from '../../src-main/domain/money';

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

  it('tells a positive decimal string as Decimal does, zeros of every scale and sign included', () => {
    const digits = fc.stringMatching(/^[0-9]{1,6}$/);
    const decimal = fc
      .tuple(fc.boolean(), digits, fc.option(digits, { nil: undefined }))
      .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`);
    fc.assert(
      fc.property(decimal, (text) => {
        expect(isPositiveDecimalString(text)).toBe(new Decimal(text).greaterThan(0));
      }),
      { numRuns: 2000 },
    );
    for (const zero of ['0', '0.00', '-0', '-0.000', '000.0']) expect(isPositiveDecimalString(zero)).toBe(false);
    expect(isPositiveDecimalString('0.001')).toBe(true);
  });
});
