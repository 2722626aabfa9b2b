import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pricingInput } from '../helpers/pricing-input';
import { sampleRates, sampleUsdPerUnit } from '../../src-main/demo/sample-rates';
import { currencyDecimals } from '../../src-main/domain/minor-units';
import { priceOffer } from '../../src-main/domain/pricing/price';
import type { Rounding, RuleSet } from '../../src-main/domain/pricing/rules';
import { parseRuleSet } from '../../src-main/domain/pricing/schema';
import { startingRuleSet } from '../../src-main/domain/pricing/starting-rules';
import { openDatabase } from '../../src-main/db/open';
import { saveRates } from '../../src-main/db/rates-repo';
import {
  defaultRuleSet as defaultRuleSetIn,
  markupPresets as markupPresetsIn,
} from '../../src-main/pricing/rules-store';

/** A merchant with no rates of their own: the tiers are sized from the samples alone. */
const db = openDatabase(':memory:');
const defaultRuleSet = (currency: string) => defaultRuleSetIn(db, currency);
const markupPresets = (currency: string) => markupPresetsIn(db, currency);

const DOLLAR_TIERS = {
  bounds: ['5', '20'],
  cheap: { mode: 'up', step: '0.1' },
  dear: { mode: 'charm', ending: '.99' },
};

function tiers(ruleSet: RuleSet) {
  const [low, mid, high] = ruleSet.rules;
  expect(low.costRange).toEqual({ max: mid.costRange?.min });
  expect(high.costRange).toEqual({ min: mid.costRange?.max });
  expect(mid.rounding).toEqual(low.rounding);
  return { bounds: [mid.costRange!.min!, mid.costRange!.max!], cheap: low.rounding, dear: high.rounding };
}

const cost = pricingInput;

/** Whether `amount` is a whole number of `currency`'s smallest unit (a price the store can charge as it is). */
function chargeable(amount: string, currency: string): boolean {
  return new Decimal(amount).times(new Decimal(10).pow(currencyDecimals(currency))).isInteger();
}

const STEP: (rounding: Rounding) => string | null = (rounding) => (rounding.mode === 'up' ? rounding.step : null);

