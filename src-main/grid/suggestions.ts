import type { Database } from 'better-sqlite3';
import { displayTitle } from '../domain/locale';
import { suggestedKeys } from '../domain/match-suggestions';
import type { GridInputOffer } from './materialize';
import { ensureGrid, planRowsByIds, type GridScope } from './query';
import { builtRegionEvidence } from './refresh';
import type { MatchSuggestion } from '../../src-shared/grid-types';

const MAX_SUGGESTIONS = 1000;

/**
 * Doubtful matches the merchant has not decided yet. Accepting one is a manual link of the offer to the suggested row
 * (grid.link), rejecting it a manual unlink (grid.unlink): either is kept by offer identity across syncs, and an offer
 * with a link of either kind is never suggested again.
 */
export function matchSuggestions(
  db: Database,
  language = 'en',
  scope: GridScope = {},
  rowId?: number,
): MatchSuggestion[] {
  ensureGrid(db, scope);
  const evidence = builtRegionEvidence(db);
  // Rows of their own are keyed "solo:…"; a range on the unique key index finds them without a scan.
  const alone = db
    .prepare(
      `SELECT r.id, r.plan_key, o.member_json FROM plan_rows r JOIN plan_offers o ON o.plan_key = r.plan_key
    LEFT JOIN plan_links l ON l.supplier_id = o.supplier_id AND l.product_id = o.product_id AND l.sku_id = o.sku_id AND l.variant = o.variant
    WHERE r.plan_key >= 'solo:' AND r.plan_key < 'solo;' AND l.plan_key IS NULL ORDER BY r.id`,
    )
    .all() as Array<{ id: number; plan_key: string; member_json: string }>;
  const idOfKey = db.prepare('SELECT id FROM plan_rows WHERE plan_key = ?').pluck();
  const titles = new Map<string, { id: number; title: string } | null>();
  const target = (planKey: string) => {
    if (!titles.has(planKey)) {
      const id = idOfKey.get(planKey) as number | undefined;
      const row = id === undefined ? undefined : planRowsByIds(db, [id], language)[0];
      titles.set(planKey, row ? { id: row.id, title: row.title } : null);
    }
    return titles.get(planKey)!;
  };
  const suggestions: MatchSuggestion[] = [];
  for (const { id, plan_key, member_json } of alone) {
    const member = JSON.parse(member_json) as GridInputOffer;
    for (const { planKey, reason } of suggestedKeys(member.attributes, evidence)) {
      const row = target(planKey);
      if (!row || row.id === id) continue;
      if (rowId !== undefined && rowId !== id && rowId !== row.id) continue;
      suggestions.push({
        offer: { supplier: member.supplier, productId: member.productId, skuId: member.skuId, variant: member.variant },
        offerTitle: displayTitle(member.titles, language),
        fromRowId: id,
        fromPlanKey: plan_key,
        toRowId: row.id,
        toPlanKey: planKey,
        toTitle: row.title,
        reason,
        confidence: member.attributes.confidence,
      });
      if (suggestions.length >= MAX_SUGGESTIONS) return suggestions;
    }
  }
  return suggestions;
}
