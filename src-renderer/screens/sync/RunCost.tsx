import type { SyncRun } from '../../../src-shared/sync-types';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';

/** "Incremental · 12 requests · waited 31 s for the request limit": how a run listed and what it cost the connection. */
export function RunCost({ run }: { run: Pick<SyncRun, 'mode' | 'requests' | 'waitMs'> }) {
  const t = useT(syncDictionary);
  const waitedSeconds = Math.round(run.waitMs / 1000);
  return (
    <span className="run-cost muted">
      <span
        className={`run-mode run-mode-${run.mode}`}
        title={t(run.mode === 'incremental' ? 'mode.incrementalHint' : 'mode.fullHint')}
      >
        {t(run.mode === 'incremental' ? 'mode.incremental' : 'mode.full')}
      </span>
      {' · '}
      {t('cost.requests', { n: run.requests.toLocaleString() })}
      {waitedSeconds > 0 && <> · {t('cost.waited', { s: waitedSeconds.toLocaleString() })}</>}
    </span>
  );
}
