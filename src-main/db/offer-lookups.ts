import type { Database } from 'better-sqlite3';
import { supplierOfferKey, type LocalizedText } from '../domain/offer';

// Small reads of the offers table for screens, alerts and the CLI; the catalog's own reads and writes are catalog-repo's.

/** One supplier's offer, as supplierOfferKey identifies it (the grid's OfferRef). */
export type OfferIdentity = Parameters<typeof supplierOfferKey>[0];

/** offers.titles_json as stored: one title per language tag, as the supplier sent them. */
export function parseTitles(titlesJson: string): LocalizedText {
  return JSON.parse(titlesJson) as LocalizedText;
}

/** Live offers per supplier id. */
export function liveOfferCounts(db: Database): Map<string, number> {
  const rows = db
    .prepare('SELECT supplier_id, COUNT(*) AS n FROM offers WHERE removed_at IS NULL GROUP BY supplier_id')
    .all() as Array<{ supplier_id: string; n: number }>;
  return new Map(rows.map((row) => [row.supplier_id, row.n]));
}

/**
 * The stored titles of these offers, by supplierOfferKey; removed offers keep theirs (a change outlives its offer), an
 * offer never stored has none.
 */
export function titlesOf(db: Database, refs: readonly OfferIdentity[]): Map<string, LocalizedText> {
  const lookup = db
    .prepare('SELECT titles_json FROM offers WHERE supplier_id = ? AND product_id = ? AND sku_id = ? AND variant = ?')
    .pluck();
  const titles = new Map<string, LocalizedText>();
  for (const ref of refs) {
    const key = supplierOfferKey(ref);
    if (titles.has(key)) continue;
    const json = lookup.get(ref.supplier, ref.productId, ref.skuId, ref.variant) as string | undefined;
    if (json !== undefined) titles.set(key, parseTitles(json));
  }
  return titles;
}
