import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import { useSuppliersStore } from '../../stores/suppliers';
import { supplierName } from '../../components/supplier-name';
import { useSyncStore } from '../../stores/sync';
import { useUiStore } from '../../stores/ui';
import { RunItem } from './RunItem';

export function RunHistory() {
  const t = useT(syncDictionary);
  const { runs, runsLoaded, runsError, loadRuns, selectedRunId, selectRun } = useSyncStore(
    useShallow((s) => ({
      runs: s.runs,
      runsLoaded: s.runsLoaded,
      runsError: s.runsError,
      loadRuns: s.loadRuns,
      selectedRunId: s.selectedRunId,
      selectRun: s.selectRun,
    })),
  );
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const language = useUiStore((s) => s.language);
  return (
    <div className="card sync-history">
      <h2>{t('history')}</h2>
      {!runsLoaded && <LoadingState />}
      {runsError && <ErrorState message={runsError} onRetry={() => void loadRuns()} />}
      {runsLoaded && !runsError && runs.length === 0 && <EmptyState>{t('history.empty')}</EmptyState>}
      {runs.length > 0 && (
        <ul className="run-list pick-list" aria-label={t('history')}>
          {runs.map((run) => (
            <RunItem
              key={run.id}
              run={run}
              supplierName={supplierName(suppliers, run.supplierId)}
              selected={run.id === selectedRunId}
              onSelect={() => void selectRun(run.id, language)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
