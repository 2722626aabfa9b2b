import { describe, expect, it } from 'vitest';
import {
  PriceRefusedError,
  previewChange,
  priceOffer,
  priceUnlessRefused,
  selectRule,
  type PricingInput,
} from '../../src-main/domain/pricing/price';
import type { LockedPrice, MarkupRule, RuleSet } from '../../src-main/domain/pricing/rules';
import { parseRuleSet } from '../../src-main/domain/pricing/schema';

const none = { mode: 'none' } as const;

function input(cost: string, overrides: Partial<PricingInput> = {}): PricingInput {
  return {
    cost: { amount: cost, currency: 'USD' },
    supplierId: 'acme',
    categoryId: 'asia',
    planKey: 'jp-5gb-7d',
    productId: 'p1',
    skuId: 's1',
    variant: '',
    ...overrides,
  };
}

function rule(id: string, scope: MarkupRule['scope'], extra: Partial<MarkupRule> = {}): MarkupRule {
  return { id, scope, percent: '10', rounding: none, ...extra };
}

function set(rules: MarkupRule[], locks: LockedPrice[] = []): RuleSet {
  return { currency: 'USD', rules, locks };
}

const ALL = rule('all', { type: 'all' });
const SUPPLIER = rule('supplier', { type: 'supplier', supplierId: 'acme' });
const CATEGORY = rule('category', { type: 'category', supplierId: 'acme', categoryId: 'asia' });
const PLAN = rule('plan', { type: 'plan', planKey: 'jp-5gb-7d' });
const OFFER = rule('offer', { type: 'offer', supplierId: 'acme', productId: 'p1', skuId: 's1', variant: '' });

describe('selectRule precedence', () => {
  it('picks the most specific scope regardless of order in the file', () => {
    const rules = [ALL, SUPPLIER, CATEGORY, PLAN, OFFER];
    expect(selectRule(input('10'), rules)?.id).toBe('offer');
    expect(selectRule(input('10'), rules.slice(0, 4))?.id).toBe('plan');
    expect(selectRule(input('10'), rules.slice(0, 3))?.id).toBe('category');
    expect(selectRule(input('10'), rules.slice(0, 2))?.id).toBe('supplier');
    expect(selectRule(input('10'), [ALL])?.id).toBe('all');
    expect(selectRule(input('10'), [...rules].reverse())?.id).toBe('offer');
  });

  it('ignores rules whose scope does not match the offer', () => {
    const rules = [ALL, SUPPLIER, CATEGORY, PLAN, OFFER];
    expect(selectRule(input('10', { supplierId: 'other' }), rules)?.id).toBe('plan');
    expect(selectRule(input('10', { supplierId: 'other', planKey: null }), rules)?.id).toBe('all');
    expect(selectRule(input('10', { categoryId: null, planKey: null, variant: 'x2' }), rules)?.id).toBe('supplier');
    // A category id is only meaningful with its supplier.
    expect(selectRule(input('10', { supplierId: 'other', planKey: null }), [CATEGORY])).toBeNull();
  });

  it('falls through to a less specific level when every range at a level misses the cost', () => {
    const rules = [
      ALL,
      rule('cat-cheap', CATEGORY.scope, { costRange: { max: '5' } }),
      rule('offer-dear', OFFER.scope, { costRange: { min: '100' } }),
    ];
    expect(selectRule(input('4.99', { planKey: null }), rules)?.id).toBe('cat-cheap');
    expect(selectRule(input('5', { planKey: null }), rules)?.id).toBe('all');
    expect(selectRule(input('100', { planKey: null }), rules)?.id).toBe('offer-dear');
  });

  it('prefers the narrowest range at one level, then the earliest rule', () => {
    const wide = rule('wide', { type: 'all' }, { costRange: { min: '0', max: '100' } });
    const narrow = rule('narrow', { type: 'all' }, { costRange: { min: '5', max: '20' } });
    const open = rule('open', { type: 'all' }, { costRange: { min: '1' } });
    const first = rule('first', { type: 'all' }, { costRange: { min: '5', max: '20' } });
    expect(selectRule(input('10'), [ALL, open, wide, narrow])?.id).toBe('narrow');
    expect(selectRule(input('10'), [ALL, open])?.id).toBe('open');
    expect(selectRule(input('10'), [first, narrow])?.id).toBe('first');
    expect(selectRule(input('10'), [ALL, rule('all-2', { type: 'all' })])?.id).toBe('all');
  });
});

