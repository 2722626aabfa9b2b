import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { PlanRow } from '../../../src-shared/grid-types';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useGridStore } from '../../stores/grid';
import { useColumnsStore } from './columns-store';
import { useSelectionStore } from '../../stores/grid-selection';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { rowAtIndex } from '../../stores/grid-query';
import { columnLayout, DEFAULT_WIDTHS, HEADER_HEIGHT, ROW_HEIGHT } from './columns';
import { GridHeader } from './GridHeader';
import { GridRow } from './GridRow';
import { selectRange } from './select-range';
import { SkeletonRow } from './SkeletonRow';

const OVERSCAN = 8;
/** Rows PageUp/PageDown move by. */
const PAGE_STEP = 10;

export function GridTable({ currency }: { currency: string }) {
  const t = useT(gridDictionary);
  const total = useGridStore((s) => s.total) ?? 0;
  const pages = useGridStore((s) => s.pages);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const openKey = useGridStore((s) => s.selected?.planKey ?? null);
  const resultVersion = useGridStore((s) => s.resultVersion);
  const showRows = useGridStore((s) => s.showRows);
  const select = useGridStore((s) => s.select);
  const hidden = useColumnsStore((s) => s.hidden);
  const widths = useColumnsStore((s) => s.widths);
  // Subscribed for re-rendering; rows ask isSelected, which reads the same state.
  useSelectionStore((s) => s.keys);
  const selectionMode = useSelectionStore((s) => s.mode);
  const isSelected = useSelectionStore((s) => s.isSelected);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const focusPending = useRef(false);

  // Stable arrays and maps, so memoized rows are not re-rendered by a new-but-equal prop on every scroll frame.
  const supplierIds = useMemo(() => suppliers.map((s) => s.id), [suppliers]);
  const nameOf = useCallback((id: string) => supplierName(suppliers, id), [suppliers]);
  const layout = useMemo(() => columnLayout(supplierIds, hidden, widths), [supplierIds, hidden, widths]);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // The sticky header sits in the same scroll box, above the first row.
    scrollMargin: HEADER_HEIGHT,
  });

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total > 0) showRows(first, last);
  }, [first, last, total, showRows]);

  // A new filter or sort is a new list: back to its top, with nothing ticked from the previous one.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setFocusIndex(0);
    useSelectionStore.getState().clear();
  }, [resultVersion]);

  // After an arrow key the row may only now be rendered: focus it once it is.
  useEffect(() => {
    if (!focusPending.current) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`.grid-row[data-index="${focusIndex}"]`);
    if (element) {
      focusPending.current = false;
      element.focus({ preventScroll: true });
    }
  });

  const open = useCallback(
    (row: PlanRow, index: number) => {
      setFocusIndex(index);
      select(row);
    },
    [select],
  );
  const check = useCallback((row: PlanRow, index: number, range: boolean) => {
    setFocusIndex(index);
    if (range) void selectRange(index);
    else useSelectionStore.getState().toggle(row.planKey, index);
  }, []);

  const moveTo = (index: number) => {
    const target = Math.min(Math.max(index, 0), total - 1);
    setFocusIndex(target);
    focusPending.current = true;
    virtualizer.scrollToIndex(target, { align: 'auto' });
    return target;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed into the header (a sort button, a resize handle, the tick-all box) are theirs.
    if (!(event.target as HTMLElement).classList.contains('grid-row') || total === 0) return;
    const row = rowAtIndex(pages, focusIndex);
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: PAGE_STEP, PageUp: -PAGE_STEP };
    if (event.key in step) {
      event.preventDefault();
      const target = moveTo(focusIndex + step[event.key]);
      if (event.shiftKey) void selectRange(target);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      moveTo(event.key === 'Home' ? 0 : total - 1);
    } else if (event.key === 'Enter' && row) {
      event.preventDefault();
      select(row);
    } else if (event.key === ' ' && row) {
      event.preventDefault();
      if (event.shiftKey) void selectRange(focusIndex);
      else useSelectionStore.getState().toggle(row.planKey, focusIndex);
    } else if (event.key === 'Escape' && useSelectionStore.getState().count(total) > 0) {
      useSelectionStore.getState().clear();
    }
  };

  const style = {
    '--grid-columns': layout.template,
    '--select-width': `${DEFAULT_WIDTHS.select}px`,
    minWidth: layout.minWidth,
  } as CSSProperties;

  return (
    <div className="grid-table-frame">
      <div className="grid-scroll" ref={scrollRef}>
        <div
          role="table"
          aria-rowcount={total + 2}
          aria-label={t('nav.grid')}
          aria-describedby="grid-keys-hint"
          className="grid-canvas"
          style={style}
          onKeyDown={onKeyDown}
          onFocus={(event) => {
            // Focus put on a row by a click or Tab: the arrows move on from there.
            const index = (event.target as HTMLElement).dataset.index;
            if (index !== undefined && (event.target as HTMLElement).classList.contains('grid-row'))
              setFocusIndex(Number(index));
          }}
          data-selection={selectionMode}
        >
          <GridHeader layout={layout} nameOf={nameOf} currency={currency} />
          <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rowAtIndex(pages, item.index);
              const top = item.start - HEADER_HEIGHT;
              return row ? (
                <GridRow
                  key={item.index}
                  row={row}
                  index={item.index}
                  top={top}
                  columns={layout.columns}
                  nameOf={nameOf}
                  open={row.planKey === openKey}
                  checked={isSelected(row.planKey)}
                  focused={item.index === focusIndex}
                  onOpen={open}
                  onCheck={check}
                />
              ) : (
                <SkeletonRow
                  key={item.index}
                  index={item.index}
                  top={top}
                  cellCount={layout.columns.length}
                  label={t('row.skeleton')}
                />
              );
            })}
          </div>
        </div>
      </div>
      <p id="grid-keys-hint" className="sr-only">
        {t('keys.hint')}
      </p>
    </div>
  );
}
