import { api } from '../../api';
import { useGridStore } from '../../stores/grid';
import { buildGridQuery, PAGE_SIZE, rowAtIndex } from '../../stores/grid-query';
import { useSelectionStore } from '../../stores/grid-selection';

/**
 * Ticks every row from the last one ticked to `index`. Rows in the loaded pages are read there; a range reaching
 * beyond them asks main for just the plan keys, in the grid's order.
 */
export async function selectRange(index: number): Promise<void> {
  const selection = useSelectionStore.getState();
  const anchor = selection.anchor ?? index;
  const from = Math.min(anchor, index);
  const to = Math.max(anchor, index);
  const { pages, filters, sort, language } = useGridStore.getState();
  const keys: string[] = [];
  for (let i = from; i <= to; i++) {
    const row = rowAtIndex(pages, i);
    if (!row) {
      const query = buildGridQuery(filters, sort, language, 0, PAGE_SIZE);
      const fetched = await api()['grid.planKeys'](query, from, to - from + 1);
      useSelectionStore.getState().addRange(fetched, index);
      return;
    }
    keys.push(row.planKey);
  }
  selection.addRange(keys, index);
}
