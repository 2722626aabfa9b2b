import { useShallow } from 'zustand/react/shallow';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useExportStore } from '../../stores/export';
import { HistoryRow } from './HistoryRow';

export function ExportHistory() {
  const t = useT(exportDictionary);
  const { history, historyStatus, historyError, loadHistory } = useExportStore(
    useShallow((s) => ({
      history: s.history,
      historyStatus: s.historyStatus,
      historyError: s.historyError,
      loadHistory: s.loadHistory,
    })),
  );
  // Newest first: the first entry of each preset is the file that store has now.
  const current = new Set<number>();
  const seen = new Set<string>();
  for (const entry of history) {
    if (seen.has(entry.preset)) continue;
    seen.add(entry.preset);
    current.add(entry.id);
  }
  return (
    <section className="card export-history" aria-labelledby="export-history-heading">
      <div className="history-heading">
        <h2 id="export-history-heading">{t('history')}</h2>
        <span className="muted">{t('history.lede')}</span>
      </div>
      {historyStatus === 'loading' && <LoadingState />}
      {historyStatus === 'error' && historyError && (
        <ErrorState message={historyError} onRetry={() => void loadHistory()} />
      )}
      {historyStatus === 'ready' && history.length === 0 && <EmptyState>{t('history.empty')}</EmptyState>}
      {history.length > 0 && (
        <div className="history-scroll">
          <table className="table history-table">
            <thead>
              <tr>
                <th scope="col" className="history-when">
                  {t('history.when')}
                </th>
                <th scope="col">{t('history.preset')}</th>
                <th scope="col" className="num">
                  {t('history.rows')}
                </th>
                <th scope="col">{t('history.delivery')}</th>
                <th scope="col">{t('history.options')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((entry) => (
                <HistoryRow key={entry.id} entry={entry} current={current.has(entry.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
