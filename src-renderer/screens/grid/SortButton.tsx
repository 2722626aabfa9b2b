import type { GridSortColumn } from '../../../src-shared/grid-types';
import { useGridStore } from '../../stores/grid';

export function SortButton({ column, label, hint }: { column: GridSortColumn; label: string; hint: string }) {
  const sort = useGridStore((s) => s.sort);
  const sortBy = useGridStore((s) => s.sortBy);
  const active = sort.column === column;
  return (
    <button
      type="button"
      className={`sort-button${active ? ' active' : ''}`}
      title={hint}
      onClick={() => sortBy(column)}
      data-sort={column}
    >
      <span className="sort-label">{label}</span>
      {/* Only the active sort shows an arrow: a narrow column cannot spare the width for one on every header. */}
      {active && (
        <span className="sort-arrow" aria-hidden="true">
          {sort.direction === 'asc' ? '▲' : '▼'}
        </span>
      )}
    </button>
  );
}
