import type { PricingInput } from '../../src-main/domain/pricing/price';

/** An offer to price: one plan of one supplier, costing `amount` in `currency`. */
export function pricingInput(amount: string, currency: string, overrides: Partial<PricingInput> = {}): PricingInput {
  return {
    cost: { amount, currency },
    supplierId: 'acme',
    categoryId: null,
    planKey: 'plan',
    productId: 'p',
    skuId: 's',
    variant: '',
    ...overrides,
  };
}
