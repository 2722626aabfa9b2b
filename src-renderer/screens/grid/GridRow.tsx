import { memo, useMemo, type KeyboardEvent } from 'react';
import type { PlanRow } from '../../../src-main/grid/types';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { ChangeBadges } from './ChangeBadges';
import { formatExactMoney } from '../../components/format';
import { cellAmount, daysOf, LOW_MARGIN_PERCENT, marginLevel, percentLabel, supplierCells } from './grid-format';
import { coverageLabel, dataLabel } from './labels';
import { LockIcon } from './LockIcon';
import { SupplierCostCell } from './SupplierCostCell';

interface Props {
  row: PlanRow;
  index: number;
  top: number;
  supplierIds: readonly string[];
  nameOf: (supplierId: string) => string;
  selected: boolean;
  onOpen(row: PlanRow): void;
}

/**
 * Memoized on the row object: the server sends a new object only when the row changed, so scrolling re-renders
 * just the rows entering the window, and the per-row work (cheapest offer per supplier) runs once per row.
 */
export const GridRow = memo(function GridRow({ row, index, top, supplierIds, nameOf, selected, onOpen }: Props) {
  const t = useT(gridDictionary);
  const cells = useMemo(() => supplierCells(row), [row]);
  const coverage = coverageLabel(t, row.attributes);
  const data = dataLabel(t, row.attributes);
  const days = daysOf(row.attributes);
  const kind = t(`kind.${row.kind}`);
  const level = marginLevel(row);
  const marginHint = level === 'loss' ? t('margin.loss') : level === 'low' ? t('margin.low', { percent: LOW_MARGIN_PERCENT }) : '';

  const open = () => onOpen(row);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open();
    }
  };

  return (
    <div
      role="row"
      aria-rowindex={index + 3}
      aria-selected={selected}
      tabIndex={0}
      className={`grid-row${selected ? ' selected' : ''}${index % 2 ? ' odd' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-plan-key={row.planKey}
      onClick={open}
      onKeyDown={onKeyDown}
    >
      <div role="cell" className="grid-cell title-cell">
        <span className="grid-title" title={row.title}>{row.title}</span>
        <ChangeBadges changes={row.changes} />
      </div>
      <div role="cell" className="grid-cell kind-cell" title={kind}>{kind}</div>
      <div role="cell" className="grid-cell coverage-cell" title={coverage.title}>{coverage.text}</div>
      <div role="cell" className="grid-cell data-cell" title={data.title}>{data.text}</div>
      <div role="cell" className="grid-cell num days-cell">{days ?? '—'}</div>
      {supplierIds.length > 0 ? (
        supplierIds.map((id) => <SupplierCostCell key={id} cell={cells.get(id)} supplierName={nameOf(id)} />)
      ) : (
        <div role="cell" className="grid-cell num best" title={formatExactMoney(row.bestCost)}>{cellAmount(row.bestCost)}</div>
      )}
      <div role="cell" className={`grid-cell num sale-cell${row.locked ? ' locked' : ''}`} title={[formatExactMoney(row.salePrice), row.locked ? t('price.locked') : ''].filter(Boolean).join('\n')}>
        {row.locked && <LockIcon label={t('price.locked')} />}
        {cellAmount(row.salePrice)}
      </div>
      <div role="cell" className={`grid-cell num margin-cell ${level}`} title={[formatExactMoney(row.margin), row.marginPercent !== null ? percentLabel(row.marginPercent) : '', marginHint].filter(Boolean).join('\n')}>
        <span className="margin-amount">
          {(level === 'loss' || level === 'low') && <span className="margin-flag" aria-label={marginHint}>!</span>}
          {cellAmount(row.margin)}
        </span>
        <span className="margin-percent">{row.marginPercent !== null ? percentLabel(row.marginPercent) : ''}</span>
      </div>
    </div>
  );
});
