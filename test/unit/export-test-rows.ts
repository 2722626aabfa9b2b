import type { GridOffer, PlanRow } from '../../src-shared/grid-types';

// Hand-made grid rows for the export's pure parts: exactly the shape queryGrid returns.

export function gridOffer(overrides: Partial<GridOffer> = {}): GridOffer {
  return {
    supplier: 'cn-shop',
    productId: '101',
    skuId: '1010',
    variant: '',
    kind: 'esim',
    titles: { 'en-US': 'Hong Kong 5GB 7 Days', 'zh-CN': '香港 5GB 7天' },
    cost: { amount: '40.00', currency: 'CNY' },
    converted: { amount: '5.6', currency: 'USD' },
    stock: { status: 'in_stock', quantity: 30 },
    orderable: true,
    categoryId: '11',
    ...overrides,
  };
}

export function planRow(overrides: Partial<PlanRow> = {}): PlanRow {
  const offers = overrides.offers ?? [gridOffer()];
  const first = offers[0];
  return {
    id: 1,
    planKey: 'plan|HK|5120|total|7d',
    kind: 'esim',
    title: 'Hong Kong 5GB 7 Days',
    attributes: {
      type: 'plan',
      countries: ['HK'],
      dataMB: 5120,
      unlimited: false,
      perDay: false,
      days: 7,
      confidence: 1,
    },
    offers,
    best: first
      ? { supplier: first.supplier, productId: first.productId, skuId: first.skuId, variant: first.variant }
      : null,
    second: null,
    bestCost: { amount: '5.6', currency: 'USD' },
    salePrice: { amount: '6.72', currency: 'USD' },
    margin: { amount: '1.12', currency: 'USD' },
    marginPercent: '16.7',
    ruleId: 'all',
    locked: false,
    priceRefused: false,
    changes: ['price_down'],
    ...overrides,
  };
}

/** A row no supplier can deliver: what the grid holds for it (no best offer, so no cost, price or margin). */
export function soldOutRow(overrides: Partial<PlanRow> = {}): PlanRow {
  return planRow({
    offers: [gridOffer({ stock: { status: 'out', quantity: 0 } })],
    best: null,
    bestCost: null,
    salePrice: null,
    margin: null,
    marginPercent: null,
    ruleId: null,
    ...overrides,
  });
}
