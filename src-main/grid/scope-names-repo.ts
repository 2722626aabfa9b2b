import type { Database } from 'better-sqlite3';
import { displayTitle } from '../domain/locale';
import { parseTitles } from '../db/offer-lookups';
import { LANGUAGES } from '../../src-shared/languages';
import type { CategoryRef } from '../domain/offer';
import { scopeNameKey, type NamedScope, type ScopeNames } from '../domain/pricing/scope-names';
import { categoryPathName } from './category-names-repo';
import { planTitles } from './plan-titles-repo';

/**
 * The catalog's names of these plans, offers and categories in every UI language, a statement per kind of scope
 * however many there are: plans as their grid row is titled, offers by their own titles, categories by their path.
 */
export function scopeNames(db: Database, scopes: readonly NamedScope[]): ScopeNames {
  const names = Object.fromEntries(LANGUAGES.map((language) => [language, {}])) as ScopeNames;
  const name = (scope: NamedScope, text: (language: string) => string) => {
    for (const language of LANGUAGES) {
      const found = text(language);
      if (found) names[language][scopeNameKey(scope)!] = found;
    }
  };

  const plans = scopes.filter((scope) => scope.type === 'plan');
  const titled = Object.fromEntries(
    LANGUAGES.map((language) => [
      language,
      planTitles(
        db,
        plans.map((plan) => plan.planKey),
        language,
      ),
    ]),
  );
  for (const plan of plans) name(plan, (language) => titled[language][plan.planKey]);

  const offers = scopes.filter((scope) => scope.type === 'offer');
  if (offers.length > 0) {
    // The offer's own titles even once it has left the catalog: a lock on it still deserves its name.
    const rows = db
      .prepare(
        `SELECT w.key AS i, o.titles_json FROM json_each(?) w
      CROSS JOIN offers o ON o.supplier_id = w.value ->> 0 AND o.product_id = w.value ->> 1 AND o.sku_id = w.value ->> 2 AND o.variant = w.value ->> 3`,
      )
      .all(
        JSON.stringify(offers.map((offer) => [offer.supplierId, offer.productId, offer.skuId, offer.variant])),
      ) as Array<{ i: number; titles_json: string }>;
    for (const row of rows) {
      const titles = parseTitles(row.titles_json);
      name(offers[row.i], (language) => displayTitle(titles, language));
    }
  }

  const categories = scopes.filter((scope) => scope.type === 'category');
  if (categories.length > 0) {
    // Any live offer filed under the category carries its path; the offers_live index keeps this to one supplier's offers.
    const rows = db
      .prepare(
        `SELECT w.key AS i, (SELECT o.category_json FROM offers o
        WHERE o.supplier_id = w.value ->> 0 AND o.removed_at IS NULL AND o.category_json ->> '$.id' = w.value ->> 1 LIMIT 1) AS category_json
      FROM json_each(?) w`,
      )
      .all(JSON.stringify(categories.map((category) => [category.supplierId, category.categoryId]))) as Array<{
      i: number;
      category_json: string | null;
    }>;
    for (const row of rows) {
      if (!row.category_json) continue;
      const category = JSON.parse(row.category_json) as CategoryRef;
      name(categories[row.i], (language) => categoryPathName(category, language));
    }
  }
  return names;
}