describe('the markup a new merchant starts with, sized for their currency', () => {
  it('keeps the dollar tiers for the dollar and currencies of about its size', () => {
    for (const currency of ['USD', 'EUR', 'GBP', 'SGD'])
      expect({ currency, ...tiers(defaultRuleSet(currency)) }).toEqual({ currency, ...DOLLAR_TIERS });
  });

  it('puts yen tiers at round yen amounts of the same real size, rounded to whole yen steps', () => {
    const yen = defaultRuleSet('JPY');
    expect(tiers(yen)).toEqual({
      bounds: ['1000', '5000'],
      cheap: { mode: 'up', step: '10' },
      dear: { mode: 'up', step: '100' },
    });
    // ¥1,500 is a middle-tier plan (25 %), not a dear one as under the dollar-sized tiers; priced in whole yen.
    const yenPrice = (amount: string) => Number(priceOffer(cost(amount, 'JPY'), yen).salePrice.amount);
    expect(yenPrice('1500')).toBe(1880);
    expect(yenPrice('800')).toBe(1120);
    expect(yenPrice('6000')).toBe(6900);
  });

  it('sizes yuan tiers in yuan and keeps the .99 ending a yuan price can carry', () => {
    expect(tiers(defaultRuleSet('CNY'))).toEqual({
      bounds: ['50', '200'],
      cheap: { mode: 'up', step: '1' },
      dear: { mode: 'charm', ending: '.99' },
    });
  });

  it('keeps the dollar numbers for a currency neither the samples nor the merchant’s rates know', () => {
    expect(sampleUsdPerUnit('KWD')).toBeNull();
    expect(tiers(defaultRuleSet('KWD'))).toEqual(DOLLAR_TIERS);
  });

  it('sizes a currency the samples do not know through the merchant’s own rate for the dollar or a sampled currency', () => {
    const rate = (currency: string, perUnit: string) => ({
      currency,
      perUnit,
      base: 'KWD',
      asOf: '2026-12-01',
      source: 'manual',
    });
    // 1 KWD is about 3.26 USD: under 2 KWD (about $6.50) is the cheap tier, 10 KWD and over the dear one.
    const dinar = { bounds: ['2', '10'], cheap: { mode: 'up', step: '0.05' }, dear: { mode: 'charm', ending: '.99' } };
    const own = openDatabase(':memory:');
    saveRates(own, [rate('USD', '0.307')]);
    expect(tiers(defaultRuleSetIn(own, 'KWD'))).toEqual(dinar);
    expect(markupPresetsIn(own, 'KWD')[0].rules).toEqual(defaultRuleSetIn(own, 'KWD').rules);
    // Through the yuan's sample: 1 CNY = 0.0427 KWD and about 0.139 USD.
    const viaYuan = openDatabase(':memory:');
    saveRates(viaYuan, [rate('XAU', '1250'), rate('CNY', '0.0427')]);
    expect(tiers(defaultRuleSetIn(viaYuan, 'KWD'))).toEqual(dinar);
    // A currency with a sample keeps it, whatever the merchant's rates say: tiers do not move with every update.
    saveRates(own, [{ ...rate('USD', '9'), base: 'JPY' }]);
    expect(tiers(defaultRuleSetIn(own, 'JPY')).bounds).toEqual(['1000', '5000']);
    for (const used of [own, viaYuan]) used.close();
  });

  it('always makes valid tiers whose bounds are about 5 and 20 dollars and whose prices the store can charge', () => {
    const known = ['USD', ...sampleRates('USD').map((rate) => rate.currency)];
    const currency = fc.constantFrom(...known, 'KWD', 'BHD', 'CLF');
    // Any size of unit: a thousandth of a cent to a thousand dollars.
    const usdPerUnit = fc
      .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: -8, max: 3 }))
      .map(([digits, exponent]) => new Decimal(digits).times(new Decimal(10).pow(exponent)).toFixed());
    fc.assert(
      fc.property(
        currency,
        fc.option(usdPerUnit, { nil: null }),
        fc.integer({ min: 1, max: 10_000 }),
        (code, usd, units) => {
          const ruleSet = startingRuleSet(code, usd);
          expect(parseRuleSet(JSON.parse(JSON.stringify(ruleSet)))).toEqual(ruleSet);
          const { bounds, cheap, dear } = tiers(ruleSet);
          const [low, high] = bounds.map((bound) => new Decimal(bound));
          expect(high.dividedBy(low).toNumber()).toBeGreaterThanOrEqual(2);
          // The cheap tier's bound, in dollars, within a round number's reach of 5 (1-2-5 steps are at most 2.5 apart).
          const lowInUsd = low.times(usd ?? '1').toNumber();
          expect(lowInUsd).toBeGreaterThanOrEqual(5 / 1.6);
          expect(lowInUsd).toBeLessThanOrEqual(5 * 1.6);
          for (const step of [STEP(cheap), STEP(dear)]) if (step !== null) expect(chargeable(step, code)).toBe(true);
          if (dear.mode === 'charm') expect(currencyDecimals(code)).toBeGreaterThanOrEqual(2);
          // Whatever the cost, in a whole number of smallest units, the price is above it and chargeable as it is.
          const amount = new Decimal(units)
            .times(low)
            .dividedBy(1000)
            .toDecimalPlaces(currencyDecimals(code), Decimal.ROUND_UP);
          if (amount.isZero()) return;
          const price = priceOffer(cost(amount.toFixed(), code), ruleSet).salePrice.amount;
          expect(new Decimal(price).greaterThan(amount)).toBe(true);
          expect(chargeable(price, code)).toBe(true);
        },
      ),
    );
  });

  it('picks the round number nearest on a log scale, as a float reference does away from the (irrational) midpoints', () => {
    const nearest = (value: number, mantissas: number[]) => {
      const exponent = Math.floor(Math.log10(value));
      const candidates = [exponent - 1, exponent, exponent + 1].flatMap((k) => mantissas.map((m) => m * 10 ** k));
      return candidates.reduce((best, c) =>
        Math.abs(Math.log10(c / value)) < Math.abs(Math.log10(best / value)) ? c : best,
      );
    };
    const usdPerUnit = fc
      .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: -8, max: 3 }))
      .map(([digits, exponent]) => new Decimal(digits).times(new Decimal(10).pow(exponent)).toFixed());
    fc.assert(
      fc.property(usdPerUnit, (usd) => {
        const low = Number(startingRuleSet('USD', usd).rules[0].costRange!.max);
        const expected = nearest(5 / Number(usd), [1, 2, 5]);
        // Away from a midpoint only: there a float may round either way.
        fc.pre(Math.abs(Math.abs(Math.log10(expected / (5 / Number(usd)))) - Math.log10(Math.sqrt(2.5))) > 1e-9);
        fc.pre(Math.abs(Math.abs(Math.log10(expected / (5 / Number(usd)))) - Math.log10(Math.sqrt(2))) > 1e-9);
        expect(low / expected).toBeCloseTo(1, 12);
      }),
    );
  });

  it('sizes the Pricing screen’s presets the same way, the first being the starting rules', () => {
    const summary = (currency: string) =>
      markupPresets(currency).map((preset) => ({
        id: preset.id,
        ranges: preset.rules.map((rule) => rule.costRange ?? null),
        roundings: preset.rules.map((rule) => rule.rounding),
      }));
    expect(summary('USD').map((preset) => preset.ranges)).toEqual([
      [{ max: '5' }, { min: '5', max: '20' }, { min: '20' }],
      [{ max: '2' }, { min: '2', max: '10' }, { min: '10' }],
      [null],
    ]);
    expect(summary('USD')[2].roundings).toEqual([{ mode: 'charm', ending: '.99' }]);
    expect(summary('JPY').map((preset) => preset.ranges)).toEqual([
      [{ max: '1000' }, { min: '1000', max: '5000' }, { min: '5000' }],
      [{ max: '200' }, { min: '200', max: '1000' }, { min: '1000' }],
      [null],
    ]);
    expect(summary('JPY')[2].roundings).toEqual([{ mode: 'up', step: '100' }]);
    for (const currency of ['USD', 'JPY', 'CNY', 'KWD'])
      expect(markupPresets(currency)[0].rules).toEqual(defaultRuleSet(currency).rules);
  });
});
