import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useSuppliersStore } from '../../stores/suppliers';
import { useSyncStore } from '../../stores/sync';
import { useUiStore } from '../../stores/ui';

const FINISHED = new Set(['ok', 'held', 'discarded', 'failed', 'canceled']);

/** Sync from where the merchant works, and see it progress there; the Sync screen keeps the detail. */
export function GridSyncButton() {
  const t = useT(gridDictionary);
  const go = useUiStore((s) => s.go);
  const hasSuppliers = useSuppliersStore((s) => s.suppliers.length > 0);
  const { running, progress, startError, syncAll, connect } = useSyncStore(
    useShallow((s) => ({
      running: s.running,
      progress: s.progress,
      startError: s.startError,
      syncAll: s.syncAll,
      connect: s.connect,
    })),
  );
  useEffect(() => connect(), [connect]);
  const suppliers = Object.values(progress);
  const finished = suppliers.filter((p) => FINISHED.has(p.phase)).length;
  const failed = suppliers.filter((p) => p.phase === 'failed').length;
  const held = suppliers.filter((p) => p.phase === 'held').length;

  let state: string | null = null;
  if (running) state = t('sync.state.running', { done: finished, total: suppliers.length });
  else if (startError) state = t('sync.state.error');
  else if (failed > 0) state = t('sync.state.failed', { count: failed });
  else if (held > 0) state = t('sync.state.held', { count: held });

  return (
    <div className="grid-sync" data-testid="grid-sync">
      {state && (
        <button
          type="button"
          className={`link grid-sync-state${failed || held || startError ? ' warn' : ''}`}
          onClick={() => go('sync')}
          aria-live="polite"
        >
          {running && <span className="spinner" aria-hidden="true" />}
          {state}
        </button>
      )}
      <button type="button" className="button small" disabled={running || !hasSuppliers} onClick={() => syncAll()}>
        {running ? t('sync.running') : t('sync.now')}
      </button>
    </div>
  );
}
