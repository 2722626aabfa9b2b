import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { autopilotDictionary } from '../../i18n/autopilot';
import { syncDictionary } from '../../i18n/sync';
import { useSettingsStore } from '../../stores/settings';
import { useSuppliersStore } from '../../stores/suppliers';
import { useSyncStore } from '../../stores/sync';
import { BackgroundServiceNotice } from './BackgroundServiceNotice';
import { HeldRuns } from './HeldRuns';
import { RunDiff } from './RunDiff';
import { RunHistory } from './RunHistory';
import { SupplierProgressList } from './SupplierProgressList';
import { SyncSchedule } from './SyncSchedule';
import './sync.css';

/** Why the main process refused to start a sync another process is running (app-services' SYNCED_BY codes). */
const SYNCED_ELSEWHERE = ['synced_by_background_service', 'synced_by_command_line', 'synced_by_other_window'];

/** The code of a start refused because another process syncs this database, as it reaches the store, or null. */
function syncedElsewhere(error: string): string | null {
  return SYNCED_ELSEWHERE.find((code) => error === code || error.endsWith(`: ${code}`)) ?? null;
}

export function SyncScreen() {
  const t = useT(syncDictionary);
  const tAutopilot = useT(autopilotDictionary);
  const { running, startError, connect, loadRuns, loadHeld, syncAll, cancel } = useSyncStore(
    useShallow((s) => ({
      running: s.running,
      startError: s.startError,
      connect: s.connect,
      loadRuns: s.loadRuns,
      loadHeld: s.loadHeld,
      syncAll: s.syncAll,
      cancel: s.cancel,
    })),
  );
  const suppliers = useSuppliersStore();
  const loadSettings = useSettingsStore((s) => s.load);

  useEffect(() => {
    connect();
    void loadRuns();
    void loadHeld();
    void suppliers.load();
    void loadSettings();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per visit; the stores' functions are stable
  }, []);

  return (
    <section className="screen-page sync-screen">
      <header className="screen-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted screen-lede">{t('lede')}</p>
        </div>
        <div className="sync-header-actions">
          {running && (
            <button className="button danger" onClick={() => void cancel()}>
              {t('cancel')}
            </button>
          )}
          <button
            className="button"
            onClick={() => syncAll({ full: true })}
            disabled={running || suppliers.suppliers.length === 0}
            title={t('fullSync.hint')}
          >
            {t('fullSync')}
          </button>
          <button className="primary" onClick={() => syncAll()} disabled={running || suppliers.suppliers.length === 0}>
            {running ? t('running') : t('syncAll')}
          </button>
        </div>
      </header>
      <BackgroundServiceNotice />
      {startError && (
        <div className="sync-start-error" role="alert">
          {syncedElsewhere(startError) ? tAutopilot(syncedElsewhere(startError)!) : startError}
        </div>
      )}

      <HeldRuns />

      <div className="card sync-suppliers">
        {suppliers.loading && <LoadingState />}
        {suppliers.error && <ErrorState message={suppliers.error} onRetry={() => void suppliers.load()} />}
        {suppliers.loaded && <SupplierProgressList />}
        <SyncSchedule />
      </div>

      <div className="sync-split">
        <RunHistory />
        <RunDiff />
      </div>
    </section>
  );
}