describe('priceOffer tiers', () => {
  const tiers = set([
    rule('t1', { type: 'all' }, { costRange: { max: '5' }, percent: '40' }),
    rule('t2', { type: 'all' }, { costRange: { min: '5', max: '20' }, percent: '25' }),
    rule('t3', { type: 'all' }, { costRange: { min: '20' }, percent: '15' }),
  ]);

  it.each([
    ['4.99', 't1', '6.99'], // 6.986 → up to the cent
    ['5.00', 't2', '6.25'],
    ['19.99', 't2', '24.99'], // 24.9875
    ['20.00', 't3', '23.00'],
  ])('cost %s uses %s → %s', (cost, ruleId, sale) => {
    const result = priceOffer(input(cost), tiers);
    expect(result.ruleId).toBe(ruleId);
    expect(result.salePrice).toEqual({ amount: sale, currency: 'USD' });
  });

  it('refuses a sale price of zero or below, with the reason, from a rule, a lock or no rule at all', () => {
    expect(() => priceOffer(input('0'), tiers)).toThrow(PriceRefusedError);
    expect(() => priceOffer(input('0'), tiers)).toThrow(/not above zero/);
    const discount = set([rule('giveaway', { type: 'all' }, { percent: '-100' })]);
    expect(() => priceOffer(input('3'), discount)).toThrow(/rule 'giveaway'.*gives 0.*not above zero/);
    const lockedAtZero = {
      ...set([]),
      locks: [
        {
          target: { type: 'offer' as const, supplierId: 'acme', productId: 'p1', skuId: 's1', variant: '' },
          price: { amount: '0', currency: 'USD' },
        },
      ],
    };
    expect(() => priceOffer(input('3'), lockedAtZero)).toThrow(/locked offer price 0/);
    expect(() => priceOffer(input('-1'), set([]))).toThrow(/selling at cost.*not above zero/);
    expect(priceUnlessRefused(input('0'), tiers)).toBeNull();
    // Above zero, the margin keeps its sign: a lock below cost shows a loss on a positive price.
    const lockedBelow = {
      ...lockedAtZero,
      locks: [{ ...lockedAtZero.locks[0], price: { amount: '2', currency: 'USD' } }],
    };
    expect(priceOffer(input('3'), lockedBelow)).toMatchObject({ margin: { amount: '-1.00' }, marginPercent: '-50.0' });
  });

  it('names the tier in the explanation', () => {
    expect(priceOffer(input('5'), tiers).explanation).toBe("all rule 't2' (cost 5 to under 20): +25%");
    expect(priceOffer(input('1'), tiers).explanation).toBe("all rule 't1' (cost under 5): +40%");
    expect(priceOffer(input('25'), tiers).explanation).toBe("all rule 't3' (cost 20 and up): +15%");
  });
});

