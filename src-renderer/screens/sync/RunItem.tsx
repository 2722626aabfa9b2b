import type { SyncRun } from '../../../src-shared/sync-types';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import { useUiStore } from '../../stores/ui';
import { RunCost } from './RunCost';
import { RunCounts } from './RunCounts';
import { heldReasonText } from './held-reason';
import { runErrorText } from './run-error';
import { StatusBadge } from './StatusBadge';

export function RunItem({
  run,
  supplierName,
  selected,
  onSelect,
}: {
  run: SyncRun;
  supplierName: string;
  selected: boolean;
  onSelect: () => void;
}) {
  const t = useT(syncDictionary);
  const language = useUiStore((s) => s.language);
  return (
    <li>
      <button
        className={`run-item pick-item${selected ? ' selected' : ''}`}
        aria-pressed={selected}
        onClick={onSelect}
        data-run={run.id}
      >
        <span className="pick-line">
          <span className="run-supplier" title={supplierName}>
            {supplierName}
          </span>
          <StatusBadge status={run.status} />
          <span className="run-time muted">{formatDateTime(run.startedAt, language)}</span>
        </span>
        <span className="pick-line run-summary">
          {run.status === 'held' || run.status === 'discarded' ? (
            <span className={run.status === 'held' ? 'progress-waiting' : 'muted'}>
              {run.held ? heldReasonText(run.held, supplierName, t) : t(`status.${run.status}`)}
            </span>
          ) : run.status === 'ok' ? (
            <RunCounts counts={run} />
          ) : run.status === 'running' ? (
            <span className="muted">{t('history.inProgress')}</span>
          ) : (
            <span className={run.status === 'failed' ? 'error run-error' : 'muted'}>
              {run.status === 'failed' ? runErrorText(run.error, t) : t('progress.canceled')}
            </span>
          )}
        </span>
        {run.status !== 'running' && (
          <span className="pick-line">
            <RunCost run={run} />
          </span>
        )}
      </button>
    </li>
  );
}
