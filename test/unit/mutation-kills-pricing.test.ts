import { describe, expect, it } from 'vitest';
import {
  PriceRefusedError,
  previewChange,
  priceOffer,
  priceUnlessRefused,
  selectRule,
  type PricingInput,
} from '../../src-main/domain/pricing/price';
import { applyRounding, describeRounding } from '../../src-main/domain/pricing/rounding';
import type { LockedPrice, MarkupRule, RuleSet } from '../../src-main/domain/pricing/rules';

// Written against the mutants StrykerJS left alive in pricing/ (`npm run mutation`): which rule or lock prices which
// offer, what the preview counts, and what the merchant reads in an explanation or an error.
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
const offerLock = (price: string, extra: Partial<LockedPrice> = {}): LockedPrice => ({
  target: { type: 'offer', supplierId: 'acme', productId: 'p1', skuId: 's1', variant: '' },
  price: { amount: price, currency: 'USD' },
  ...extra,
});
const planLock = (price: string): LockedPrice => ({
  target: { type: 'plan', planKey: 'jp-5gb-7d' },
  price: { amount: price, currency: 'USD' },
});

describe('a scoped rule applies only to what it names', () => {
  it('a category rule needs the same category, not just the same supplier', () => {
    const category = rule('cat', { type: 'category', supplierId: 'acme', categoryId: 'asia' });
    expect(selectRule(input('10', { categoryId: 'europe' }), [ALL, category])?.id).toBe('all');
    expect(selectRule(input('10', { categoryId: null }), [ALL, category])?.id).toBe('all');
  });

  it('a plan rule needs the same plan; an offer outside any plan never gets it', () => {
    const plan = rule('plan', { type: 'plan', planKey: 'jp-5gb-7d' });
    expect(selectRule(input('10', { planKey: 'kr-5gb-7d' }), [ALL, plan])?.id).toBe('all');
    expect(
      selectRule(input('10', { planKey: null }), [
        ALL,
        rule('plan-null', { type: 'plan', planKey: null as unknown as string }),
      ])?.id,
    ).toBe('all');
  });

  it('an offer rule needs the same product and SKU', () => {
    const offer = rule('offer', { type: 'offer', supplierId: 'acme', productId: 'p1', skuId: 's1', variant: '' });
    expect(selectRule(input('10', { productId: 'p2' }), [ALL, offer])?.id).toBe('all');
    expect(selectRule(input('10', { skuId: 's2' }), [ALL, offer])?.id).toBe('all');
  });
});

describe('a locked price applies only to what it names', () => {
  it('an offer lock does not price another supplier, product, SKU or variant', () => {
    const rules = set([ALL], [offerLock('99.00')]);
    for (const other of [{ supplierId: 'other' }, { productId: 'p2' }, { skuId: 's2' }, { variant: 'esim' }]) {
      const priced = priceOffer(input('10', { ...other, planKey: null }), rules);
      expect(priced).toMatchObject({ locked: false, ruleId: 'all', salePrice: { amount: '11.00' } });
    }
  });

  it('a plan lock does not price another plan, nor an offer without a plan', () => {
    const rules = set([ALL], [planLock('50')]);
    expect(priceOffer(input('10'), rules)).toMatchObject({ locked: true, salePrice: { amount: '50.00' } });
    expect(priceOffer(input('10', { planKey: 'kr-5gb-7d' }), rules).locked).toBe(false);
    expect(priceOffer(input('10', { planKey: null }), rules).locked).toBe(false);
  });

  it('says when a lock sells below cost and repeats the merchant note', () => {
    expect(priceOffer(input('10'), set([], [offerLock('8', { note: 'clearance' })])).explanation).toBe(
      'locked offer price 8, below cost (clearance)',
    );
    expect(priceOffer(input('10'), set([], [offerLock('12')])).explanation).toBe('locked offer price 12');
  });

  it('names the plan in the error for a plan lock in the wrong currency', () => {
    const wrong = set([], [{ ...planLock('5'), price: { amount: '5', currency: 'EUR' } }]);
    expect(() => priceOffer(input('10'), wrong)).toThrow(/locked price for plan jp-5gb-7d is in EUR/);
    const wrongOffer = set(
      [],
      [
        {
          ...offerLock('5'),
          target: { type: 'offer', supplierId: 'acme', productId: 'p1', skuId: 's1', variant: 'v2' },
          price: { amount: '5', currency: 'EUR' },
        },
      ],
    );
    expect(() => priceOffer(input('10', { variant: 'v2' }), wrongOffer)).toThrow(
      /locked price for offer acme\/p1\/s1\/v2 is in EUR/,
    );
  });
});