describe('priceOffer arithmetic', () => {
  it('applies percent then fixed, then rounding, with an explanation', () => {
    const result = priceOffer(
      input('8'),
      set([
        rule('r', CATEGORY.scope, {
          name: 'eSIM Asia',
          percent: '25',
          fixed: '0.5',
          rounding: { mode: 'up', step: '0.1' },
        }),
      ]),
    );
    expect(result).toEqual({
      salePrice: { amount: '10.50', currency: 'USD' },
      margin: { amount: '2.50', currency: 'USD' },
      marginPercent: '23.8',
      ruleId: 'r',
      locked: false,
      explanation: "category rule 'eSIM Asia': +25% +0.5 then up to 0.1",
    });
  });

  it('supports fixed only and negative percent', () => {
    expect(
      priceOffer(input('8'), set([rule('f', ALL.scope, { percent: undefined, fixed: '1.25' })])).salePrice.amount,
    ).toBe('9.25');
    const discount = priceOffer(input('10'), set([rule('d', ALL.scope, { percent: '-10' })]));
    expect(discount.salePrice.amount).toBe('9.00');
    expect(discount.margin.amount).toBe('-1.00');
    expect(discount.marginPercent).toBe('-11.1');
    expect(discount.explanation).toBe("all rule 'd': -10%");
  });

  it('raises to the minimum margin before rounding', () => {
    const rules = set([
      rule('m', ALL.scope, { percent: '10', minMargin: '1', rounding: { mode: 'charm', ending: '.99' } }),
    ]);
    const cheap = priceOffer(input('2'), rules); // 2.20 < 3.00 → 3.00 → 3.99
    expect(cheap.salePrice.amount).toBe('3.99');
    expect(cheap.explanation).toBe("all rule 'm': +10% raised to min margin 1 then charm .99");
    const dear = priceOffer(input('20'), rules); // 22.00 ≥ 21.00 → 22.99
    expect(dear.salePrice.amount).toBe('22.99');
    expect(dear.explanation).toBe("all rule 'm': +10% then charm .99");
  });

  it('never lets rounding take the price below the minimum margin', () => {
    const rules = set([rule('m', ALL.scope, { percent: '0', minMargin: '0.333', rounding: none })]);
    const result = priceOffer(input('1'), rules);
    expect(result.salePrice.amount).toBe('1.34');
    expect(result.margin.amount).toBe('0.34');
  });

  it('stays exact: no float sums, long percents, many decimals', () => {
    const exact = (cost: string, extra: Partial<MarkupRule>) =>
      priceOffer(input(cost), set([rule('x', ALL.scope, extra)]));
    // 0.1 + 0.2: a float gives 0.30000000000000004, which "up to the cent" would turn into 0.31.
    expect(exact('0.1', { percent: undefined, fixed: '0.2' }).salePrice.amount).toBe('0.30');
    // 1/3 percent of 300 is exactly 1 only if 33.333…% is not rounded before use; 0.999… must still reach 400.00.
    expect(exact('300', { percent: '33.3333333333333333333333333333' }).salePrice.amount).toBe('400.00');
    // A step finer than the cent still ends in whole cents, raised: a store charges 3.999…9 as 4.00.
    expect(
      exact('3', {
        percent: '33.3333333333333333333333333333',
        rounding: { mode: 'up', step: '0.000000000000000000000000000001' },
      }).salePrice.amount,
    ).toBe('4.00');
    const precise = exact('1.2345', { percent: '10' });
    expect(precise.salePrice.amount).toBe('1.36'); // 1.35795 up to the cent
    expect(precise.margin.amount).toBe('0.1255');
  });

  it('sells at cost with no rule', () => {
    expect(priceOffer(input('6.5', { supplierId: 'other', planKey: null }), set([SUPPLIER]))).toEqual({
      salePrice: { amount: '6.50', currency: 'USD' },
      margin: { amount: '0.00', currency: 'USD' },
      marginPercent: '0.0',
      ruleId: null,
      locked: false,
      explanation: 'no rule',
    });
    // A converted cost finer than the cent is sold at the next whole cent: the price a store can charge.
    expect(priceOffer(input('6.1234'), set([])).salePrice.amount).toBe('6.13');
  });

  it('refuses a cost in another currency', () => {
    expect(() => priceOffer(input('1', { cost: { amount: '1', currency: 'EUR' } }), set([ALL]))).toThrow(
      /cost of offer acme\/p1\/s1 is in EUR but the rule set is in USD/,
    );
  });
});

