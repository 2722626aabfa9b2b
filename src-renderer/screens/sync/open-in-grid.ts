import type { ChangeView } from '../../../src-main/api/contract';
import { useGridStore } from '../../stores/grid';
import { useUiStore } from '../../stores/ui';

/**
 * A change leads to its row in the Grid: the Grid is searched for the offer's title with its other filters
 * cleared, since a leftover filter (a supplier, "in stock only") could hide exactly the row being looked for.
 */
export function openChangeInGrid(change: ChangeView): void {
  const grid = useGridStore.getState();
  grid.clearFilters();
  grid.setFilters({ search: change.title });
  useUiStore.getState().go('grid');
}