describe('the explanation a merchant reads', () => {
  it('says "at cost" for a rule that only rounds, and describes one-sided and two-sided cost bands', () => {
    const roundOnly: MarkupRule = { id: 'r', scope: { type: 'all' }, rounding: { mode: 'up', step: '1' } };
    expect(priceOffer(input('10.20'), set([roundOnly])).explanation).toBe("all rule 'r': at cost then up to 1");
    expect(
      priceOffer(input('10'), set([rule('band', { type: 'all' }, { costRange: { min: '5', max: '20' } })])).explanation,
    ).toBe("all rule 'band' (cost 5 to under 20): +10%");
    expect(
      priceOffer(input('10'), set([rule('floor', { type: 'all' }, { costRange: { min: '5' } })])).explanation,
    ).toBe("all rule 'floor' (cost 5 and up): +10%");
    expect(priceOffer(input('10'), set([rule('cap', { type: 'all' }, { costRange: { max: '20' } })])).explanation).toBe(
      "all rule 'cap' (cost under 20): +10%",
    );
    expect(priceOffer(input('10'), set([rule('empty', { type: 'all' }, { costRange: {} })])).explanation).toBe(
      "all rule 'empty': +10%",
    );
  });

  it('writes a charm ending the same with or without its leading zero', () => {
    expect(describeRounding({ mode: 'charm', ending: '0.99' })).toBe('charm .99');
    expect(describeRounding({ mode: 'charm', ending: '.49' })).toBe('charm .49');
    expect(describeRounding(none)).toBe('to the cent');
  });

  it('refuses an ending with anything after the digits', () => {
    expect(() => applyRounding('10', { mode: 'charm', ending: '.99x' })).toThrow(/fraction such as ".99"/);
  });

  it('names the field and rule of a malformed number in the rule set', () => {
    expect(() => priceOffer(input('10'), set([rule('r1', { type: 'all' }, { percent: '1,5' })]))).toThrow(
      /percent of rule 'r1' is not a decimal/,
    );
    expect(() => priceOffer(input('10'), set([rule('r1', { type: 'all' }, { fixed: 'x' })]))).toThrow(
      /fixed of rule 'r1' is not a decimal/,
    );
    expect(() => priceOffer(input('10'), set([rule('r1', { type: 'all' }, { minMargin: 'x' })]))).toThrow(
      /minMargin of rule 'r1' is not a decimal/,
    );
    expect(() => selectRule(input('10'), [rule('r1', { type: 'all' }, { costRange: { min: 'x' } })])).toThrow(
      /costRange.min of rule 'r1'/,
    );
    expect(() => selectRule(input('10'), [rule('r1', { type: 'all' }, { costRange: { max: 'x' } })])).toThrow(
      /costRange.max of rule 'r1'/,
    );
    expect(() => priceOffer(input('ten'), set([]))).toThrow(/cost of offer acme\/p1\/s1 is not a decimal/);
    expect(() => priceOffer(input('10'), set([], [offerLock('nine')]))).toThrow(
      /locked price for offer acme\/p1\/s1 is not a decimal/,
    );
    expect(() => applyRounding('10', { mode: 'up', step: 'x' })).toThrow(/rounding step is not a decimal/);
  });
});

describe('refusals', () => {
  it('only a refusal becomes "no price"; a currency mistake still fails loudly', () => {
    expect(() => priceUnlessRefused(input('10', { cost: { amount: '10', currency: 'EUR' } }), set([ALL]))).toThrow(
      /convert costs before pricing/,
    );
    const error = (() => {
      try {
        priceOffer(input('0'), set([]));
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(PriceRefusedError);
    expect(error?.name).toBe('PriceRefusedError');
  });

  it('the preview counts offers the new rules would leave unpriced, and skips offers the old rules could not price', () => {
    const inputs = [input('10'), input('20', { productId: 'p2' })];
    const before = set([ALL]);
    const giveaway = set([rule('giveaway', { type: 'all' }, { percent: '-100' })]);
    const refusedPreview = previewChange(inputs, before, giveaway);
    expect(refusedPreview).toMatchObject({
      changed: 0,
      refused: 2,
      up: 0,
      down: 0,
      totalDelta: { amount: '0.00' },
      examples: [],
    });
    const restored = previewChange(inputs, giveaway, before);
    expect(restored).toEqual({
      changed: 0,
      up: 0,
      down: 0,
      totalDelta: { amount: '0.00', currency: 'USD' },
      examples: [],
    });
  });
});
