import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { describeGridFilter, gridFilterQuery } from '../../stores/export-form';
import { useGridStore } from '../../stores/grid';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { useUiStore } from '../../stores/ui';

/** The Grid screen's filter in one line, so "export the filter" says which rows it means. */
export function GridFilterSummary() {
  const t = useT(exportDictionary);
  const go = useUiStore((s) => s.go);
  const { filters, sort, language } = useGridStore(
    useShallow((s) => ({ filters: s.filters, sort: s.sort, language: s.language })),
  );
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const parts = describeGridFilter(
    gridFilterQuery(filters, sort, language),
    t,
    (id) => supplierName(suppliers, id),
    language,
  );
  const text = parts.length ? t('rows.filterSummary', { filter: parts.join(' · ') }) : t('rows.filterNone');
  return (
    <div className="grid-filter-summary">
      <span className="muted grid-filter-text" title={text}>
        {text}
      </span>
      <button type="button" className="link" onClick={() => go('grid')}>
        {t('rows.filterEdit')}
      </button>
    </div>
  );
}
