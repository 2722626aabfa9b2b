import type { ChangeKind } from '../../src-main/domain/diff';

export type ChangeFilter = 'all' | ChangeKind;

export const CHANGE_FILTERS: readonly ChangeFilter[] = [
  'all',
  'added',
  'removed',
  'price_up',
  'price_down',
  'stock_changed',
  'title_changed',
];

/** The chips' figures: main's count per kind, and their sum for "all". */
export function filterCounts(countsByKind: Readonly<Record<ChangeKind, number>>): Record<ChangeFilter, number> {
  const counts = { all: 0 } as Record<ChangeFilter, number>;
  for (const filter of CHANGE_FILTERS) {
    if (filter === 'all') continue;
    counts[filter] = countsByKind[filter] ?? 0;
    counts.all += counts[filter];
  }
  return counts;
}
