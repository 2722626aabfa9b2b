import { useEffect } from 'react';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { suppliersDictionary } from '../../i18n/suppliers';
import { useGridStore } from '../../stores/grid';
import { hasActiveFilters } from '../../stores/grid-query';
import { useSuppliersStore } from '../../stores/suppliers';
import { useSyncStore } from '../../stores/sync';
import { useUiStore } from '../../stores/ui';
import { formatList } from '../../stores/format-list';

export function GridEmptyState({ currency }: { currency: string }) {
  const t = useT(gridDictionary);
  const ts = useT(suppliersDictionary);
  const language = useUiStore((s) => s.language);
  const filters = useGridStore((s) => s.filters);
  const clearFilters = useGridStore((s) => s.clearFilters);
  const lastRun = useGridStore((s) => s.lastRun);
  const runsKnown = useGridStore((s) => s.runsKnown);
  const go = useUiStore((s) => s.go);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const suppliersLoaded = useSuppliersStore((s) => s.loaded);
  const loadSuppliers = useSuppliersStore((s) => s.load);
  const syncing = useSyncStore((s) => s.running);

  useEffect(() => {
    if (!suppliersLoaded) void loadSuppliers();
    useSyncStore.getState().connect();
  }, [suppliersLoaded, loadSuppliers]);

  if (hasActiveFilters(filters)) {
    return (
      <EmptyState>
        <div className="grid-empty">
          <h2>{t('empty.filtered.title')}</h2>
          <p>{t('empty.filtered.body')}</p>
          <button type="button" className="button" onClick={clearFilters}>
            {t('filters.clear')}
          </button>
        </div>
      </EmptyState>
    );
  }

  // A supplier just added has never been synced: the way forward is its first sync, not the last run of another one.
  const neverSynced = suppliers.filter((s) => !s.demo && s.lastRun === null);
  if (neverSynced.length > 0) {
    const names = formatList(
      neverSynced.map((s) => s.name),
      language,
    );
    return (
      <EmptyState>
        <div className="grid-empty" data-testid="grid-empty" data-state="never-synced">
          <h2>{ts('grid.syncNew.title', { names })}</h2>
          <p>{ts('grid.syncNew.body')}</p>
          <div className="grid-empty-actions">
            <button
              type="button"
              className="button primary"
              disabled={syncing}
              onClick={() => useSyncStore.getState().syncSuppliers(neverSynced.map((s) => s.id))}
            >
              {syncing ? ts('grid.syncNew.running') : ts('grid.syncNew.button', { names })}
            </button>
            <button type="button" className="button" onClick={() => go('sync')}>
              {t('empty.goSync')}
            </button>
          </div>
        </div>
      </EmptyState>
    );
  }

  const synced = suppliersLoaded ? suppliers.some((s) => s.lastRun !== null) : runsKnown && lastRun !== null;
  return (
    <EmptyState>
      <div className="grid-empty" data-testid="grid-empty">
        <h2>{synced ? t('empty.synced.title') : t('empty.neverSynced.title')}</h2>
        <p>{synced ? t('empty.synced.body') : t('empty.neverSynced.body', { currency })}</p>
        <div className="grid-empty-actions">
          <button type="button" className="button primary" onClick={() => go('sync')}>
            {t('empty.goSync')}
          </button>
          <button type="button" className="button" onClick={() => go('suppliers')}>
            {t('empty.goSuppliers')}
          </button>
        </div>
      </div>
    </EmptyState>
  );
}
