import { describe, expect, it } from 'vitest';
import { offerKey, offerProblem, stockFromQuantity, supplierOfferKey, type Offer } from '../../src-main/domain/offer';
import { offerProblemText } from '../../src-shared/skipped-text';
import { inEnglish } from '../helpers/in-english';

// Written against the mutants StrykerJS left alive in offer.ts (`npm run mutation`): offerProblem is the gate every
// supplier's offers pass on arrival, so each refusal below is an offer that must never be priced, exported or ordered.
function offer(overrides: Partial<Offer> = {}): Offer {
  return {
    productId: 'p1',
    skuId: 's1',
    variant: '',
    kind: 'esim',
    titles: { en: 'Japan 5 GB' },
    category: null,
    cost: { amount: '4.50', currency: 'USD' },
    retailPrice: null,
    originalPrice: null,
    stock: { status: 'in_stock', quantity: 50 },
    minQuantity: null,
    maxQuantity: null,
    fulfillment: { mode: 'auto', inputFields: [] },
    images: [],
    plan: {},
    orderable: true,
    raw: null,
    ...overrides,
  };
}

describe('offerProblem: what may enter the catalog', () => {
  /** The problem as the Sync screen says it in English. */
  const problemOf = (candidate: Offer) => {
    const problem = offerProblem(candidate);
    return problem && inEnglish(offerProblemText(problem));
  };

  it('accepts a complete offer, with or without list prices', () => {
    expect(problemOf(offer())).toBeNull();
    expect(
      offerProblem(
        offer({ retailPrice: { amount: '6.00', currency: 'USD' }, originalPrice: { amount: '7', currency: 'CNY' } }),
      ),
    ).toBeNull();
    expect(problemOf(offer({ stock: { status: 'unlimited', quantity: null } }))).toBeNull();
    expect(problemOf(offer({ stock: { status: 'out', quantity: 0 } }))).toBeNull();
  });

  it('refuses an offer without a product id', () => {
    expect(problemOf(offer({ productId: '' }))).toBe('no product id');
  });

  it('refuses a cost that is not a plain decimal, or in a currency that is not ISO 4217', () => {
    expect(problemOf(offer({ cost: { amount: '4,50', currency: 'USD' } }))).toBe('cost "4,50" is not a decimal amount');
    expect(problemOf(offer({ cost: { amount: 4.5 as unknown as string, currency: 'USD' } }))).toBe(
      'cost 4.5 is not a decimal amount',
    );
    expect(problemOf(offer({ cost: { amount: '4.50', currency: 'USDT' } }))).toBe(
      'cost currency "USDT" is not an ISO 4217 code',
    );
  });

  it('refuses a cost of zero or below: it would be sold and ordered as if real', () => {
    expect(problemOf(offer({ cost: { amount: '0.00', currency: 'USD' } }))).toBe('cost 0.00 USD is not above zero');
    expect(problemOf(offer({ cost: { amount: '-1', currency: 'USD' } }))).toBe('cost -1 USD is not above zero');
    expect(problemOf(offer({ cost: { amount: '0.01', currency: 'USD' } }))).toBeNull();
  });

  it('refuses a malformed retail or original price instead of exporting it', () => {
    expect(problemOf(offer({ retailPrice: { amount: 'n/a', currency: 'USD' } }))).toBe(
      'retail price "n/a" is not a decimal amount',
    );
    expect(problemOf(offer({ originalPrice: { amount: '9', currency: 'rmb' } }))).toBe(
      'original price currency "rmb" is not an ISO 4217 code',
    );
  });

  it("refuses a quantity tier's price that is not a decimal, or not in the cost's currency, naming the tier", () => {
    const tier = (amount: string, currency: string) => ({
      quantityTiers: [{ minQuantity: 5, unitPrice: { amount, currency } }],
    });
    expect(problemOf(offer(tier('4,00', 'USD')))).toBe('price from 5 "4,00" is not a decimal amount');
    expect(problemOf(offer(tier('4.00', 'EUR')))).toBe('price from 5 is in EUR, the cost in USD');
    expect(problemOf(offer(tier('4.00', 'USD')))).toBeNull();
  });

  it('needs a non-blank title in at least one language', () => {
    expect(problemOf(offer({ titles: {} }))).toBe('no title in any language');
    expect(problemOf(offer({ titles: { en: '   ', 'zh-CN': '' } }))).toBe('no title in any language');
    expect(problemOf(offer({ titles: { en: 42 as unknown as string } }))).toBe('no title in any language');
    expect(problemOf(offer({ titles: { en: ' ', 'zh-CN': '日本 5 GB' } }))).toBeNull();
  });

  it('refuses an unknown stock state and a quantity that is not a whole number of items', () => {
    expect(problemOf(offer({ stock: { status: 'plenty' as Offer['stock']['status'], quantity: 5 } }))).toBe(
      'unknown stock status "plenty"',
    );
    expect(problemOf(offer({ stock: { status: 'low', quantity: 2.5 } }))).toBe(
      'stock quantity 2.5 is not a whole number of items',
    );
    expect(problemOf(offer({ stock: { status: 'low', quantity: -1 } }))).toBe(
      'stock quantity -1 is not a whole number of items',
    );
  });
});

describe('stockFromQuantity: the common stock scale', () => {
  it('maps negative to unlimited, 0 to out, up to 20 to low, above to in stock', () => {
    expect(stockFromQuantity(-1)).toEqual({ status: 'unlimited', quantity: null });
    expect(stockFromQuantity(0)).toEqual({ status: 'out', quantity: 0 });
    expect(stockFromQuantity(1)).toEqual({ status: 'low', quantity: 1 });
    expect(stockFromQuantity(20)).toEqual({ status: 'low', quantity: 20 });
    expect(stockFromQuantity(21)).toEqual({ status: 'in_stock', quantity: 21 });
  });
});

describe('offer keys', () => {
  it('a "|" or separator inside an id cannot make two offers share a key', () => {
    expect(supplierOfferKey({ supplier: 'acme', productId: 'a|b', skuId: 'c', variant: '' })).toBe('acme|a%7Cb|c|');
    expect(supplierOfferKey({ supplier: 'acme', productId: 'a', skuId: 'b|c', variant: '' })).not.toBe(
      supplierOfferKey({ supplier: 'acme', productId: 'a|b', skuId: 'c', variant: '' }),
    );
    expect(offerKey({ productId: 'p', skuId: 's', variant: 'v' })).toBe('p\u0001s\u0001v');
  });
});
