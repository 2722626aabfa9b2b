import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatDateTime } from '../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import { supplierName, useSuppliersStore } from '../../stores/suppliers';
import { useSyncStore } from '../../stores/sync';
import { CHANGE_FILTERS, countByFilter, matchesFilter } from '../../stores/sync-changes';
import { useUiStore } from '../../stores/ui';
import { ChangeRow } from './ChangeRow';

/** Long first syncs add thousands of offers; the list grows on request rather than all at once. */
const PAGE = 200;

export function RunDiff() {
  const t = useT(syncDictionary);
  // Progress events arrive many times a second during a sync: this long list must not re-render for them.
  const { runs, selectedRunId, changes, changesError, filter, setFilter, selectRun } = useSyncStore(
    useShallow((s) => ({ runs: s.runs, selectedRunId: s.selectedRunId, changes: s.changes, changesError: s.changesError, filter: s.filter, setFilter: s.setFilter, selectRun: s.selectRun })),
  );
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const language = useUiStore((s) => s.language);
  const [shown, setShown] = useState(PAGE);
  const run = runs.find((r) => r.id === selectedRunId) ?? null;

  // Titles come back in the reader's language, so a language switch refetches the open diff.
  useEffect(() => {
    if (selectedRunId !== null) void selectRun(selectedRunId, language);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the language matters here
  }, [language]);
  useEffect(() => setShown(PAGE), [selectedRunId, filter]);

  if (selectedRunId === null) {
    return (
      <div className="card sync-diff">
        <h2>{t('diff')}</h2>
        <EmptyState>{t('diff.pick')}</EmptyState>
      </div>
    );
  }

  // A failed or canceled run kept the previous catalog: its note says so, and an empty diff adds nothing.
  const unfinished = run !== null && run.status !== 'ok' && changes?.length === 0;
  const counts = changes && !unfinished ? countByFilter(changes) : null;
  const visible = changes?.filter((change) => matchesFilter(change, filter)) ?? [];
  return (
    <div className="card sync-diff">
      <div className="diff-header">
        <h2>{t('diff.of', { supplier: run ? supplierName(suppliers, run.supplierId) : '', id: selectedRunId })}</h2>
        {run && <span className="muted">{formatDateTime(run.startedAt, language)}</span>}
      </div>
      {run?.status === 'failed' && <p className="diff-note error">{t('diff.failed', { error: run.error ?? '' })}</p>}
      {run?.status === 'canceled' && <p className="diff-note muted">{t('diff.canceled')}</p>}
      {run && run.skippedItems.length > 0 && (
        <details className="diff-skipped">
          <summary>{t('diff.skipped', { n: run.skippedItems.length })}</summary>
          <ul>{run.skippedItems.map((item, index) => <li key={index}><strong>{item.where}</strong>: {item.reason}</li>)}</ul>
        </details>
      )}
      {!changes && !changesError && <LoadingState />}
      {changesError && <ErrorState message={changesError} onRetry={() => void selectRun(selectedRunId, language)} />}
      {counts && (
        <div className="diff-filters" role="group" aria-label={t('diff.filter')}>
          {CHANGE_FILTERS.map((kind) => (
            <button
              key={kind}
              className={`chip${filter === kind ? ' active' : ''}`}
              aria-pressed={filter === kind}
              disabled={kind !== 'all' && counts[kind] === 0}
              onClick={() => setFilter(kind)}
            >
              {t(`kind.${kind}`)} <span className="chip-count">{counts[kind].toLocaleString()}</span>
            </button>
          ))}
        </div>
      )}
      {changes && !unfinished && visible.length === 0 && <EmptyState>{changes.length === 0 ? t('diff.none') : t('diff.noneOfKind')}</EmptyState>}
      {visible.length > 0 && (
        <ul className="change-list" aria-label={t('diff')}>
          {visible.slice(0, shown).map((change) => <ChangeRow key={`${change.change}:${change.key}`} change={change} />)}
        </ul>
      )}
      {visible.length > shown && (
        <button className="button diff-more" onClick={() => setShown((n) => n + PAGE)}>
          {t('diff.more', { shown: shown.toLocaleString(), total: visible.length.toLocaleString() })}
        </button>
      )}
    </div>
  );
}
