import type { SyncRun } from '../../../src-shared/sync-types';
import { sayDuration } from '../../components/format';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';

/**
 * "Incremental · 12 requests · listing took 3.2 s · waited 31 s for the request limit": how a run listed and what it
 * cost the connection. Runs recorded before listings were timed (fetchMs null) say no time.
 */
export function RunCost({ run }: { run: Pick<SyncRun, 'mode' | 'requests' | 'waitMs' | 'fetchMs'> }) {
  const t = useT(syncDictionary);
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
      {run.fetchMs !== null && <> · {t('cost.fetched', { duration: sayDuration(t, run.fetchMs) })}</>}
      {run.waitMs >= 500 && <> · {t('cost.waited', { duration: sayDuration(t, run.waitMs) })}</>}
    </span>
  );
}