describe('locked prices', () => {
  const planLock: LockedPrice = {
    target: { type: 'plan', planKey: 'jp-5gb-7d' },
    price: { amount: '12', currency: 'USD' },
  };
  const offerLock: LockedPrice = {
    target: { type: 'offer', supplierId: 'acme', productId: 'p1', skuId: 's1', variant: '' },
    price: { amount: '9.5', currency: 'USD' },
    note: 'promo',
  };

  it('an offer lock beats a plan lock, whatever the order', () => {
    expect(priceOffer(input('10'), set([OFFER], [planLock, offerLock])).salePrice.amount).toBe('9.50');
    expect(priceOffer(input('10'), set([OFFER], [offerLock, planLock])).salePrice.amount).toBe('9.50');
    expect(priceOffer(input('10', { skuId: 's2' }), set([OFFER], [offerLock, planLock])).salePrice.amount).toBe(
      '12.00',
    );
  });

  it('is never overwritten by a rule, and reports a negative margin as is', () => {
    const result = priceOffer(input('10'), set([OFFER, PLAN, rule('m', ALL.scope, { minMargin: '5' })], [offerLock]));
    expect(result).toEqual({
      salePrice: { amount: '9.50', currency: 'USD' },
      margin: { amount: '-0.50', currency: 'USD' },
      marginPercent: '-5.3',
      ruleId: null,
      locked: true,
      explanation: 'locked offer price 9.5, below cost (promo)',
    });
  });

  it('does not apply a plan lock to an offer without a plan', () => {
    expect(priceOffer(input('10', { planKey: null }), set([], [planLock])).locked).toBe(false);
  });

  it('throws a clear error for a lock in another currency', () => {
    const euro: LockedPrice = { ...planLock, price: { amount: '12', currency: 'EUR' } };
    expect(() => priceOffer(input('10'), set([], [euro]))).toThrow(
      'locked price for plan jp-5gb-7d is in EUR but the rule set is in USD',
    );
  });
});

describe('repricing many offers and previewChange', () => {
  const inputs = [input('4'), input('10'), input('30'), input('50', { supplierId: 'other', planKey: null })];
  const before = set([rule('all', ALL.scope, { percent: '20' })]);
  const after = set([
    rule('all', ALL.scope, { percent: '20' }),
    rule('acme', SUPPLIER.scope, { percent: '25', costRange: { max: '20' } }),
    rule('acme-dear', SUPPLIER.scope, { percent: '10', costRange: { min: '20' } }),
  ]);

  it('prices every input', () => {
    expect(inputs.map((input) => priceOffer(input, before).salePrice.amount)).toEqual([
      '4.80',
      '12.00',
      '36.00',
      '60.00',
    ]);
    expect(inputs.map((input) => priceOffer(input, after).salePrice.amount)).toEqual([
      '5.00',
      '12.50',
      '33.00',
      '60.00',
    ]);
  });

  it('counts ups and downs, sums the delta, and shows the biggest moves first', () => {
    const preview = previewChange(inputs, before, after);
    expect(preview.changed).toBe(3);
    expect(preview.up).toBe(2);
    expect(preview.down).toBe(1);
    expect(preview.totalDelta).toEqual({ amount: '-2.30', currency: 'USD' }); // 0.20 + 0.50 − 3.00
    expect(preview.examples.map((e) => e.input.cost.amount)).toEqual(['30', '10', '4']);
    expect(preview.examples[0].before.salePrice.amount).toBe('36.00');
    expect(preview.examples[0].after.ruleId).toBe('acme-dear');
    expect(previewChange(inputs, before, after, 1).examples).toHaveLength(1);
  });

  it('reports no change for an identical rule set', () => {
    const preview = previewChange(inputs, before, before);
    expect(preview).toEqual({
      changed: 0,
      up: 0,
      down: 0,
      totalDelta: { amount: '0.00', currency: 'USD' },
      examples: [],
    });
  });
});

