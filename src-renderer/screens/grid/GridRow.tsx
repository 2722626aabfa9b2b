import { memo, useMemo, type MouseEvent, type ReactNode } from 'react';
import type { PlanRow } from '../../../src-shared/grid-types';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { ChangeBadges } from './ChangeBadges';
import type { ColumnId } from './columns';
import { formatExactMoney } from '../../components/format';
import { cellAmount, daysOf, LOW_MARGIN_PERCENT, marginLevel, percentLabel, supplierCells } from './grid-format';
import { coverageLabel, dataLabel } from './labels';
import { LockIcon } from './LockIcon';
import { SupplierCostCell } from './SupplierCostCell';

interface Props {
  row: PlanRow;
  index: number;
  top: number;
  columns: readonly ColumnId[];
  nameOf: (supplierId: string) => string;
  /** Shown in the detail drawer. */
  open: boolean;
  /** Ticked for a bulk action. */
  checked: boolean;
  /** The row the keyboard is on: the only one in the tab order. */
  focused: boolean;
  onOpen(row: PlanRow, index: number): void;
  /** A tick box click or a Ctrl/⌘-click toggles; with Shift it ticks the range from the last one ticked. */
  onCheck(row: PlanRow, index: number, range: boolean): void;
}

/**
 * Memoized on the row object: the server sends a new object only when the row changed, so scrolling re-renders
 * just the rows entering the window, and the per-row work (cheapest offer per supplier) runs once per row.
 */
export const GridRow = memo(function GridRow({
  row,
  index,
  top,
  columns,
  nameOf,
  open,
  checked,
  focused,
  onOpen,
  onCheck,
}: Props) {
  const t = useT(gridDictionary);
  const cells = useMemo(() => supplierCells(row), [row]);
  const level = marginLevel(row);
  const marginHint =
    level === 'loss' ? t('margin.loss') : level === 'low' ? t('margin.low', { percent: LOW_MARGIN_PERCENT }) : '';

  const onClick = (event: MouseEvent) => {
    if (event.shiftKey || event.ctrlKey || event.metaKey) {
      event.preventDefault();
      onCheck(row, index, event.shiftKey);
    } else {
      onOpen(row, index);
    }
  };

  const cell = (column: ColumnId): ReactNode => {
    switch (column) {
      case 'select':
        return (
          <div key={column} role="cell" className="grid-cell select-cell" onClick={(event) => event.stopPropagation()}>
            <input
              type="checkbox"
              className="row-check"
              tabIndex={-1}
              checked={checked}
              aria-label={t('select.row', { title: row.title })}
              onClick={(event) => {
                event.stopPropagation();
                onCheck(row, index, event.shiftKey);
              }}
              onChange={() => undefined}
            />
          </div>
        );
      case 'title':
        return (
          <div key={column} role="cell" className="grid-cell title-cell">
            {/* Two lines and the whole title on hover: plans that differ only at the end of a long title still read apart. */}
            <span className="grid-title" title={row.title}>
              {row.title}
            </span>
            {row.excludedFromExport && (
              <span className="excluded-badge" title={t('row.excluded.hint')}>
                {t('row.excluded')}
              </span>
            )}
            <ChangeBadges changes={row.changes} />
          </div>
        );
      case 'kind': {
        const kind = t(`kind.${row.kind}`);
        return (
          <div key={column} role="cell" className="grid-cell kind-cell" title={kind}>
            <span className="two-lines">{kind}</span>
          </div>
        );
      }
      case 'coverage': {
        const coverage = coverageLabel(t, row.attributes);
        return (
          <div key={column} role="cell" className="grid-cell coverage-cell" title={coverage.title}>
            {coverage.text}
          </div>
        );
      }
      case 'data': {
        const data = dataLabel(t, row.attributes);
        return (
          <div key={column} role="cell" className="grid-cell data-cell" title={data.title}>
            {data.text}
          </div>
        );
      }
      case 'days':
        return (
          <div key={column} role="cell" className="grid-cell num days-cell">
            {daysOf(row.attributes) ?? '—'}
          </div>
        );
      case 'best':
        return (
          <div key={column} role="cell" className="grid-cell num best" title={formatExactMoney(row.bestCost)}>
            {cellAmount(row.bestCost)}
          </div>
        );
      case 'sale':
        return (
          <div
            key={column}
            role="cell"
            className={`grid-cell num sale-cell${row.locked ? ' locked' : ''}`}
            title={[formatExactMoney(row.salePrice), row.locked ? t('price.locked') : ''].filter(Boolean).join('\n')}
          >
            {row.locked && <LockIcon label={t('price.locked')} />}
            {cellAmount(row.salePrice)}
          </div>
        );
      case 'margin':
        return (
          <div
            key={column}
            role="cell"
            className={`grid-cell num margin-cell ${level}`}
            title={[
              formatExactMoney(row.margin),
              row.marginPercent !== null ? percentLabel(row.marginPercent) : '',
              marginHint,
            ]
              .filter(Boolean)
              .join('\n')}
          >
            <span className="margin-amount">
              {(level === 'loss' || level === 'low') && (
                <span className="margin-flag" aria-label={marginHint}>
                  !
                </span>
              )}
              {cellAmount(row.margin)}
            </span>
            <span className="margin-percent">{row.marginPercent !== null ? percentLabel(row.marginPercent) : ''}</span>
          </div>
        );
      default: {
        const supplierId = column.slice('supplier:'.length);
        return <SupplierCostCell key={column} cell={cells.get(supplierId)} supplierName={nameOf(supplierId)} />;
      }
    }
  };

  return (
    <div
      role="row"
      aria-rowindex={index + 3}
      aria-selected={checked}
      tabIndex={focused ? 0 : -1}
      className={`grid-row${open ? ' open' : ''}${checked ? ' checked' : ''}${index % 2 ? ' odd' : ''}${row.excludedFromExport ? ' excluded' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-plan-key={row.planKey}
      data-index={index}
      onClick={onClick}
    >
      {columns.map(cell)}
    </div>
  );
});
