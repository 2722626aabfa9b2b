import { compareAmounts, isDecimalString } from './money';
import type { LocalizedText, OfferKind, PlanFacts } from './offer';
import { extractAttributes, planMatchKey, type PlanAttributes, type PlanAttributesOf } from './plan-attributes';
import { gatherEvidence, resolveRegions, withRegionResolved } from './region-evidence';

/** What a person says the extractor should find; fields left out are not checked, confidence never is. */
export type ExpectedAttributes =
  | ({ type: 'plan' } & Partial<Omit<PlanAttributesOf<'plan'>, 'type' | 'confidence'>>)
  | ({ type: 'goods' } & Partial<Omit<PlanAttributesOf<'goods'>, 'type' | 'confidence'>>);

/** One offer as a supplier would list it, labelled by hand with the grid row it belongs to. */
export interface LabelledTitle {
  supplierStyle: string;
  kind: OfferKind;
  titles: LocalizedText;
  plan?: PlanFacts;
  /** Offers with the same group are the same product; a group of one must stay in a row of its own. */
  group: string;
  expected: ExpectedAttributes;
  /** Why the entry is in the set (the near miss it guards against); not read by the measurement. */
  note?: string;
}

export type MatchFailure =
  | { reason: 'extraction'; title: string; supplierStyle: string; fields: string[]; expected: ExpectedAttributes; actual: PlanAttributes }
  | { reason: 'false_positive'; key: string; titles: [string, string]; groups: [string, string] }
  | { reason: 'false_negative'; group: string; titles: [string, string]; keys: [string | null, string | null] };

export interface MatcherQuality {
  /** Of the pairs the matcher put in one row, the share that belong together (1 when it paired nothing). */
  precision: number;
  /** Of the pairs that belong together, the share the matcher put in one row (1 when nothing belongs together). */
  recall: number;
  pairs: { truePositive: number; falsePositive: number; falseNegative: number };
  /** Share of titles whose extracted attributes equal every expected field. */
  extractionAccuracy: number;
  failures: MatchFailure[];
}

interface Measured {
  item: LabelledTitle;
  attributes: PlanAttributes;
  key: string | null;
  label: string;
}

const pairsIn = (size: number) => (size * (size - 1)) / 2;

/**
 * Pairwise precision and recall of the grid's grouping (planMatchKey over region-resolved attributes) against the labelled groups, plus how often the
 * extracted attributes are exactly the labelled ones. Pairs are counted from bucket sizes, so the cost is
 * linear in the set; only the failing pairs are listed one by one.
 */
export function measureMatcher(labelled: LabelledTitle[]): MatcherQuality {
  const extracted = labelled.map((item) => extractAttributes({ titles: item.titles, kind: item.kind, plan: item.plan ?? {} }));
  // The set is one catalog: its listed bundles are the evidence its named-only bundles are matched by, as in the grid.
  const regions = resolveRegions(gatherEvidence(extracted));
  const measured: Measured[] = labelled.map((item, index) => {
    const attributes = extracted[index];
    return { item, attributes, key: planMatchKey(withRegionResolved(attributes, regions)), label: describeTitles(item.titles) };
  });

  const failures: MatchFailure[] = [];
  let extractedRight = 0;
  for (const { item, attributes, label } of measured) {
    const wrong = differingFields(item.expected, attributes);
    if (wrong.length === 0) extractedRight++;
    else failures.push({ reason: 'extraction', title: label, supplierStyle: item.supplierStyle, fields: wrong, expected: item.expected, actual: attributes });
  }

  const byKey = bucket(measured.filter((m) => m.key !== null), (m) => m.key!);
  const byGroup = bucket(measured, (m) => m.item.group);
  const byKeyAndGroup = bucket(measured.filter((m) => m.key !== null), (m) => `${m.key}\u0001${m.item.group}`);
  let predicted = 0;
  let actual = 0;
  let truePositive = 0;
  for (const members of byKey.values()) predicted += pairsIn(members.length);
  for (const members of byGroup.values()) actual += pairsIn(members.length);
  for (const members of byKeyAndGroup.values()) truePositive += pairsIn(members.length);

  for (const [key, members] of byKey) {
    forEachPair(members, (a, b) => {
      if (a.item.group !== b.item.group) failures.push({ reason: 'false_positive', key, titles: [a.label, b.label], groups: [a.item.group, b.item.group] });
    });
  }
  for (const [group, members] of byGroup) {
    forEachPair(members, (a, b) => {
      if (a.key === null || a.key !== b.key) failures.push({ reason: 'false_negative', group, titles: [a.label, b.label], keys: [a.key, b.key] });
    });
  }

  const falsePositive = predicted - truePositive;
  const falseNegative = actual - truePositive;
  return {
    precision: predicted === 0 ? 1 : truePositive / predicted,
    recall: actual === 0 ? 1 : truePositive / actual,
    pairs: { truePositive, falsePositive, falseNegative },
    extractionAccuracy: measured.length === 0 ? 1 : extractedRight / measured.length,
    failures,
  };
}

