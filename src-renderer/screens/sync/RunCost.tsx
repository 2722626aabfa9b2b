import type { SyncRun } from '../../../src-shared/sync-types';
import { formatBytes, sayDuration } from '../../components/format';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import { useUiStore } from '../../stores/ui';

/**
 * "Incremental · 12 requests · 1.2 MB · listing took 3.2 s · waited 31 s for the request limit": how a run listed and
 * what it cost the connection. Runs recorded before listings were timed (fetchMs null) say no time.
 */
export function RunCost({ run }: { run: Pick<SyncRun, 'mode' | 'requests' | 'bytes' | 'waitMs' | 'fetchMs'> }) {
  const t = useT(syncDictionary);
  const language = useUiStore((s) => s.language);
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
      {run.bytes > 0 && <> · {formatBytes(run.bytes, language)}</>}
      {run.fetchMs !== null && <> · {t('cost.fetched', { duration: sayDuration(t, run.fetchMs) })}</>}
      {run.waitMs >= 500 && <> · {t('cost.waited', { duration: sayDuration(t, run.waitMs) })}</>}
    </span>
  );
}
