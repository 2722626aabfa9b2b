import { memo, type ReactNode } from 'react';
import type { GridSortColumn } from '../../../src-shared/grid-types';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useGridStore } from '../../stores/grid';
import { ColumnResizer } from './ColumnResizer';
import type { ColumnId, ColumnLayout } from './columns';
import { SelectAllBox } from './SelectAllBox';
import { SortButton } from './SortButton';

interface Props {
  layout: ColumnLayout;
  /** A supplier's name, or its id (stores/suppliers.ts supplierName). */
  nameOf: (supplierId: string) => string;
  currency: string;
}

/** Memoized: its props only change with the columns, so scrolling never re-renders the header. */
export const GridHeader = memo(function GridHeader({ layout, nameOf, currency }: Props) {
  const t = useT(gridDictionary);
  const sort = useGridStore((s) => s.sort);
  const ariaSort = (...columns: GridSortColumn[]) =>
    columns.includes(sort.column) ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;

  const head = (column: ColumnId, label: string, content: ReactNode, className = '', sorted?: GridSortColumn[]) => (
    <div
      key={column}
      role="columnheader"
      className={`grid-cell head ${className}`}
      aria-sort={sorted ? ariaSort(...sorted) : undefined}
      data-column={column}
    >
      {content}
      <ColumnResizer column={column} label={label} />
    </div>
  );
  const sortable = (column: ColumnId, sortColumn: GridSortColumn, labelKey: string, className = '') =>
    head(
      column,
      t(labelKey),
      <SortButton column={sortColumn} label={t(labelKey)} hint={t('sort.hint', { column: t(labelKey) })} />,
      className,
      [sortColumn],
    );
  const plain = (column: ColumnId, labelKey: string, className = '') =>
    head(
      column,
      t(labelKey),
      <span className="head-label" title={t(labelKey)}>
        {t(labelKey)}
      </span>,
      className,
    );

  const cell = (column: ColumnId): ReactNode => {
    switch (column) {
      case 'select':
        return (
          <div key={column} role="columnheader" className="grid-cell head select-cell">
            <SelectAllBox />
          </div>
        );
      case 'title':
        return sortable(column, 'title', 'col.title', 'title-cell');
      case 'kind':
        return plain(column, 'col.kind');
      case 'coverage':
        return plain(column, 'col.coverage');
      case 'data':
        return sortable(column, 'data', 'col.data');
      case 'days':
        return sortable(column, 'days', 'col.days', 'num');
      case 'best':
        return plain(column, 'detail.bestCost', 'num');
      case 'sale':
        return sortable(column, 'salePrice', 'col.sale', 'num');
      case 'margin':
        return head(
          column,
          t('col.margin'),
          <>
            <SortButton column="margin" label={t('col.margin')} hint={t('sort.hint', { column: t('col.margin') })} />
            <SortButton
              column="marginPercent"
              label={t('col.marginPercent.short')}
              hint={t('sort.hint', { column: t('col.marginPercent') })}
            />
          </>,
          'num margin-head',
          ['margin', 'marginPercent'],
        );
      default: {
        const name = nameOf(column.slice('supplier:'.length));
        // Up to three short lines, broken between words, after a hyphen or between the parts of a CamelCase name
        // ("Demo / Billion / Connect"), so a narrow column shows the whole name rather than "Demo BillionC…".
        return head(
          column,
          name,
          <span className="supplier-name" title={name}>
            {name.replace(/([a-z])(?=[A-Z][a-z])/g, '$1\u200B')}
          </span>,
          'num supplier-head',
        );
      }
    }
  };

  return (
    <div role="rowgroup" className="grid-header">
      <div role="row" aria-rowindex={1} className="grid-header-groups">
        <div role="columnheader" className="group plan-group" style={{ gridColumn: `span ${layout.spans.plan}` }} />
        {layout.spans.cost > 0 && (
          <div
            role="columnheader"
            className="group cost-group"
            style={{ gridColumn: `span ${layout.spans.cost}` }}
            aria-sort={ariaSort('bestCost', 'suppliers')}
          >
            <span className="group-label" title={t('group.cost', { currency })}>
              {t('group.cost', { currency })}
            </span>
            <SortButton column="bestCost" label={t('sort.bestCost')} hint={t('sort.bestCost.hint')} />
            <SortButton column="suppliers" label={t('sort.suppliers')} hint={t('sort.suppliers.hint')} />
          </div>
        )}
        {layout.spans.price > 0 && (
          <div role="columnheader" className="group price-group" style={{ gridColumn: `span ${layout.spans.price}` }}>
            <span className="group-label" title={t('group.price', { currency })}>
              {t('group.price', { currency })}
            </span>
          </div>
        )}
      </div>
      <div role="row" aria-rowindex={2} className="grid-header-columns">
        {layout.columns.map(cell)}
      </div>
    </div>
  );
});
