import { money } from '../../domain/money';
import { md5Hex } from '../shared/digest';
import { cleanTiers, type QuantityTier } from '../../domain/quantity-tiers';
import {
  stockFromQuantity,
  type BuyerInputField,
  type CategoryRef,
  type LocalizedText,
  type Offer,
  type OfferKind,
  type Stock,
} from '../../domain/offer';
import type { DujiaoCategory, DujiaoProduct } from './schemas';
import { specSuffix } from './spec-values';

/** How this site reports stock: Dujiao-Next counts; MeSIM only says available (999) or not (0). */
export type StockReporting = 'quantity' | 'binary';

export interface MapContext {
  currency: string;
  /** The site root (the API base without /api/v1/upstream): site-relative image paths are resolved against it. */
  siteUrl: string;
  categories: Map<number, DujiaoCategory>;
  stockReporting: StockReporting;
  /** MeSIM sells one at a time; Dujiao-Next sites have no upper bound. */
  maxQuantity: number | null;
  /** When the site sells only one kind of goods (MeSIM: eSIMs), say so instead of guessing. */
  fixedKind?: OfferKind;
  /** What one listing's products share, worked out once per listing (listingMemo()). */
  memo?: ListingMemo;
}

/**
 * Per listing: each category's ref and the kind hints its names give, each image's absolute form. Products of one
 * category then share one CategoryRef object (staging serializes a shared object once) and a 100k listing does not
 * parse the same few image URLs 100k times. Filled as products arrive; never changed once set.
 */
export interface ListingMemo {
  categories: Map<number, { ref: CategoryRef | null; hints: number }>;
  images: Map<string, string[]>;
}

export const listingMemo = (): ListingMemo => ({ categories: new Map(), images: new Map() });

export function mapProduct(product: DujiaoProduct, context: MapContext): Offer[] {
  const memo = context.memo ?? listingMemo();
  const { ref: category, hints: categoryHints } = sharedCategory(product.category_id, context.categories, memo);
  const kind = context.fixedKind ?? guessKind(product, categoryHints);
  const activeSkus = product.skus.filter((sku) => sku.is_active);
  const images = (product.images ?? []).flatMap((image) => sharedImage(image, context.siteUrl, memo));
  // Shared by the product's SKUs (staging serializes each shared object once); offers are never mutated.
  const fulfillment: Offer['fulfillment'] = {
    mode: product.fulfillment_type === 'manual' ? 'manual' : 'auto',
    inputFields: formFields(product.manual_form_schema),
  };
  const rawProduct = { ...product, skus: undefined };
  return activeSkus.map((sku) => {
    const tiers = skuTiers(product.wholesale_prices ?? [], sku, context.currency);
    return {
      productId: String(product.id),
      skuId: String(sku.id),
      variant: '',
      kind,
      titles: withSpecs(product.title, sku.spec_values, activeSkus.length > 1 ? sku.sku_code : ''),
      category,
      cost: money(sku.price_amount, context.currency),
      retailPrice: null,
      originalPrice: sku.original_price ? money(sku.original_price, context.currency) : null,
      stock: mapStock(sku.stock_status, sku.stock_quantity, context.stockReporting),
      minQuantity: 1,
      maxQuantity: context.maxQuantity,
      fulfillment,
      images,
      plan: {},
      orderable: true,
      ...(tiers.length ? { quantityTiers: tiers } : {}),
      raw: { product: rawProduct, sku },
    };
  });
}

type WholesaleTier = NonNullable<DujiaoProduct['wholesale_prices']>[number];

/**
 * The tiers the server prices this SKU with: its own (by id, or by code when the tier names no id) replace the
 * product-wide ones entirely; a SKU without its own uses those naming no SKU.
 */
export function skuTiers(
  tiers: readonly WholesaleTier[],
  sku: Pick<DujiaoProduct['skus'][number], 'id' | 'sku_code'>,
  currency: string,
): QuantityTier[] {
  if (tiers.length === 0) return [];
  const code = sku.sku_code.trim().toLowerCase();
  const scope = (tier: WholesaleTier): 'all' | 'own' | 'other' => {
    const tierCode = tier.sku_code?.trim().toLowerCase() ?? '';
    if (tier.sku_id !== undefined && tier.sku_id > 0)
      return tier.sku_id === sku.id && (tierCode === '' || tierCode === code) ? 'own' : 'other';
    if (tierCode !== '') return tierCode === code ? 'own' : 'other';
    return 'all';
  };
  const own = tiers.filter((tier) => scope(tier) === 'own');
  const chosen = own.length ? own : tiers.filter((tier) => scope(tier) === 'all');
  return cleanTiers(
    chosen.map((tier) => ({ minQuantity: tier.min_quantity, unitPrice: money(tier.unit_price, currency) })),
  );
}

