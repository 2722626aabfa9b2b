import type { Database } from 'better-sqlite3';
import { displayTitle } from '../domain/locale';
import { supplierOfferKey, type CategoryRef } from '../domain/offer';
import type { OfferRef } from '../../src-shared/grid-types';

/**
 * Each offer's category as the supplier names it, root first ("eSIM › Asia"), in the language asked for, keyed by
 * supplierOfferKey; offers without a category, or whose category has no name, are left out (the screen shows its id).
 */
export function categoryNames(db: Database, offers: readonly OfferRef[], language: string): Record<string, string> {
  const categoryOf = db
    .prepare('SELECT category_json FROM offers WHERE supplier_id = ? AND product_id = ? AND sku_id = ? AND variant = ?')
    .pluck();
  const names: Record<string, string> = {};
  for (const offer of offers) {
    const json = categoryOf.get(offer.supplier, offer.productId, offer.skuId, offer.variant) as
      string | null | undefined;
    if (!json) continue;
    const name = categoryPathName(JSON.parse(json) as CategoryRef, language);
    if (name) names[supplierOfferKey(offer)] = name;
  }
  return names;
}

/** A category as its supplier names it, root first ("eSIM › Asia"); empty when no level has a name. */
export function categoryPathName(category: CategoryRef, language: string): string {
  return (category.path ?? [])
    .map((level) => displayTitle(level.names ?? {}, language))
    .filter(Boolean)
    .join(' › ');
}
