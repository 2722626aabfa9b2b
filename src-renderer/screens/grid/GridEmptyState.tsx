import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useGridStore } from '../../stores/grid';
import { hasActiveFilters } from '../../stores/grid-query';
import { useUiStore } from '../../stores/ui';

export function GridEmptyState({ currency }: { currency: string }) {
  const t = useT(gridDictionary);
  const filters = useGridStore((s) => s.filters);
  const clearFilters = useGridStore((s) => s.clearFilters);
  const lastRun = useGridStore((s) => s.lastRun);
  const runsKnown = useGridStore((s) => s.runsKnown);
  const go = useUiStore((s) => s.go);

  if (hasActiveFilters(filters)) {
    return (
      <EmptyState>
        <div className="grid-empty">
          <h2>{t('empty.filtered.title')}</h2>
          <p>{t('empty.filtered.body')}</p>
          <button type="button" className="button" onClick={clearFilters}>{t('filters.clear')}</button>
        </div>
      </EmptyState>
    );
  }
  const synced = runsKnown && lastRun !== null;
  return (
    <EmptyState>
      <div className="grid-empty" data-testid="grid-empty">
        <h2>{synced ? t('empty.synced.title') : t('empty.neverSynced.title')}</h2>
        <p>{synced ? t('empty.synced.body') : t('empty.neverSynced.body', { currency })}</p>
        <div className="grid-empty-actions">
          <button type="button" className="button primary" onClick={() => go('sync')}>{t('empty.goSync')}</button>
          <button type="button" className="button" onClick={() => go('suppliers')}>{t('empty.goSuppliers')}</button>
        </div>
      </div>
    </EmptyState>
  );
}
