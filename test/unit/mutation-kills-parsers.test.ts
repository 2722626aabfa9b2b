import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Offer } from '../../src-main/domain/offer';
import { decimalAmount, decimalFrom, isoCurrency } from '../../src-main/suppliers/shared/decimal-schema';
import { mapPageItems } from '../../src-main/suppliers/shared/validate-items';
import { inEnglish, inEnglishMatching, skippedInEnglish } from '../helpers/in-english';

// Written against the mutants StrykerJS left alive in the shared parser code (`npm run mutation`): every supplier's
// page goes through mapPageItems, every amount and currency through decimal-schema.
const itemSchema = z.object({ id: z.union([z.string(), z.number()]), cost: decimalAmount, currency: isoCurrency });
type Item = z.infer<typeof itemSchema>;

function offerOf(item: Item, overrides: Partial<Offer> = {}): Offer {
  return {
    productId: String(item.id),
    skuId: 'sku',
    variant: '',
    kind: 'esim',
    titles: { en: 'Plan' },
    category: null,
    cost: { amount: item.cost, currency: item.currency },
    retailPrice: null,
    originalPrice: null,
    stock: { status: 'in_stock', quantity: 50 },
    minQuantity: null,
    maxQuantity: null,
    fulfillment: { mode: 'auto', inputFields: [] },
    images: [],
    plan: {},
    orderable: true,
    raw: item,
    ...overrides,
  };
}

const good = (id: number) => ({ id, cost: '4.50', currency: 'usd' });
const describeAt = (_raw: unknown, index: number) => `page 1, item ${index}`;
const page = (
  items: unknown[],
  map: (item: Item) => Offer[] = (item) => [offerOf(item)],
  identify?: Parameters<typeof mapPageItems>[4],
) => mapPageItems(items, itemSchema, map, describeAt, identify);

describe('shared amount and currency schemas', () => {
  it('keeps the amount as written and refuses what is not one, saying so', () => {
    expect(decimalAmount.parse(' 6.50 ')).toBe('6.50');
    expect(decimalAmount.parse(6.5)).toBe('6.5');
    expect(inEnglish(decimalAmount.safeParse('6,50').error?.issues[0].message)).toBe('not a decimal amount: "6,50"');
    expect(inEnglish(decimalFrom(z.string()).safeParse('free').error?.issues[0].message)).toBe(
      'not a decimal amount: "free"',
    );
    expect(decimalFrom(z.string()).parse('0.10')).toBe('0.10');
  });

  it('upper-cases a real currency and refuses markup or an invented code', () => {
    expect(isoCurrency.parse(' cny ')).toBe('CNY');
    expect(inEnglish(isoCurrency.safeParse('USDT').error?.issues[0].message)).toBe(
      'not an ISO 4217 currency code: "USDT"',
    );
    expect(isoCurrency.safeParse('<b>USD</b>').success).toBe(false);
  });
});

describe('mapPageItems: skip a bad item, fail a broken page', () => {
  it('skips a bad item with its reason and product id, and keeps the good ones', () => {
    const result = page([good(1), good(2), { id: 3, cost: 'n/a', currency: 'USD' }]);
    expect(result.offers.map((offer) => offer.productId)).toEqual(['1', '2']);
    expect(skippedInEnglish(result.skipped)).toEqual([
      { where: 'page 1, item 2', reason: 'field cost: not a decimal amount: "n/a"', productId: '3' },
    ]);
  });

  it('half the page bad is still a page; more than half bad fails the fetch', () => {
    const half = page([good(1), { id: 2, cost: 'x', currency: 'USD' }]);
    expect(half.offers).toHaveLength(1);
    expect(() => page([good(1), { id: 2, cost: 'x', currency: 'USD' }, { id: 3, cost: 'y', currency: 'USD' }])).toThrow(
      inEnglishMatching(
        /^2 of 3 items on one page are malformed \(first: page 1, item 1: field cost: not a decimal amount: "x"\)$/,
      ),
    );
    expect(page([])).toEqual({ offers: [], skipped: [] });
  });

  it('an item whose every offer fails the offer rules counts as bad; one that maps to no offers does not', () => {
    const zeroCost = (item: Item) => [offerOf(item, { cost: { amount: '0', currency: 'USD' } })];
    expect(() => page([good(1), good(2)], zeroCost)).toThrow(inEnglishMatching(/2 of 2 items/));
    const empty = page([good(1), good(2)], () => []);
    expect(empty).toEqual({ offers: [], skipped: [] });
    const oneOfTwoBad = page([good(1)], (item) => [
      offerOf(item),
      offerOf(item, { skuId: 'b', variant: 'x', titles: {} }),
    ]);
    expect(oneOfTwoBad.offers).toHaveLength(1);
    expect(skippedInEnglish(oneOfTwoBad.skipped)).toEqual([
      { where: 'page 1, item 0, SKU b x', reason: 'no title in any language', productId: '1', skuId: 'b' },
    ]);
  });

  it('a mapper that throws skips the item with the error as the reason', () => {
    const result = page([good(1), good(2), good(3)], (item) => {
      if (item.id === 2) throw new Error('F003 gives no price for this sku');
      return [offerOf(item)];
    });
    expect(result.skipped).toEqual([
      { where: 'page 1, item 1', reason: 'F003 gives no price for this sku', productId: '2' },
    ]);
  });

  it('names the product (and SKU) of a bad item only when the id is text or a number', () => {
    const bad = { cost: 'x', currency: 'USD' };
    expect(page([good(1), good(2), { ...bad, id: 'p9' }]).skipped[0]).toMatchObject({ productId: 'p9' });
    expect(page([good(1), good(2), { ...bad, skuId: 7 }]).skipped[0]).toMatchObject({ productId: '7' });
    expect(page([good(1), good(2), { ...bad, id: { nested: true } }]).skipped[0]).not.toHaveProperty('productId');
    expect(page([good(1), good(2), 'junk']).skipped[0]).not.toHaveProperty('productId');
    const withSku = page([good(1), good(2), { ...bad, id: 'p9' }], undefined, (raw) => ({
      productId: (raw as { id: unknown }).id,
      skuId: 's9',
    }));
    expect(withSku.skipped[0]).toMatchObject({ productId: 'p9', skuId: 's9' });
    const noSku = page([good(1), good(2), { ...bad, id: 'p9' }], undefined, (raw) => ({
      productId: (raw as { id: unknown }).id,
    }));
    expect(noSku.skipped[0]).not.toHaveProperty('skuId');
    const throwing = page([good(1), good(2), { ...bad, id: 'p9' }], undefined, () => {
      throw new Error('unreadable');
    });
    expect(throwing.skipped[0]).not.toHaveProperty('productId');
  });

  it('lists at most three problems of one item, separated so a merchant can read them', () => {
    const result = page([good(1), good(2), { nope: true }]);
    expect(result.skipped[0].reason.split('; ')).toHaveLength(3);
    expect(inEnglish(result.skipped[0].reason)).toBe('field id: missing; field cost: missing; field currency: missing');
  });
});