describe('parseRuleSet', () => {
  const valid = {
    currency: 'usd',
    rules: [
      {
        id: 'asia',
        name: 'eSIM Asia',
        scope: { type: 'category', supplierId: 'acme', categoryId: 'asia' },
        percent: '25',
        rounding: { mode: 'up', step: '0.1' },
      },
      {
        id: 'cheap',
        scope: { type: 'all' },
        costRange: { max: '5' },
        percent: '40',
        fixed: '0.2',
        minMargin: '1',
        rounding: { mode: 'charm', ending: '.99' },
      },
    ],
    locks: [
      {
        target: { type: 'offer', supplierId: 'acme', productId: 'p1', skuId: 's1', variant: '' },
        price: { amount: '9.99', currency: 'usd' },
        note: 'promo',
      },
    ],
  };

  it('accepts a valid file, upper-cases currencies, defaults empty lists', () => {
    const parsed = parseRuleSet(valid);
    expect(parsed.currency).toBe('USD');
    expect(parsed.locks[0].price.currency).toBe('USD');
    expect(parsed.rules[1].costRange).toEqual({ max: '5' });
    expect(parseRuleSet({ currency: 'EUR' })).toEqual({ currency: 'EUR', rules: [], locks: [] });
  });

  const errorOf = (json: unknown) => {
    try {
      parseRuleSet(json);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected parseRuleSet to throw');
  };
  const withRule = (patch: Record<string, unknown>) => ({
    ...valid,
    rules: [valid.rules[0], { ...valid.rules[1], ...patch }],
  });

  it('names the rule index, id and field', () => {
    expect(errorOf(withRule({ percent: 40 }))).toContain(
      'rules[1] (id "cheap") percent: must be a decimal string such as "12.5" (quoted, so it stays exact), got the number 40',
    );
    expect(errorOf(withRule({ fixed: '1,5' }))).toContain(
      'rules[1] (id "cheap") fixed: must be a decimal string such as "12.5" (quoted, so it stays exact), got "1,5"',
    );
    expect(errorOf(withRule({ scope: { type: 'region' } }))).toContain(
      'rules[1] (id "cheap") scope.type: must be one of "all", "supplier", "category", "plan", "offer"',
    );
    expect(errorOf(withRule({ scope: { type: 'supplier' } }))).toContain(
      'rules[1] (id "cheap") scope.supplierId: is required',
    );
    expect(errorOf(withRule({ rounding: { mode: 'nearest' } }))).toContain(
      'rules[1] (id "cheap") rounding.mode: must be one of "none", "up", "charm"',
    );
    expect(errorOf(withRule({ rounding: { mode: 'up', step: '0' } }))).toContain(
      'rules[1] (id "cheap") rounding.step: must be greater than 0',
    );
    expect(errorOf(withRule({ rounding: { mode: 'charm', ending: '99' } }))).toContain(
      'rounding.ending: must be a fractional ending such as ".99"',
    );
    expect(errorOf(withRule({ costRange: { min: '20', max: '5' } }))).toContain(
      'rules[1] (id "cheap") costRange: min must be below max',
    );
    expect(errorOf(withRule({ percentage: '10' }))).toContain('rules[1] (id "cheap"): unknown field "percentage"');
  });

  it('requires percent or fixed and unique rule ids', () => {
    expect(errorOf(withRule({ percent: undefined, fixed: undefined }))).toContain(
      'rules[1] (id "cheap") percent: give percent or fixed (or both)',
    );
    expect(errorOf(withRule({ id: 'asia' }))).toContain(
      'rules[1] (id "asia") id: id "asia" is already used by rules[0]',
    );
  });

  it('checks locks: currency must match, one lock per target', () => {
    expect(errorOf({ ...valid, locks: [{ ...valid.locks[0], price: { amount: '9.99', currency: 'EUR' } }] })).toContain(
      'locks[0].price.currency: must be the rule set currency USD, got EUR',
    );
    expect(errorOf({ ...valid, locks: [valid.locks[0], valid.locks[0]] })).toContain(
      'locks[1].target: locks the same offer as locks[0]',
    );
  });

  it('reports problems with the file shape and counts them', () => {
    expect(errorOf(null)).toBe('invalid rule set (1 problem):\n  (file): must be an object, got null');
    const message = errorOf({ currency: 'dollars', rules: {} });
    expect(message).toMatch(/^invalid rule set \(2 problems\):/);
    expect(message).toContain('currency: must be a 3-letter currency code such as "USD"');
    expect(message).toContain('rules: must be a list, got an object');
  });
});
