import { isDecimalString, isIsoCurrency, isPositiveDecimalString, type Money } from './money';
import type { QuantityTier } from './quantity-tiers';

/** What kind of thing a merchant is buying. */
export type OfferKind = 'esim' | 'data_plan' | 'card' | 'direct_topup' | 'mobile_recharge' | 'other';
export const OFFER_KINDS: readonly OfferKind[] = [
  'esim',
  'data_plan',
  'card',
  'direct_topup',
  'mobile_recharge',
  'other',
];

/** Every supplier's stock reported on one scale. `quantity` is null when the upstream does not say. */
export type StockStatus = 'unlimited' | 'in_stock' | 'low' | 'out' | 'unknown';
export const STOCK_STATUSES: readonly StockStatus[] = ['unlimited', 'in_stock', 'low', 'out', 'unknown'];
export interface Stock {
  status: StockStatus;
  quantity: number | null;
}

/** Locale tag as the upstream gave it (zh-CN, en-US, en, …) → text. */
export type LocalizedText = Record<string, string>;

export interface CategoryRef {
  id: string;
  /** Root first; each level keeps every locale the upstream gave. */
  path: Array<{ id: string; names: LocalizedText }>;
}

export interface BuyerInputField {
  key: string;
  label: LocalizedText;
  required: boolean;
  /** Free-form hint from the upstream (type, options, regex); kept as given. */
  detail?: unknown;
}

export interface Fulfillment {
  mode: 'auto' | 'manual';
  inputFields: BuyerInputField[];
}

/**
 * Structured plan facts a supplier publishes in dedicated fields (not parsed from titles).
 * The matcher trusts these over anything it reads from a title.
 */
export interface PlanFacts {
  countries?: string[];
  dataMB?: number | null;
  unlimited?: boolean;
  perDay?: boolean;
  days?: number | null;
  faceValue?: Money | null;
}

/**
 * One purchasable variant from one supplier connection: the common model every adapter maps into. Never changed once
 * made: offers share parts (a product's images, a category's ref) and staging serializes each shared part once.
 */
export interface Offer {
  productId: string;
  skuId: string;
  /** Distinguishes several offers from one upstream SKU (e.g. a price row per number of copies); '' when none. */
  variant: string;
  kind: OfferKind;
  titles: LocalizedText;
  category: CategoryRef | null;
  cost: Money;
  /** Upstream's suggested retail / list price, when it publishes one. */
  retailPrice: Money | null;
  originalPrice: Money | null;
  stock: Stock;
  minQuantity: number | null;
  maxQuantity: number | null;
  fulfillment: Fulfillment;
  images: string[];
  plan: PlanFacts;
  /** False for goods we keep in the catalog but cannot order through the API (e.g. a physical SIM type). */
  orderable: boolean;
  /** Lower unit prices from a minimum quantity on, sorted by threshold; absent when the supplier publishes none. */
  quantityTiers?: QuantityTier[];
  raw: unknown;
}

export function offerKey(offer: Pick<Offer, 'productId' | 'skuId' | 'variant'>): string {
  return `${offer.productId}\u0001${offer.skuId}\u0001${offer.variant}`;
}

/**
 * One offer of one supplier connection as a single string: "supplier|productId|skuId|variant", each part
 * URI-encoded so a "|" inside an id cannot make two offers share a key. Used by main (history maps) and the
 * renderer (lookups, element attributes) alike.
 */
export function supplierOfferKey(ref: { supplier: string; productId: string; skuId: string; variant: string }): string {
  // Concatenated rather than mapped and joined: a grid refresh builds one per member, tens of thousands of them.
  const part = encodeURIComponent;
  return `${part(ref.supplier)}|${part(ref.productId)}|${part(ref.skuId)}|${part(ref.variant)}`;
}

/** Maps an explicit upstream quantity onto the common stock scale (thresholds from the Dujiao-Next contract). */
export function stockFromQuantity(quantity: number): Stock {
  if (quantity < 0) return { status: 'unlimited', quantity: null };
  if (quantity === 0) return { status: 'out', quantity: 0 };
  if (quantity <= 20) return { status: 'low', quantity };
  return { status: 'in_stock', quantity };
}

/** Which amount of an offer a problem is about: its cost, retail or original price, or a quantity tier's price. */
export type OfferAmount = 'cost' | 'retail' | 'original' | 'tier';

/**
 * Why an offer cannot be stored, as a code and its parameters (the supplier's values, as text): worded by the renderer
 * (`offer.*` in its problems dictionary), like an activation code's problem.
 */
export interface OfferProblem {
  code:
    | 'noProductId'
    | 'notDecimal'
    | 'notCurrency'
    | 'costNotPositive'
    | 'tierCurrency'
    | 'noTitle'
    | 'stockStatus'
    | 'stockQuantity';
  /** `amount` (an OfferAmount) and `from` name the amount a money problem is about. */
  params: Record<string, string>;
}

/**
 * Why an offer as mapped from a supplier cannot be stored, or null when it can. Every supplier's offers pass this
 * on arrival (validate-items.ts): a cost of zero or below would be priced, exported and ordered as if real, and a
 * currency that is not ISO 4217 (markup, a typo) would reach every export file.
 */
export function offerProblem(offer: Offer): OfferProblem | null {
  if (!offer.productId) return { code: 'noProductId', params: {} };
  const cost = moneyProblem(offer.cost, { amount: 'cost' });
  if (cost) return cost;
  if (!isPositiveDecimalString(offer.cost.amount))
    return { code: 'costNotPositive', params: { value: offer.cost.amount, currency: offer.cost.currency } };
  for (const [amount, value] of [
    ['retail', offer.retailPrice],
    ['original', offer.originalPrice],
  ] as const) {
    const problem = value ? moneyProblem(value, { amount }) : null;
    if (problem) return problem;
  }
  for (const tier of offer.quantityTiers ?? []) {
    const from = String(tier.minQuantity);
    const problem = moneyProblem(tier.unitPrice, { amount: 'tier', from });
    if (problem) return problem;
    if (tier.unitPrice.currency !== offer.cost.currency)
      return {
        code: 'tierCurrency',
        params: { from, currency: tier.unitPrice.currency, costCurrency: offer.cost.currency },
      };
  }
  if (!Object.values(offer.titles).some((title) => typeof title === 'string' && title.trim().length > 0))
    return { code: 'noTitle', params: {} };
  if (!STOCK_STATUSES.includes(offer.stock.status))
    return { code: 'stockStatus', params: { status: JSON.stringify(offer.stock.status) } };
  const quantity = offer.stock.quantity;
  if (quantity !== null && !(Number.isSafeInteger(quantity) && quantity >= 0))
    return { code: 'stockQuantity', params: { quantity: String(quantity) } };
  return null;
}

function moneyProblem(value: Money, which: { amount: OfferAmount; from?: string }): OfferProblem | null {
  if (typeof value.amount !== 'string' || !isDecimalString(value.amount))
    return { code: 'notDecimal', params: { ...which, value: JSON.stringify(value.amount) } };
  if (!isIsoCurrency(value.currency))
    return { code: 'notCurrency', params: { ...which, currency: JSON.stringify(String(value.currency).slice(0, 40)) } };
  return null;
}
