import { describe, expect, it } from 'vitest';
import {
  isDecimalString,
  isIsoCurrency,
  isPositiveDecimal,
  money,
  sameMoney,
  toDecimalString,
} from '../../src-main/domain/money';

// Written against the mutants StrykerJS left alive in money.ts (`npm run mutation`): each is a rule a merchant relies on.
describe('money: what counts as an amount', () => {
  it('refuses text around a number: a price must be only a number, not "6.50 USD" or "$6.50"', () => {
    expect(isDecimalString('6.50')).toBe(true);
    expect(isDecimalString('-0.0100')).toBe(true);
    expect(isDecimalString('$6.50')).toBe(false);
    expect(isDecimalString('6.50 USD')).toBe(false);
    expect(isDecimalString('6.')).toBe(false);
    expect(isDecimalString('.5')).toBe(false);
    expect(isDecimalString('1e3')).toBe(false);
    expect(() => toDecimalString('6.50USD')).toThrow(/not a decimal/);
  });

  it('refuses an infinite JSON number instead of storing "Infinity" as a cost', () => {
    expect(() => toDecimalString(Number.POSITIVE_INFINITY)).toThrow(/not a decimal/);
  });

  it('a rate or cap must be strictly above zero: zero would sell for free or block nothing', () => {
    expect(isPositiveDecimal('0.01')).toBe(true);
    expect(isPositiveDecimal('0')).toBe(false);
    expect(isPositiveDecimal('0.00')).toBe(false);
    expect(isPositiveDecimal('-1')).toBe(false);
    expect(isPositiveDecimal('1,5')).toBe(false);
  });

  it('accepts only real ISO 4217 codes in stored (upper) case', () => {
    expect(isIsoCurrency('USD')).toBe(true);
    expect(isIsoCurrency('CNY')).toBe(true);
    expect(isIsoCurrency('usd')).toBe(false);
    expect(isIsoCurrency('USDT')).toBe(false);
    expect(isIsoCurrency('')).toBe(false);
  });
});

describe('money: equality of two maybe-missing prices', () => {
  it('two missing prices are the same; a missing and a present one are not', () => {
    expect(sameMoney(null, undefined)).toBe(true);
    expect(sameMoney(money('1', 'USD'), null)).toBe(false);
    expect(sameMoney(undefined, money('1', 'USD'))).toBe(false);
  });

  it('the same currency at a different amount is a different price', () => {
    expect(sameMoney(money('6.50', 'USD'), money('6.51', 'USD'))).toBe(false);
  });
});
