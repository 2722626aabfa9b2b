import type { ChangeView } from '../../../src-shared/contract';
import { useGridStore } from '../../stores/grid';
import { EMPTY_FILTERS } from '../../stores/grid-query';
import { useUiStore } from '../../stores/ui';

/**
 * A change leads to its row in the Grid: the Grid is searched for the offer's title with its other filters
 * cleared, since a leftover filter (a supplier, "in stock only") could hide exactly the row being looked for.
 * One filter change, so the Grid runs one query for it.
 */
export function openChangeInGrid(change: ChangeView): void {
  useGridStore.getState().setFilters({ ...EMPTY_FILTERS, search: change.title });
  useUiStore.getState().go('grid');
}
