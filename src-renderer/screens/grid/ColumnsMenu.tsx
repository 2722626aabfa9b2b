import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useColumnsStore } from './columns-store';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { HIDEABLE_COLUMNS, supplierColumn, type ColumnId } from './columns';
import { usePopover } from './use-popover';

const LABEL_KEYS: Record<(typeof HIDEABLE_COLUMNS)[number], string> = {
  kind: 'col.kind',
  coverage: 'col.coverage',
  data: 'col.data',
  days: 'col.days',
  sale: 'col.sale',
  margin: 'col.margin',
};

/** Which columns show; widths are changed on the header edges. Both are remembered on this computer. */
export function ColumnsMenu() {
  const t = useT(gridDictionary);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const { hidden, widths, setHidden, reset } = useColumnsStore();
  const { open, setOpen, root } = usePopover();
  const changed = hidden.size > 0 || Object.keys(widths).length > 0;

  const check = (column: ColumnId, label: string) => (
    <label key={column} className="check">
      <input
        type="checkbox"
        checked={!hidden.has(column)}
        onChange={(event) => setHidden(column, !event.target.checked)}
      />
      <span>{label}</span>
    </label>
  );

  return (
    <div className="supplier-filter columns-menu" ref={root}>
      <button
        type="button"
        className={`filter-button${hidden.size ? ' active' : ''}`}
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <span className="filter-button-label">
          {hidden.size ? t('columns.someHidden', { count: hidden.size }) : t('columns')}
        </span>
        <span className="caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="supplier-popover columns-popover" role="group" aria-label={t('columns')}>
          {HIDEABLE_COLUMNS.map((column) => check(column, t(LABEL_KEYS[column])))}
          {suppliers.length > 0 && <div className="popover-heading">{t('columns.suppliers')}</div>}
          {suppliers.map((supplier) => check(supplierColumn(supplier.id), supplierName(suppliers, supplier.id)))}
          {changed && (
            <button type="button" className="link" onClick={reset}>
              {t('columns.reset')}
            </button>
          )}
          <p className="popover-note muted">{t('columns.resizeHint')}</p>
        </div>
      )}
    </div>
  );
}
