import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useGridStore } from '../../stores/grid';
import { useUiStore } from '../../stores/ui';

export function GridSummary({ currency }: { currency: string }) {
  const t = useT(gridDictionary);
  const language = useUiStore((s) => s.language);
  const total = useGridStore((s) => s.total);
  const loading = useGridStore((s) => s.status === 'loading' || s.stalePages.size > 0);
  // A failed query has no count of its own: the previous one would describe rows that are not shown.
  const failed = useGridStore((s) => s.status === 'error' && Object.keys(s.pages).length === 0);
  const lastRun = useGridStore((s) => s.lastRun);
  const runsKnown = useGridStore((s) => s.runsKnown);
  const count = total === null || failed ? null : new Intl.NumberFormat(language).format(total);
  return (
    <div className="grid-summary" aria-live="polite">
      {count !== null && (
        <strong data-testid="grid-count">{total === 1 ? t('grid.count.one') : t('grid.count', { count })}</strong>
      )}
      <span className="currency-chip" data-testid="grid-currency">
        {t('grid.currency', { currency })}
      </span>
      {runsKnown && (
        <span className="muted">
          {lastRun
            ? t('grid.lastSync', { time: formatDateTime(lastRun.finishedAt ?? lastRun.startedAt, language) })
            : t('grid.neverSynced')}
        </span>
      )}
      {loading && total !== null && <span className="muted updating">{t('grid.updating')}</span>}
    </div>
  );
}
