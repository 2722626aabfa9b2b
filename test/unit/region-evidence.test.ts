import { describe, expect, it } from 'vitest';
import { describeFailure, measureMatcher } from '../fixtures/match-quality';
import type { LocalizedText, PlanFacts } from '../../src-main/domain/offer';
import { extractAttributes, planMatchKey } from '../../src-main/domain/plan-attributes';
import { gatherEvidence, resolveRegions, withRegionResolved } from '../../src-main/domain/region-evidence';
import { LABELLED_SETS, loadLabelledSet } from '../fixtures/labelled-sets';

const ASIA8 = ['ID', 'JP', 'KR', 'MY', 'PH', 'SG', 'TH', 'VN'];
const OTHER8 = ['HK', 'JP', 'KR', 'MO', 'SG', 'TH', 'TW', 'VN'];
const listed = (en: string, countries: string[]) => ({
  titles: { en } as LocalizedText,
  plan: { countries, dataMB: 3072, days: 7 } as PlanFacts,
});
const named = (titles: LocalizedText) => ({ titles, plan: {} as PlanFacts });

/** Plan keys of a small catalog, matched as the grid matches: with the catalog's own regional evidence. */
function keys(catalog: Array<{ titles: LocalizedText; plan: PlanFacts }>): Array<string | null> {
  const attributes = catalog.map((offer) => extractAttributes({ ...offer, kind: 'esim' }));
  const regions = resolveRegions(gatherEvidence(attributes));
  return attributes.map((each) => planMatchKey(withRegionResolved(each, regions)));
}

describe('regional bundles resolved from the catalog itself', () => {
  it('joins an offer that only names "<region> N countries", in any language, to the set the listings agree on', () => {
    const [bc, lf, zhCN, zhTW, en] = keys([
      listed('Asia 8 Countries 3GB 7 Days', ASIA8),
      listed('Asia 8-Country 3GB 7 Days', [...ASIA8].reverse()),
      named({ 'zh-CN': '亚洲8国 3GB 7天' }),
      named({ 'zh-TW': '亞洲八國 3GB 7日' }),
      named({ en: 'CMLink Asia 8 Countries 3GB 7 Days' }),
    ]);
    expect(bc).toBe(`plan|${ASIA8.join(',')}|3072|total|7d`);
    expect([lf, zhCN, zhTW, en]).toEqual([bc, bc, bc, bc]);
  });

  it('never guesses between two different sets sold under one name and count', () => {
    const catalog = [
      listed('Asia 8 Countries 3GB 7 Days', ASIA8),
      listed('Asia 8 Countries 3GB 7 Days', OTHER8),
      named({ en: 'Asia 8 Countries 3GB 7 Days' }),
      named({ 'zh-CN': '亚洲8国 3GB 7天' }),
    ];
    const [a, b, nameOnly, nameOnlyZh] = keys(catalog);
    expect(a).not.toBe(b);
    expect(nameOnly).toBeNull();
    expect(nameOnlyZh).toBeNull();
    const attributes = catalog.map((offer) => extractAttributes({ ...offer, kind: 'esim' }));
    const regions = resolveRegions(gatherEvidence(attributes));
    expect(regions.get('ASIA-8')).toBe('ambiguous');
    expect(withRegionResolved(attributes[2], regions)).toMatchObject({ regionMatch: 'ambiguous', region: 'ASIA-8' });
  });

  it('takes no evidence from a listing whose count contradicts its title, and keeps name-only offers together without evidence', () => {
    const [, nameOnly, other] = keys([
      listed('Asia 8 Countries 3GB 7 Days', ASIA8.slice(0, 7)),
      named({ en: 'Asia 8 Countries 3GB 7 Days' }),
      named({ 'zh-CN': '亚洲8国 3GB 7天' }),
    ]);
    expect(nameOnly).toBe('plan|REGION:ASIA-8|3072|total|7d');
    expect(other).toBe(nameOnly);
  });

  it('keeps other days, daily vs total and other bundles apart', () => {
    const [base, otherDays, daily, sea] = keys([
      listed('Asia 8 Countries 3GB 7 Days', ASIA8),
      named({ en: 'Asia 8 Countries 3GB 15 Days' }),
      named({ en: 'Asia 8 Countries 3GB/Day 7 Days' }),
      named({ en: 'Southeast Asia 8 Countries 3GB 7 Days' }),
    ]);
    expect(new Set([base, otherDays, daily, sea]).size).toBe(4);
  });
});

describe('the labelled sets', () => {
  const sets = Object.fromEntries(LABELLED_SETS.map((set) => [set.name, loadLabelledSet(set)]));

  it('hold three times the original set, half of the new titles untouched by tuning, in every supplier style', () => {
    const total = Object.values(sets).reduce((sum, set) => sum + set.length, 0);
    expect(total).toBeGreaterThanOrEqual(3 * sets.original.length);
    expect(sets.untouched.length).toBeGreaterThanOrEqual(sets.original.length);
    for (const set of [sets.untouched, sets.tuning])
      expect(new Set(set.map((item) => item.supplierStyle))).toEqual(
        new Set(['dujiao-next', 'mesim', 'billionconnect', 'seagm', 'linksfield']),
      );
  });

  it('meet the targets on the untouched set (precision ≥ 0.98, recall ≥ 0.95)', () => {
    const quality = measureMatcher(sets.untouched);
    const report = `precision ${quality.precision.toFixed(3)}, recall ${quality.recall.toFixed(3)}\n${quality.failures
      .filter((f) => f.reason !== 'extraction')
      .map(describeFailure)
      .join('\n')}`;
    expect(quality.precision, report).toBeGreaterThanOrEqual(0.98);
    expect(quality.recall, report).toBeGreaterThanOrEqual(0.95);
  });
});
