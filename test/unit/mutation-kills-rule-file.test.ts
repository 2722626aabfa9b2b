import { describe, expect, it } from 'vitest';
import { previewChange, type PricingInput } from '../../src-main/domain/pricing/price';
import { parseRuleSet } from '../../src-main/domain/pricing/schema';

// Written against the mutants StrykerJS left alive in pricing/schema.ts and price.ts (`npm run mutation`).
const valid = {
  currency: 'usd',
  rules: [{ id: 'cheap', scope: { type: 'all' }, percent: '40', rounding: { mode: 'none' } }],
  locks: [],
};

function errorOf(json: unknown): string {
  try {
    parseRuleSet(json);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected parseRuleSet to throw');
}

describe('rule file: boundaries a merchant can trip on', () => {
  it('a cost band whose min equals its max matches no cost, so it is refused', () => {
    expect(errorOf({ ...valid, rules: [{ ...valid.rules[0], costRange: { min: '5', max: '5.00' } }] })).toContain(
      'costRange: min must be below max',
    );
    expect(
      parseRuleSet({ ...valid, rules: [{ ...valid.rules[0], costRange: { min: '5', max: '5.01' } }] }).rules[0]
        .costRange,
    ).toEqual({ min: '5', max: '5.01' });
  });

  it('a missing amount says "is required", not a type error', () => {
    expect(
      errorOf({ ...valid, locks: [{ target: { type: 'plan', planKey: 'jp' }, price: { currency: 'USD' } }] }),
    ).toContain('locks[0].price.amount: is required');
  });

  it('lists at most ten problems and says how many more there are', () => {
    const rules = Array.from({ length: 12 }, (_, index) => ({ ...valid.rules[0], id: `r${index}`, percent: 'x' }));
    const message = errorOf({ ...valid, rules });
    expect(message).toMatch(/^invalid rule set \(12 problems\):/);
    expect(message).toContain('rules[9] (id "r9") percent');
    expect(message).not.toContain('rules[10] (id "r10")');
    expect(message).toContain('… and 2 more');
    const ten = errorOf({ ...valid, rules: rules.slice(0, 10) });
    expect(ten).not.toContain('more');
  });

  it('names a rule without an id by its index only, and describes a list where a decimal belongs', () => {
    expect(errorOf({ ...valid, rules: [{ ...valid.rules[0], id: '' }] })).toContain('rules[0].id: must not be empty');
    expect(errorOf({ ...valid, rules: [{ ...valid.rules[0], percent: ['10'] }] })).toContain(
      'percent: must be a decimal string such as "12.5" (quoted, so it stays exact), got a list',
    );
  });
});

describe('price preview: refusals on both sides', () => {
  it('an offer neither rule set can price is not counted as newly refused', () => {
    const giveaway = {
      currency: 'USD',
      rules: [{ id: 'g', scope: { type: 'all' as const }, percent: '-100', rounding: { mode: 'none' as const } }],
      locks: [],
    };
    const inputs: PricingInput[] = [
      {
        cost: { amount: '10', currency: 'USD' },
        supplierId: 'acme',
        categoryId: null,
        planKey: null,
        productId: 'p1',
        skuId: 's1',
        variant: '',
      },
    ];
    expect(previewChange(inputs, giveaway, giveaway)).toEqual({
      changed: 0,
      up: 0,
      down: 0,
      totalDelta: { amount: '0.00', currency: 'USD' },
      examples: [],
    });
  });
});
