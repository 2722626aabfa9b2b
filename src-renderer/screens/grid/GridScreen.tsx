import { useEffect } from 'react';
import { api } from '../../api';
import { ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useAppStore } from '../../stores/app';
import { useGridStore } from '../../stores/grid';
import { useSuppliersStore } from '../../stores/suppliers';
import { hasActiveFilters } from '../../stores/grid-query';
import { useUiStore } from '../../stores/ui';
import { BulkBar } from './BulkBar';
import { ColumnsMenu } from './ColumnsMenu';
import { DetailPanel } from './DetailPanel';
import { Filters } from './Filters';
import { GridEmptyState } from './GridEmptyState';
import { GridSummary } from './GridSummary';
import { GridSyncButton } from './GridSyncButton';
import { GridTable } from './GridTable';
import { PossibleMatches } from './PossibleMatches';
import './grid.css';

export function GridScreen() {
  const t = useT(gridDictionary);
  const language = useUiStore((s) => s.language);
  const appCurrency = useAppStore((s) => s.info?.currency);
  const total = useGridStore((s) => s.total);
  const status = useGridStore((s) => s.status);
  const error = useGridStore((s) => s.error);
  const hasPages = useGridStore((s) => Object.keys(s.pages).length > 0);
  const pageCurrency = useGridStore((s) => s.currency);
  const selected = useGridStore((s) => s.selected);
  const retry = useGridStore((s) => s.retry);
  const filtersActive = useGridStore((s) => hasActiveFilters(s.filters));
  const clearFilters = useGridStore((s) => s.clearFilters);
  const currency = pageCurrency ?? appCurrency ?? '';

  // Titles, and the title sort, follow the UI language.
  useEffect(() => {
    useGridStore.getState().setLanguage(language);
  }, [language]);

  useEffect(() => {
    const store = useGridStore.getState();
    // Back from another screen: what is cached may predate a sync that ran meanwhile.
    if (Object.keys(store.pages).length > 0) store.refresh();
    else void store.loadLastRun();
    // A cost column per supplier; the list refreshes itself on grid.changed (stores/suppliers.ts).
    void useSuppliersStore.getState().load();
    return api().on('grid.changed', () => useGridStore.getState().refresh());
  }, []);

  let body;
  if (status === 'error' && !hasPages) body = <ErrorState message={error ?? ''} onRetry={retry} />;
  else if (total === null) body = <LoadingState />;
  else if (total === 0) body = <GridEmptyState currency={currency} />;
  else body = <GridTable currency={currency} />;

  return (
    <section className="grid-screen">
      <div className="grid-top">
        <h1>{t('nav.grid')}</h1>
        <GridSummary currency={currency} />
        <PossibleMatches />
        {filtersActive && (
          <button type="button" className="link clear-filters" onClick={clearFilters}>
            {t('filters.clear')}
          </button>
        )}
        <div className="grid-top-actions">
          <ColumnsMenu />
          <GridSyncButton />
        </div>
      </div>
      <Filters currency={currency} />
      {total !== null && total > 0 && <BulkBar currency={currency} />}
      {/* Over the table the drawer may hide the big error state; this line stays in view. */}
      {status === 'error' && (hasPages || selected) && (
        <div className="grid-inline-error" role="alert">
          <span>{t('state.error', { message: error ?? '' })}</span>
          <button type="button" className="button small" onClick={retry}>
            {t('action.retry')}
          </button>
        </div>
      )}
      <div className="grid-body-area">
        {body}
        {selected && <DetailPanel selected={selected} currency={currency} />}
      </div>
    </section>
  );
}
