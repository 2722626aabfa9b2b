import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pricingInput } from '../helpers/pricing-input';
import { lockedPriceFor, lossPerSale } from '../../src-main/domain/pricing/bulk-lock';
import { priceOffer } from '../../src-main/domain/pricing/price';
import type { RuleSet } from '../../src-main/domain/pricing/rules';
import { currencyDecimals } from '../../src-main/domain/minor-units';

// Currencies with every minor unit a merchant may price in: none (JPY), two (USD), three (KWD, BHD).
const CURRENCIES = ['USD', 'JPY', 'KWD', 'BHD', 'EUR'] as const;

const amount = fc
  .tuple(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([whole, fraction]) => `${whole}.${String(fraction).padStart(6, '0')}`);

const input = pricingInput;

describe('prices in the currency’s own minor unit', () => {
  it('"no rounding" rounds a markup only up to the minor unit: KWD and BHD keep their third decimal', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCIES),
        amount,
        fc.integer({ min: 0, max: 300 }),
        (currency, cost, percent) => {
          const ruleSet: RuleSet = {
            currency,
            rules: [{ id: 'r', scope: { type: 'all' }, percent: String(percent), rounding: { mode: 'none' } }],
            locks: [],
          };
          const expected = new Decimal(cost)
            .times(new Decimal(percent).div(100).plus(1))
            .toDecimalPlaces(currencyDecimals(currency), Decimal.ROUND_UP);
          expect(new Decimal(priceOffer(input(cost, currency), ruleSet).salePrice.amount).toFixed()).toBe(
            expected.toFixed(),
          );
        },
      ),
    );
    // At 0 % a rule that does not round sells at cost, exactly as no rule does.
    const atCost: RuleSet = {
      currency: 'KWD',
      rules: [{ id: 'r', scope: { type: 'all' }, percent: '0', rounding: { mode: 'none' } }],
      locks: [],
    };
    expect(priceOffer(input('1.2341', 'KWD'), atCost).salePrice.amount).toBe('1.235');
    expect(priceOffer(input('1.2341', 'KWD'), { currency: 'KWD', rules: [], locks: [] }).salePrice.amount).toBe(
      '1.235',
    );
  });

  it('a bulk lock at a price judges the loss on the price the store will charge, as the grid and the export do', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENCIES), amount, amount, (currency, typed, cost) => {
        const decimals = currencyDecimals(currency);
        const locked = lockedPriceFor({ type: 'lockPrice', amount: typed }, cost, decimals)!;
        const charged = priceOffer(input(cost, currency), {
          currency,
          rules: [],
          locks: [{ target: { type: 'plan', planKey: 'plan' }, price: { amount: locked, currency } }],
        }).salePrice.amount;
        expect(new Decimal(locked).eq(charged)).toBe(true);
        const loss = lossPerSale(cost, locked);
        expect(loss === null).toBe(new Decimal(charged).gte(cost));
      }),
    );
    // 999.4 JPY is charged as 1000: no loss against a cost of 999.6.
    expect(lossPerSale('999.6', lockedPriceFor({ type: 'lockPrice', amount: '999.4' }, '999.6', 0)!)).toBeNull();
  });
});
