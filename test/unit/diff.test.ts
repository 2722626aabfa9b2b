import { describe, expect, it } from 'vitest';
import { diffCatalog, unreadableItems, type OfferSnapshot } from '../../src-main/domain/diff';

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

describe('diffCatalog', () => {
  it('reports every kind of change with old and new values', () => {
    const before = [snap('a', '1.00'), snap('b', '2.00'), snap('c', '3.00'), snap('d', '4.00'), snap('gone', '9.00')];
    const after = [
      snap('a', '1.10'),
      snap('b', '1.90'),
      snap('c', '3.00', { stock: { status: 'low', quantity: 3 } }),
      snap('d', '4.00', { titles: { en: 'Plan d', 'zh-CN': '套餐 d' } }),
      snap('new', '5.00'),
    ];
    const changes = diffCatalog(before, after);
    const byKind = Object.fromEntries(changes.map((c) => [`${c.change}:${c.productId}`, c]));
    expect(Object.keys(byKind).sort()).toEqual([
      'added:new',
      'price_down:b',
      'price_up:a',
      'removed:gone',
      'stock_changed:c',
      'title_changed:d',
    ]);
    expect(byKind['price_up:a'].old).toEqual({ amount: '1.00', currency: 'USD' });
    expect(byKind['price_up:a'].new).toEqual({ amount: '1.10', currency: 'USD' });
    expect(byKind['stock_changed:c'].new).toEqual({ status: 'low', quantity: 3 });
    expect(byKind['title_changed:d'].new).toEqual({ en: 'Plan d', 'zh-CN': '套餐 d' });
    expect(byKind['removed:gone'].new).toBeNull();
    expect(byKind['added:new'].old).toBeNull();
  });

  it('sees no change when only the written scale of a price differs', () => {
    expect(diffCatalog([snap('a', '6.5')], [snap('a', '6.50')])).toEqual([]);
  });

  it('reports one offer with several changes once per kind', () => {
    const changes = diffCatalog(
      [snap('a', '1.00')],
      [snap('a', '2.00', { stock: { status: 'out', quantity: 0 }, titles: { en: 'x' } })],
    );
    expect(changes.map((c) => c.change).sort()).toEqual(['price_up', 'stock_changed', 'title_changed']);
  });

  it('treats a stock count change within the same status as a stock change', () => {
    const changes = diffCatalog([snap('a', '1')], [snap('a', '1', { stock: { status: 'in_stock', quantity: 49 } })]);
    expect(changes.map((c) => c.change)).toEqual(['stock_changed']);
  });

  it('never reports an unreadable product (or SKU) removed, and still diffs its siblings that arrived', () => {
    const before = [
      snap('a', '1'),
      snap('b', '2'),
      { ...snap('c', '3'), key: 'c|c1|', skuId: 'c1' },
      { ...snap('c', '3'), key: 'c|c2|', skuId: 'c2' },
    ];
    const unreadable = unreadableItems([{ productId: 'a' }, { productId: 'c', skuId: 'c1' }, {}]);
    const changes = diffCatalog(before, [snap('b', '2.5')], { unreadable });
    expect(changes.map((c) => `${c.change}:${c.productId}/${c.skuId}`).sort()).toEqual([
      'price_up:b/b',
      'removed:c/c2',
    ]);
  });
});
