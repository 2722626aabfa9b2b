import type { Offer, PlanFacts } from '../../src-main/domain/offer';

/** An in-stock eSIM offer at 5.00 USD with these titles and plan facts, as a sync would commit it. */
export function planOffer(productId: string, titles: Record<string, string>, plan: PlanFacts = {}): Offer {
  return {
    productId,
    skuId: productId,
    variant: '',
    kind: 'esim',
    titles,
    category: null,
    cost: { amount: '5.00', currency: 'USD' },
    retailPrice: null,
    originalPrice: null,
    stock: { status: 'in_stock', quantity: 5 },
    minQuantity: null,
    maxQuantity: null,
    fulfillment: { mode: 'auto', inputFields: [] },
    images: [],
    plan,
    orderable: true,
    raw: null,
  };
}
