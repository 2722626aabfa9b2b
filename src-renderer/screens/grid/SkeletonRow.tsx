import { memo } from 'react';

/** Where a page is still on its way: the row keeps its height so the scrollbar never jumps. */
export const SkeletonRow = memo(function SkeletonRow({
  index,
  top,
  cellCount,
  label,
}: {
  index: number;
  top: number;
  cellCount: number;
  label: string;
}) {
  return (
    <div
      role="row"
      aria-rowindex={index + 3}
      aria-busy="true"
      aria-label={label}
      className="grid-row skeleton"
      style={{ transform: `translateY(${top}px)` }}
    >
      {Array.from({ length: cellCount }, (_, cell) => (
        <div key={cell} role="cell" className="grid-cell">
          <span className="skeleton-bar" style={{ width: cell === 0 ? `${45 + ((index * 37) % 40)}%` : '60%' }} />
        </div>
      ))}
    </div>
  );
});