/** One line per failure, for assertion messages a person reads when the matcher regresses. */
export function describeFailure(failure: MatchFailure): string {
  switch (failure.reason) {
    case 'extraction': {
      const actual = failure.actual as Record<string, unknown>;
      const expected = failure.expected as Record<string, unknown>;
      const diffs = failure.fields.map((field) => `${field}: expected ${JSON.stringify(expected[field])}, got ${JSON.stringify(actual[field])}`);
      return `extraction [${failure.supplierStyle}] ${failure.title} — ${diffs.join('; ')} (confidence ${failure.actual.confidence})`;
    }
    case 'false_positive':
      return `false positive ${failure.key}: ${failure.titles[0]} (${failure.groups[0]}) ≠ ${failure.titles[1]} (${failure.groups[1]})`;
    case 'false_negative':
      return `false negative [${failure.group}]: ${failure.titles[0]} → ${failure.keys[0]} | ${failure.titles[1]} → ${failure.keys[1]}`;
  }
}

function differingFields(expected: ExpectedAttributes, actual: PlanAttributes): string[] {
  if (expected.type !== actual.type) return ['type'];
  const wrong: string[] = [];
  const actualFields = actual as Record<string, unknown>;
  for (const [field, want] of Object.entries(expected)) {
    if (field === 'type' || want === undefined) continue;
    if (!sameValue(field, want, actualFields[field])) wrong.push(field);
  }
  return wrong;
}

function sameValue(field: string, want: unknown, got: unknown): boolean {
  if (field === 'countries') {
    const a = Array.isArray(want) ? [...want].map(String).sort() : [];
    const b = Array.isArray(got) ? got.map(String) : [];
    return a.length === b.length && a.every((code, i) => code === b[i]);
  }
  if (field === 'faceValue') {
    if (want === null || got === null) return want === got;
    const w = want as { amount: string; currency: string };
    const g = got as { amount: string; currency: string };
    // Compared as numbers: "100.00" and "100" are the same face value.
    return w.currency.toUpperCase() === g.currency.toUpperCase() && isDecimalString(w.amount) && isDecimalString(g.amount) && compareAmounts(w.amount, g.amount) === 0;
  }
  return want === got;
}

function bucket<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const buckets = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const members = buckets.get(key);
    if (members) members.push(item);
    else buckets.set(key, [item]);
  }
  return buckets;
}

function forEachPair<T>(items: T[], visit: (a: T, b: T) => void): void {
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) visit(items[i], items[j]);
}

function describeTitles(titles: LocalizedText): string {
  const texts = [...new Set(Object.values(titles).filter((text) => typeof text === 'string' && text.trim() !== ''))];
  return texts.map((text) => JSON.stringify(text)).join(' / ') || '(no title)';
}
