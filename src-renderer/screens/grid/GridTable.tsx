import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { PlanRow } from '../../../src-main/grid/types';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useGridStore } from '../../stores/grid';
import { supplierName, useSuppliersStore } from '../../stores/suppliers';
import { rowAtIndex } from '../../stores/grid-query';
import { FIXED_COLUMN_COUNT, gridColumns, HEADER_HEIGHT, ROW_HEIGHT } from './columns';
import { GridHeader } from './GridHeader';
import { GridRow } from './GridRow';
import { SkeletonRow } from './SkeletonRow';

const OVERSCAN = 8;

export function GridTable({ currency }: { currency: string }) {
  const t = useT(gridDictionary);
  const total = useGridStore((s) => s.total) ?? 0;
  const pages = useGridStore((s) => s.pages);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const selectedKey = useGridStore((s) => s.selected?.planKey ?? null);
  const resultVersion = useGridStore((s) => s.resultVersion);
  const showRows = useGridStore((s) => s.showRows);
  const select = useGridStore((s) => s.select);
  const scrollRef = useRef<HTMLDivElement>(null);

  // Stable arrays and maps, so memoized rows are not re-rendered by a new-but-equal prop on every scroll frame.
  const supplierIds = useMemo(() => suppliers.map((s) => s.id), [suppliers]);
  const nameOf = useCallback((id: string) => supplierName(suppliers, id), [suppliers]);
  const columns = useMemo(() => gridColumns(supplierIds.length), [supplierIds.length]);
  const cellCount = FIXED_COLUMN_COUNT + Math.max(supplierIds.length, 1);

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

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resultVersion]);

  const open = useCallback((row: PlanRow) => select(row), [select]);

  const style = { '--grid-columns': columns.template, minWidth: columns.minWidth } as CSSProperties;

  return (
    <div className="grid-table-frame">
      <div className="grid-scroll" ref={scrollRef}>
        <div role="table" aria-rowcount={total + 2} aria-label={t('nav.grid')} className="grid-canvas" style={style}>
          <GridHeader supplierIds={supplierIds} nameOf={nameOf} currency={currency} />
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
                  supplierIds={supplierIds}
                  nameOf={nameOf}
                  selected={row.planKey === selectedKey}
                  onOpen={open}
                />
              ) : (
                <SkeletonRow key={item.index} index={item.index} top={top} cellCount={cellCount} label={t('row.skeleton')} />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
