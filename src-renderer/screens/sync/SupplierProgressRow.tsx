import type { ReactNode } from 'react';
import type { SupplierSummary } from '../../../src-shared/contract';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import { isActive, progressFraction, type SupplierProgress } from '../../stores/sync-progress';
import { useUiStore } from '../../stores/ui';
import { ProgressBar } from './ProgressBar';
import { RunCounts } from './RunCounts';
import { StatusBadge } from './StatusBadge';
import { runErrorText } from './run-error';
import { WaitingCountdown } from './WaitingCountdown';
import { supplierName } from '../../components/supplier-name';

interface Props {
  supplier: SupplierSummary;
  kindLabel: string;
  progress: SupplierProgress | undefined;
  syncDisabled: boolean;
  onSync: () => void;
}

export function SupplierProgressRow({ supplier, kindLabel, progress, syncDisabled, onSync }: Props) {
  const t = useT(syncDictionary);
  const language = useUiStore((s) => s.language);
  const active = isActive(progress);
  const lastRun = supplier.lastRun;

  let detail: ReactNode;
  if (progress?.phase === 'queued') detail = t('progress.queued');
  else if (progress?.phase === 'running' && progress.waitingUntil !== null)
    detail = <WaitingCountdown resumesAt={progress.waitingUntil} />;
  else if (progress?.phase === 'running') {
    detail =
      progress.pagesTotal === null
        ? t('progress.pagesOpen', { done: progress.pagesDone, items: progress.items.toLocaleString() })
        : t('progress.pages', {
            done: progress.pagesDone,
            total: progress.pagesTotal,
            items: progress.items.toLocaleString(),
          });
  } else if (progress?.phase === 'ok' && progress.counts) {
    detail = <RunCounts counts={progress.counts} />;
  } else if (progress?.phase === 'canceled') {
    detail = <span className="muted">{t('progress.canceled')}</span>;
  } else if (progress?.phase === 'held') {
    detail = <span className="progress-waiting">{t('progress.held')}</span>;
  } else if (progress?.error) {
    detail = <span className="error">{runErrorText(progress.error, t)}</span>;
  } else if (lastRun) {
    detail =
      lastRun.error && lastRun.status === 'failed' ? (
        <span className="error">{runErrorText(lastRun.error, t)}</span>
      ) : lastRun.status === 'held' ? (
        <span className="progress-waiting">{t('progress.held')}</span>
      ) : (
        t('lastSynced', {
          when: formatDateTime(lastRun.finishedAt ?? lastRun.startedAt, language),
          offers: supplier.offers.toLocaleString(),
        })
      );
  } else detail = <span className="muted">{t('neverSynced')}</span>;

  const phase = progress?.phase ?? lastRun?.status ?? null;
  return (
    <li className={`progress-row${active ? ' active' : ''}`} data-supplier={supplier.id}>
      <div className="progress-name">
        <span className="progress-title">{supplierName([supplier], supplier.id)}</span>
        <span className="muted">{kindLabel}</span>
      </div>
      <div className="progress-status">{phase && <StatusBadge status={phase} />}</div>
      <div className="progress-body">
        {progress && (
          <ProgressBar
            fraction={progressFraction(progress)}
            tone={progress.phase}
            label={t('progress.label', { name: supplierName([supplier], supplier.id) })}
          />
        )}
        <div className="progress-detail">{detail}</div>
      </div>
      <button className="button" onClick={onSync} disabled={syncDisabled}>
        {t('syncOne')}
      </button>
    </li>
  );
}
