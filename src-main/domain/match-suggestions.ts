import { planMatchKey, type PlanAttributes } from './plan-attributes';
import type { RegionEvidence } from './region-evidence';

// Pairs the matcher finds likely but not certain are not merged: the merchant decides. These are the rows an offer
// left alone would join if its doubt were settled one way.

/** Below this an offer is too unclear even to suggest (a title without days, a bare brand name). */
export const SUGGESTION_CONFIDENCE = 0.5;

export type SuggestionReason =
  /** Its bundle name stands for several country sets among the suppliers: one candidate row per set. */
  | 'region-ambiguous'
  /** It was read with too little confidence to match (titles disagree, two sizes in one title…). */
  | 'uncertain';

export interface SuggestedKey {
  planKey: string;
  reason: SuggestionReason;
}

/**
 * The plan keys an unmatched offer would have if its doubt were settled: each country set its bundle name stands for,
 * or its own reading taken as certain. Attributes are as read from titles (not yet region-resolved).
 */
export function suggestedKeys(attributes: PlanAttributes, evidence: RegionEvidence): SuggestedKey[] {
  if (!(attributes.confidence >= SUGGESTION_CONFIDENCE)) return [];
  const certain = { ...attributes, confidence: 1 };
  if (
    certain.type === 'plan' &&
    certain.region &&
    certain.countries.length === 1 &&
    certain.countries[0] === `REGION:${certain.region}`
  ) {
    const sets = Object.keys(evidence[certain.region] ?? {});
    if (sets.length > 1) {
      return sets.flatMap((set) => {
        const planKey = planMatchKey({ ...certain, countries: set.split(','), regionMatch: undefined });
        return planKey ? [{ planKey, reason: 'region-ambiguous' as const }] : [];
      });
    }
  }
  if (attributes.confidence >= 1) return [];
  const planKey = planMatchKey(certain);
  return planKey ? [{ planKey, reason: 'uncertain' }] : [];
}
