import type { Money } from './money';

/** What kind of thing a merchant is buying. */
export type OfferKind = 'esim' | 'data_plan' | 'card' | 'direct_topup' | 'mobile_recharge' | 'other';
export const OFFER_KINDS: readonly OfferKind[] = ['esim', 'data_plan', 'card', 'direct_topup', 'mobile_recharge', 'other'];

/** Every supplier's stock reported on one scale. `quantity` is null when the upstream does not say. */
export type StockStatus = 'unlimited' | 'in_stock' | 'low' | 'out' | 'unknown';
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

/** One purchasable variant from one supplier connection: the common model every adapter maps into. */
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
  return [ref.supplier, ref.productId, ref.skuId, ref.variant].map(encodeURIComponent).join('|');
}

/** Maps an explicit upstream quantity onto the common stock scale (thresholds from the Dujiao-Next contract). */
export function stockFromQuantity(quantity: number): Stock {
  if (quantity < 0) return { status: 'unlimited', quantity: null };
  if (quantity === 0) return { status: 'out', quantity: 0 };
  if (quantity <= 20) return { status: 'low', quantity };
  return { status: 'in_stock', quantity };
}
