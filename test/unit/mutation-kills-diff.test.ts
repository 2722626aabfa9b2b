import { describe, expect, it } from 'vitest';
import { diffCatalog, unreadableItems, type OfferSnapshot } from '../../src-main/domain/diff';

// Written against the mutants StrykerJS left alive in diff.ts (`npm run mutation`).
function snap(id: string, amount: string, extra: Partial<OfferSnapshot> = {}): OfferSnapshot {
  return {
    key: `${id}|${id}|`,
    productId: id,
    skuId: id,
    variant: '',
    cost: { amount, currency: 'USD' },
    stock: { status: 'in_stock', quantity: 50 },
    titles: { en: `Plan ${id}` },
    ...extra,
  };
}

describe('diffCatalog: what the merchant is told', () => {
  it('reports a supplier switching currency even when the number is the same (or lower)', () => {
    const switched = diffCatalog(
      [snap('a', '10.00')],
      [snap('a', '10.00', { cost: { amount: '10.00', currency: 'CNY' } })],
    );
    expect(switched.map((c) => c.change)).toEqual(['price_up']);
    expect(switched[0].new).toEqual({ amount: '10.00', currency: 'CNY' });
    const cheaperNumber = diffCatalog(
      [snap('a', '10.00')],
      [snap('a', '1.00', { cost: { amount: '1.00', currency: 'CNY' } })],
    );
    expect(cheaperNumber.map((c) => c.change)).toEqual(['price_up']);
  });

  it('says what an added or removed offer cost, its stock and its titles', () => {
    const [added] = diffCatalog([], [snap('new', '5.00')]);
    expect(added).toMatchObject({ change: 'added', key: 'new|new|', productId: 'new', skuId: 'new', variant: '' });
    expect(added.new).toEqual({
      cost: { amount: '5.00', currency: 'USD' },
      stock: { status: 'in_stock', quantity: 50 },
      titles: { en: 'Plan new' },
    });
    const [removed] = diffCatalog([snap('gone', '9.00')], []);
    expect(removed.change).toBe('removed');
    expect(removed.old).toEqual({
      cost: { amount: '9.00', currency: 'USD' },
      stock: { status: 'in_stock', quantity: 50 },
      titles: { en: 'Plan gone' },
    });
  });

  it('a stock status change at the same count is a stock change', () => {
    const changes = diffCatalog([snap('a', '1')], [snap('a', '1', { stock: { status: 'low', quantity: 50 } })]);
    expect(changes.map((c) => c.change)).toEqual(['stock_changed']);
    expect(changes[0].old).toEqual({ status: 'in_stock', quantity: 50 });
  });

  it('a reworded title, or a dropped translation, is a title change; identical titles are not', () => {
    const reworded = diffCatalog([snap('a', '1')], [snap('a', '1', { titles: { en: 'Plan A (new)' } })]);
    expect(reworded.map((c) => c.change)).toEqual(['title_changed']);
    expect(reworded[0].old).toEqual({ en: 'Plan a' });
    const dropped = diffCatalog([snap('a', '1', { titles: { en: 'Plan a', 'zh-CN': '套餐 a' } })], [snap('a', '1')]);
    expect(dropped.map((c) => c.change)).toEqual(['title_changed']);
    expect(
      diffCatalog(
        [snap('a', '1', { titles: { en: 'x', 'zh-CN': 'y' } })],
        [snap('a', '1', { titles: { 'zh-CN': 'y', en: 'x' } })],
      ),
    ).toEqual([]);
  });

  it('an unreadable SKU keeps only that SKU; the same SKU id under another product is still removed', () => {
    const before = [snap('a', '1', { key: 'a|s1|', skuId: 's1' }), snap('b', '1', { key: 'b|s1|', skuId: 's1' })];
    const changes = diffCatalog(before, [], { unreadable: unreadableItems([{ productId: 'a', skuId: 's1' }]) });
    expect(changes.map((c) => `${c.change}:${c.productId}`)).toEqual(['removed:b']);
    const unreadable = unreadableItems([{ productId: 'a', skuId: 's1' }, { skuId: 'orphan' }]);
    expect([...unreadable.products]).toEqual([]);
    expect([...unreadable.skus]).toEqual(['a\u0001s1']);
  });
});