/** Each language's title gets the spec text in that language, or the SKU code when there are no specs. */
function withSpecs(title: LocalizedText, specValues: unknown, skuCode: string): LocalizedText {
  return Object.fromEntries(
    Object.entries(title).map(([locale, text]) => {
      const suffix = specSuffix(specValues, locale) || skuCode;
      return [locale, suffix ? `${text} (${suffix})` : text];
    }),
  );
}

function sharedImage(image: string, siteUrl: string, memo: ListingMemo): string[] {
  let absolute = memo.images.get(image);
  if (!absolute) {
    absolute = absoluteImage(image, siteUrl);
    memo.images.set(image, absolute);
  }
  return absolute;
}

/** Site-relative paths (`/uploads/…`) as the real server stores them, made absolute; anything unreadable is dropped. */
function absoluteImage(image: string, siteUrl: string): string[] {
  const trimmed = image.trim();
  if (!trimmed) return [];
  try {
    const url = new URL(trimmed, siteUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? [url.href] : [];
  } catch {
    return [];
  }
}

export function mapStock(status: string, quantity: number, reporting: StockReporting): Stock {
  if (reporting === 'binary') {
    // 999 is MeSIM's way of saying "available", not a count; never show it as one.
    return quantity > 0 && status !== 'out_of_stock'
      ? { status: 'in_stock', quantity: null }
      : { status: 'out', quantity: 0 };
  }
  if (quantity === -1 || status === 'unlimited') return { status: 'unlimited', quantity: null };
  return stockFromQuantity(quantity);
}

/**
 * What of `categories` mapping reads (each one's id, parent and names), fingerprinted the same whatever order the
 * server lists them or their names in, and whatever else it sends with them.
 */
export function categoriesFingerprint(categories: Map<number, DujiaoCategory>): string {
  const read = [...categories.values()]
    .sort((a, b) => a.id - b.id)
    .map((category) => [
      category.id,
      category.parent_id,
      Object.entries(category.name).sort(([a], [b]) => (a < b ? -1 : 1)),
    ]);
  return md5Hex(JSON.stringify(read));
}

function categoryRef(id: number | undefined, categories: Map<number, DujiaoCategory>): CategoryRef | null {
  // The real server stores 0 for a product outside every category.
  if (id === undefined || id === 0) return null;
  const leaf = categories.get(id);
  if (!leaf) return { id: String(id), path: [{ id: String(id), names: {} }] };
  const path: CategoryRef['path'] = [];
  const parent = leaf.parent_id ? categories.get(leaf.parent_id) : undefined;
  if (parent) path.push({ id: String(parent.id), names: parent.name });
  path.push({ id: String(leaf.id), names: leaf.name });
  return { id: String(id), path };
}

const KIND_HINTS: Array<[RegExp, OfferKind]> = [
  [/e-?sim|流量|上网卡|漫游/i, 'esim'],
  [/gift|card|卡密|礼品卡|点卡|wallet|voucher/i, 'card'],
  [/top-?up|recharge|充值|直充/i, 'direct_topup'],
];

/** Which KIND_HINTS `texts` match, as bits in KIND_HINTS order. */
function kindHints(texts: readonly string[]): number {
  let hints = 0;
  KIND_HINTS.forEach(([pattern], index) => {
    if (texts.some((text) => pattern.test(text))) hints |= 1 << index;
  });
  return hints;
}

/** The first hint, in KIND_HINTS order, that the slug, the category's names or the title give. */
function guessKind(product: DujiaoProduct, categoryHints: number): OfferKind {
  const hints = categoryHints | kindHints([product.slug ?? '', ...Object.values(product.title)]);
  const first = KIND_HINTS.findIndex((_, index) => hints & (1 << index));
  return first === -1 ? 'other' : KIND_HINTS[first][1];
}

function sharedCategory(
  id: number | undefined,
  categories: Map<number, DujiaoCategory>,
  memo: ListingMemo,
): { ref: CategoryRef | null; hints: number } {
  const key = id ?? 0;
  let shared = memo.categories.get(key);
  if (!shared) {
    const ref = categoryRef(id, categories);
    shared = { ref, hints: kindHints(ref?.path.flatMap((level) => Object.values(level.names)) ?? []) };
    memo.categories.set(key, shared);
  }
  return shared;
}

/** Manual products ask the buyer for input; the schema's shape is not fixed by the doc, so read it loosely. */
function formFields(schema: unknown): BuyerInputField[] {
  const fields = schema && typeof schema === 'object' ? (schema as { fields?: unknown }).fields : undefined;
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((field): BuyerInputField[] => {
    if (!field || typeof field !== 'object') return [];
    const f = field as Record<string, unknown>;
    const key = typeof f.key === 'string' ? f.key : typeof f.name === 'string' ? f.name : null;
    if (!key) return [];
    const label =
      typeof f.label === 'string' ? { en: f.label } : ((f.label as LocalizedText | undefined) ?? { en: key });
    return [{ key, label, required: f.required === true, detail: field }];
  });
}
