import { describe, expect, it } from 'vitest';
import { seagmCatalogAt, type SimGood } from '../../../../src-main/suppliers/seagm/sim/seed';

const SEED = 7;
const idOf = (good: SimGood) => `${good.family}:${good.family === 'mobile' ? good.item.product_id : good.item.id}`;

describe('SEAGM simulator catalog', () => {
  const catalog = seagmCatalogAt(SEED, 0);

  it('is the same on every call', () => {
    expect(seagmCatalogAt(SEED, 0)).toEqual(catalog);
    expect(seagmCatalogAt(SEED, 3)).toEqual(seagmCatalogAt(SEED, 3));
  });

  it('holds hundreds of goods in all three families, SEAGM currencies and both stock answers', () => {
    const families = new Set(catalog.goods.map((g) => g.family));
    expect(catalog.goods.length).toBeGreaterThan(300);
    expect([...families].sort()).toEqual(['card', 'mobile', 'recharge']);
    const currencies = new Set(catalog.goods.map((g) => g.item.currency));
    for (const currency of ['USD', 'MYR', 'SGD', 'PHP', 'IDR', 'THB']) expect(currencies).toContain(currency);
    const stock = new Set(catalog.goods.flatMap((g) => (g.family === 'card' ? [g.item.has_stock] : [])));
    expect([...stock].sort()).toEqual([false, true]);
    const productTypes = new Set(catalog.goods.flatMap((g) => (g.family === 'mobile' ? [g.item.product_type] : [])));
    expect([...productTypes].sort()).toEqual(['airtime', 'bundle', 'data']);
  });

  it('gives every top-up its input fields, including a select with a child select', () => {
    const topups = catalog.goods.flatMap((g) => (g.family === 'recharge' ? [g.item] : []));
    expect(topups.every((t) => t.fields.length > 0)).toBe(true);
    expect(topups.some((t) => t.fields.some((f) => f.options?.some((o) => o.child?.length)))).toBe(true);
  });

  it('prices consistently: unit price is origin less the discount, whole units for IDR', () => {
    for (const good of catalog.goods) {
      expect(good.item.unit_price).toBeGreaterThan(0);
      expect(good.item.unit_price).toBeLessThanOrEqual(good.item.origin_price);
      if (good.item.currency === 'IDR') expect(Number.isInteger(good.item.unit_price)).toBe(true);
    }
  });

  it('moves between generations: prices, stock, titles, goods gone and new', () => {
    const before = new Map(catalog.goods.map((g) => [idOf(g), g]));
    const later = seagmCatalogAt(SEED, 2);
    const after = new Map(later.goods.map((g) => [idOf(g), g]));
    expect([...before.keys()].some((id) => !after.has(id))).toBe(true);
    expect([...after.keys()].filter((id) => !before.has(id))).toHaveLength(4);
    const common = [...after.entries()].filter(([id]) => before.has(id));
    expect(common.some(([id, g]) => g.item.unit_price !== before.get(id)!.item.unit_price)).toBe(true);
    expect(
      common.some(
        ([id, g]) =>
          g.family === 'card' && g.item.has_stock !== (before.get(id)!.item as { has_stock: boolean }).has_stock,
      ),
    ).toBe(true);
    expect(later.cardCategories).toEqual(catalog.cardCategories);
  });

  it('trims to about `size` goods, keeping every directory', () => {
    const small = seagmCatalogAt(SEED, 0, 100);
    expect(small.goods.length).toBeGreaterThan(60);
    expect(small.goods.length).toBeLessThan(140);
    expect(small.operators).toEqual(catalog.operators);
  });
});
