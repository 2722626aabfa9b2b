import type { KeyboardEvent, PointerEvent } from 'react';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useColumnsStore } from './columns-store';
import { defaultWidth, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, type ColumnId } from './columns';

const KEY_STEP = 10;

/** The right edge of a header cell: drag it (or focus it and press ←/→) to change the column's width. */
export function ColumnResizer({ column, label }: { column: ColumnId; label: string }) {
  const t = useT(gridDictionary);
  const setWidth = useColumnsStore((s) => s.setWidth);
  const stored = useColumnsStore((s) => s.widths[column]);

  // The width the merchant sees (a title column is wider than its minimum), so a drag starts where the edge is.
  const shownWidth = (handle: HTMLElement) =>
    handle.parentElement?.getBoundingClientRect().width ?? stored ?? MIN_COLUMN_WIDTH;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget;
    const startX = event.clientX;
    const startWidth = shownWidth(handle);
    handle.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => setWidth(column, startWidth + e.clientX - startX);
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    event.stopPropagation();
    setWidth(column, shownWidth(event.currentTarget) + (event.key === 'ArrowRight' ? KEY_STEP : -KEY_STEP));
  };

  return (
    <div
      className="column-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('columns.resize', { column: label })}
      aria-valuemin={MIN_COLUMN_WIDTH}
      aria-valuemax={MAX_COLUMN_WIDTH}
      aria-valuenow={Math.round(stored ?? defaultWidth(column))}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onClick={(event) => event.stopPropagation()}
    />
  );
}
