import type { SyncRun } from '../../../src-shared/sync-types';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n';
import { suppliersDictionary } from '../../i18n/suppliers';
import { syncDictionary } from '../../i18n/sync';
import { runErrorText } from '../sync/run-error';
import { useUiStore } from '../../stores/ui';

const BADGE: Record<SyncRun['status'], string> = {
  ok: 'ok',
  failed: 'bad',
  canceled: 'neutral',
  running: 'neutral',
  held: 'bad',
  discarded: 'neutral',
};

export function LastRunCell({ run }: { run: SyncRun | null }) {
  const t = useT(suppliersDictionary);
  const tSync = useT(syncDictionary);
  const language = useUiStore((s) => s.language);
  if (!run) return <span className="muted">{t('never')}</span>;
  const error = runErrorText(run.error, tSync);
  return (
    <div className="last-run">
      <div className="last-run-line">
        <span className={`badge ${BADGE[run.status]}`}>{t(`status.${run.status}`)}</span>
        <span className="muted">{formatDateTime(run.finishedAt ?? run.startedAt, language)}</span>
      </div>
      {error && run.status !== 'canceled' && (
        <div className="error last-run-error" title={error}>
          {error}
        </div>
      )}
    </div>
  );
}
