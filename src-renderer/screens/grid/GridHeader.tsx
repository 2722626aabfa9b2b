import type { GridSortColumn } from '../../../src-main/grid/types';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useGridStore } from '../../stores/grid';
import { SortButton } from './SortButton';

interface Props {
  supplierIds: readonly string[];
  /** A supplier's name, or its id (stores/suppliers.ts supplierName). */
  nameOf: (supplierId: string) => string;
  currency: string;
}

export function GridHeader({ supplierIds, nameOf, currency }: Props) {
  const t = useT(gridDictionary);
  const sort = useGridStore((s) => s.sort);
  const ariaSort = (...columns: GridSortColumn[]) =>
    columns.includes(sort.column) ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;

  const sortable = (column: GridSortColumn, labelKey: string, className = '') => (
    <div role="columnheader" className={`grid-cell head ${className}`} aria-sort={ariaSort(column)}>
      <SortButton column={column} label={t(labelKey)} hint={t('sort.hint', { column: t(labelKey) })} />
    </div>
  );
  const plain = (labelKey: string, className = '') => (
    <div role="columnheader" className={`grid-cell head ${className}`} title={t(labelKey)}>{t(labelKey)}</div>
  );

  return (
    <div role="rowgroup" className="grid-header">
      <div role="row" aria-rowindex={1} className="grid-header-groups">
        <div role="columnheader" className="group plan-group" />
        <div role="columnheader" className="group cost-group" style={{ gridColumn: `span ${Math.max(supplierIds.length, 1)}` }} aria-sort={ariaSort('bestCost', 'suppliers')}>
          <span className="group-label" title={t('group.cost', { currency })}>{t('group.cost', { currency })}</span>
          <SortButton column="bestCost" label={t('sort.bestCost')} hint={t('sort.bestCost.hint')} />
          <SortButton column="suppliers" label={t('sort.suppliers')} hint={t('sort.suppliers.hint')} />
        </div>
        <div role="columnheader" className="group price-group">
          <span className="group-label" title={t('group.price', { currency })}>{t('group.price', { currency })}</span>
        </div>
      </div>
      <div role="row" aria-rowindex={2} className="grid-header-columns">
        {sortable('title', 'col.title', 'title-cell')}
        {plain('col.kind')}
        {plain('col.coverage')}
        {sortable('data', 'col.data')}
        {sortable('days', 'col.days', 'num')}
        {supplierIds.length > 0
          ? supplierIds.map((id) => (
            <div key={id} role="columnheader" className="grid-cell head num supplier-head" title={nameOf(id)}>
              {/* A non-breaking hyphen: "Dujiao-" on one line and "Next" clipped away reads as a different name. */}
              <span className="supplier-name">{nameOf(id).replace(/-/g, '\u2011')}</span>
            </div>
          ))
          : plain('detail.bestCost', 'num')}
        {sortable('salePrice', 'col.sale', 'num')}
        <div role="columnheader" className="grid-cell head num margin-head" aria-sort={ariaSort('margin', 'marginPercent')}>
          <SortButton column="margin" label={t('col.margin')} hint={t('sort.hint', { column: t('col.margin') })} />
          <SortButton column="marginPercent" label={t('col.marginPercent.short')} hint={t('sort.hint', { column: t('col.marginPercent') })} />
        </div>
      </div>
    </div>
  );
}
