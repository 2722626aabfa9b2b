import { compareAmounts, type Money } from './money';
import type { LocalizedText, Stock } from './offer';

export type ChangeKind = 'added' | 'removed' | 'price_up' | 'price_down' | 'stock_changed' | 'title_changed';
export const CHANGE_KINDS: readonly ChangeKind[] = [
  'added',
  'removed',
  'price_up',
  'price_down',
  'stock_changed',
  'title_changed',
];

/** The part of an offer a sync compares. */
export interface OfferSnapshot {
  key: string;
  productId: string;
  skuId: string;
  variant: string;
  cost: Money;
  stock: Stock;
  titles: LocalizedText;
}

export interface CatalogChange {
  change: ChangeKind;
  key: string;
  productId: string;
  skuId: string;
  variant: string;
  old: unknown;
  new: unknown;
}

/**
 * Items a listing named but could not read (they failed validation). Such a product is still upstream: it must not be
 * reported removed. `skus` narrows that to one SKU (keys `productId\u0001skuId`) where a product id covers several
 * upstream items (SEAGM categories).
 */
export interface UnreadableItems {
  products: ReadonlySet<string>;
  skus: ReadonlySet<string>;
}

export function unreadableItems(skipped: Iterable<{ productId?: string; skuId?: string }>): UnreadableItems {
  const products = new Set<string>();
  const skus = new Set<string>();
  for (const item of skipped) {
    if (item.productId === undefined) continue;
    if (item.skuId === undefined) products.add(item.productId);
    else skus.add(`${item.productId}\u0001${item.skuId}`);
  }
  return { products, skus };
}

export interface DiffOptions {
  /** Offers of these are kept as they were instead of being reported removed; a sibling that did arrive is diffed as usual. */
  unreadable?: UnreadableItems;
}

/**
 * Compares the previous live catalog with the new one, key by key. `next` must hold every offer that is still upstream
 * among the keys `previous` holds: an offer in `previous` but not in `next` is reported removed (unless unreadable). The
 * engine therefore calls this only on a complete listing, or on a part of one that is complete for its keys (the
 * changed offers and the removal candidates), which gives the same changes for those keys as the whole catalog would.
 */
export function diffCatalog(
  previous: Iterable<OfferSnapshot>,
  next: Iterable<OfferSnapshot>,
  options: DiffOptions = {},
): CatalogChange[] {
  const before = new Map<string, OfferSnapshot>();
  for (const offer of previous) before.set(offer.key, offer);
  const changes: CatalogChange[] = [];
  const seen = new Set<string>();
  for (const offer of next) {
    seen.add(offer.key);
    const old = before.get(offer.key);
    if (!old) {
      changes.push(change('added', offer, null, { cost: offer.cost, stock: offer.stock, titles: offer.titles }));
      continue;
    }
    const priceMove = priceChange(old.cost, offer.cost);
    if (priceMove) changes.push(change(priceMove, offer, old.cost, offer.cost));
    if (!sameStock(old.stock, offer.stock)) changes.push(change('stock_changed', offer, old.stock, offer.stock));
    if (!sameTitles(old.titles, offer.titles)) changes.push(change('title_changed', offer, old.titles, offer.titles));
  }
  const unreadable = options.unreadable;
  const stillUpstream = (offer: OfferSnapshot) =>
    unreadable !== undefined &&
    (unreadable.products.has(offer.productId) || unreadable.skus.has(`${offer.productId}\u0001${offer.skuId}`));
  for (const old of before.values()) {
    if (seen.has(old.key) || stillUpstream(old)) continue;
    changes.push(change('removed', old, { cost: old.cost, stock: old.stock, titles: old.titles }, null));
  }
  return changes;
}

function change(kind: ChangeKind, offer: OfferSnapshot, oldValue: unknown, newValue: unknown): CatalogChange {
  return {
    change: kind,
    key: offer.key,
    productId: offer.productId,
    skuId: offer.skuId,
    variant: offer.variant,
    old: oldValue,
    new: newValue,
  };
}

function priceChange(old: Money, next: Money): 'price_up' | 'price_down' | null {
  if (old.currency !== next.currency) {
    // A currency switch cannot be ranked without a rate; report it so the merchant sees it, as a rise.
    return 'price_up';
  }
  const order = compareAmounts(next.amount, old.amount);
  if (order > 0) return 'price_up';
  if (order < 0) return 'price_down';
  return null;
}

function sameStock(a: Stock, b: Stock): boolean {
  return a.status === b.status && a.quantity === b.quantity;
}

function sameTitles(a: LocalizedText, b: LocalizedText): boolean {
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => a[key] === b[key]);
}
