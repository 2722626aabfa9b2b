import { describe, expect, it } from 'vitest';
import type { LockedPrice, MarkupRule } from '../../src-main/domain/pricing/rules';
import { namedScopes, scopeNameKey } from '../../src-main/domain/pricing/scope-names';

const none = { mode: 'none' } as const;
const rule = (id: string, scope: MarkupRule['scope']): MarkupRule => ({ id, scope, percent: '10', rounding: none });
const lock = (target: LockedPrice['target']): LockedPrice => ({ target, price: { amount: '1', currency: 'USD' } });

describe('scope names: the keys plans, offers and categories are named by', () => {
  it('gives plans, offers and categories keys of their own, and none to scopes the screen names itself', () => {
    expect(scopeNameKey({ type: 'all' })).toBeNull();
    expect(scopeNameKey({ type: 'supplier', supplierId: 'demo-mesim' })).toBeNull();
    const keys = [
      scopeNameKey({ type: 'plan', planKey: 'plan|JP|3072|total|30d' }),
      scopeNameKey({ type: 'offer', supplierId: 'a', productId: 'b|c', skuId: 'd', variant: '' }),
      // The same characters split differently: a "|" inside an id must not make two offers one.
      scopeNameKey({ type: 'offer', supplierId: 'a', productId: 'b', skuId: 'c|d', variant: '' }),
      scopeNameKey({ type: 'category', supplierId: 'a|b', categoryId: 'c' }),
      scopeNameKey({ type: 'category', supplierId: 'a', categoryId: 'b|c' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((key) => typeof key === 'string')).toBe(true);
  });

  it('collects each named scope of the rules and locks once', () => {
    const offer = { type: 'offer' as const, supplierId: 'demo-mesim', productId: '152', skuId: '152', variant: '' };
    const plan = { type: 'plan' as const, planKey: 'plan|VN|3072|total|10d' };
    const scopes = namedScopes({
      rules: [
        rule('all', { type: 'all' }),
        rule('plan', plan),
        rule('offer', offer),
        rule('sup', { type: 'supplier', supplierId: 'x' }),
      ],
      locks: [lock({ ...offer }), lock({ type: 'plan', planKey: 'plan|US|5120|total|5d' })],
    });
    expect(scopes).toEqual([plan, offer, { type: 'plan', planKey: 'plan|US|5120|total|5d' }]);
  });
});
