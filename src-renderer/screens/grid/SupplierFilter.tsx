import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useGridStore } from '../../stores/grid';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { usePopover } from './use-popover';
import { useUiStore } from '../../stores/ui';
import { formatList } from '../../stores/format-list';

/** Several suppliers at once: a native <select multiple> is unusable here, so a small checkbox popover. */
export function SupplierFilter() {
  const t = useT(gridDictionary);
  const language = useUiStore((s) => s.language);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const chosen = useGridStore((s) => s.filters.suppliers);
  const setFilters = useGridStore((s) => s.setFilters);
  const { open, setOpen, root } = usePopover();

  const nameOf = (id: string) => supplierName(suppliers, id);
  const label =
    chosen.length === 0
      ? t('filters.suppliers.all')
      : chosen.length === 1
        ? t('filters.suppliers.only', { name: nameOf(chosen[0]) })
        : t('filters.suppliers.some', { count: chosen.length });

  const toggle = (id: string) =>
    setFilters({ suppliers: chosen.includes(id) ? chosen.filter((s) => s !== id) : [...chosen, id] });

  return (
    <div className="supplier-filter" ref={root}>
      <button
        type="button"
        className={`filter-button${chosen.length ? ' active' : ''}`}
        aria-haspopup="true"
        aria-expanded={open}
        title={chosen.length ? formatList(chosen.map(nameOf), language) : undefined}
        onClick={() => setOpen(!open)}
      >
        <span className="filter-button-label">{label}</span>
        <span className="caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="supplier-popover" role="group" aria-label={t('filters.suppliers')}>
          {suppliers.map((supplier) => (
            <label key={supplier.id} className="check">
              <input type="checkbox" checked={chosen.includes(supplier.id)} onChange={() => toggle(supplier.id)} />
              <span>{nameOf(supplier.id)}</span>
            </label>
          ))}
          {chosen.length > 0 && (
            <button type="button" className="link" onClick={() => setFilters({ suppliers: [] })}>
              {t('filters.suppliers.all')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
