import { useEffect, useState } from 'react';
import type { LockHolderKind, SyncState } from '../../../src-shared/contract';
import { api } from '../../api';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n';
import { autopilotDictionary } from '../../i18n/autopilot';
import { useUiStore } from '../../stores/ui';

/** How often the Sync screen looks again whether another process syncs this database (it says so in no event). */
const RECHECK_MS = 30_000;

const BODY: Record<LockHolderKind, string> = { daemon: 'daemon.body', app: 'daemon.appBody', cli: 'daemon.cliBody' };

/** "Synced by the background service" (or another window, or the command-line tool): shown instead of fighting the daemon over the database. */
export function BackgroundServiceNotice() {
  const t = useT(autopilotDictionary);
  const language = useUiStore((s) => s.language);
  const [lockedBy, setLockedBy] = useState<SyncState['lockedBy']>(null);
  useEffect(() => {
    const check = () =>
      void api()
        ['sync.state']()
        .then(
          (state) => setLockedBy(state.lockedBy ?? null),
          () => undefined,
        );
    check();
    const timer = setInterval(check, RECHECK_MS);
    return () => clearInterval(timer);
  }, []);
  if (!lockedBy) return null;
  const params = { pid: lockedBy.pid, host: lockedBy.host, heartbeat: formatDateTime(lockedBy.heartbeatAt, language) };
  return (
    <div className="card background-service-notice" role="status">
      <strong>{lockedBy.holder === 'daemon' ? t('daemon.title') : t('busy.title')}</strong>
      <p>{t(BODY[lockedBy.holder], params)}</p>
    </div>
  );
}
