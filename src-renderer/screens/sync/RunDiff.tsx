import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatDateTime } from '../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { useSyncStore } from '../../stores/sync';
import { CHANGE_FILTERS, filterCounts } from '../../stores/sync-changes';
import { useUiStore } from '../../stores/ui';
import { ChangeRow } from './ChangeRow';
import { heldReasonText } from './held-reason';
import { RunFailureNote } from './RunFailureNote';
import { CodedText } from '../../components/CodedText';
import { ISSUE_DATA_PARAMS } from '../../../src-shared/issue-codes';
import { SKIPPED_DATA_PARAMS } from '../../../src-shared/skipped-text';

/** What a skipped item's place and reason quote of the supplier's data: shown as it came, marked translate="no". */
const SKIPPED_DATA = new Set([...ISSUE_DATA_PARAMS, ...SKIPPED_DATA_PARAMS]);

export function RunDiff() {
  const t = useT(syncDictionary);
  // Progress events arrive many times a second during a sync: this long list must not re-render for them.
  const {
    runs,
    selectedRunId,
    changes,
    changesTotal,
    countsByKind,
    changesError,
    loadingMore,
    moreError,
    filter,
    setFilter,
    selectRun,
    setChangesLanguage,
    showMoreChanges,
  } = useSyncStore(
    useShallow((s) => ({
      runs: s.runs,
      selectedRunId: s.selectedRunId,
      changes: s.changes,
      changesTotal: s.changesTotal,
      countsByKind: s.countsByKind,
      changesError: s.changesError,
      loadingMore: s.loadingMore,
      moreError: s.moreError,
      filter: s.filter,
      setFilter: s.setFilter,
      selectRun: s.selectRun,
      setChangesLanguage: s.setChangesLanguage,
      showMoreChanges: s.showMoreChanges,
    })),
  );
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const language = useUiStore((s) => s.language);
  const run = runs.find((r) => r.id === selectedRunId) ?? null;

  // Titles come back in the reader's language: a language switch refetches the open diff (the store skips it
  // when the diff is already in that language, e.g. on coming back to this screen).
  useEffect(() => {
    void setChangesLanguage(language);
  }, [language, setChangesLanguage]);

  if (selectedRunId === null) {
    return (
      <div className="card sync-diff">
        <h2>{t('diff')}</h2>
        <EmptyState>{t('diff.pick')}</EmptyState>
      </div>
    );
  }

  const counts = countsByKind ? filterCounts(countsByKind) : null;
  // A failed or canceled run kept the previous catalog: its note says so, and an empty diff adds nothing.
  const unfinished = run !== null && run.status !== 'ok' && counts?.all === 0;
  return (
    <div className="card sync-diff">
      <div className="diff-header">
        <h2>{t('diff.of', { supplier: run ? supplierName(suppliers, run.supplierId) : '', id: selectedRunId })}</h2>
        {run && <span className="muted">{formatDateTime(run.startedAt, language)}</span>}
      </div>
      {run?.status === 'failed' && <RunFailureNote error={run.error} />}
      {run?.status === 'canceled' && <p className="diff-note muted">{t('diff.canceled')}</p>}
      {run?.held && (
        <p className={`diff-note ${run.status === 'held' ? 'progress-waiting' : 'muted'}`}>
          {t(run.status === 'held' ? 'held.note' : run.status === 'ok' ? 'held.noteApplied' : 'held.noteDiscarded', {
            reason: heldReasonText(run.held, supplierName(suppliers, run.supplierId), t),
          })}
        </p>
      )}
      {run && run.skippedItems.length > 0 && (
        <details className="diff-skipped">
          <summary>{t('diff.skipped', { n: run.skippedItems.length })}</summary>
          <ul>
            {run.skippedItems.map((item, index) => (
              <li key={index}>
                <strong>
                  <CodedText text={item.where} t={t} dataParams={SKIPPED_DATA} />
                </strong>
                {t('diff.skippedReason')}
                <CodedText text={item.reason} t={t} dataParams={SKIPPED_DATA} />
              </li>
            ))}
          </ul>
        </details>
      )}
      {counts && !unfinished && (
        <div className="diff-filters" role="group" aria-label={t('diff.filter')}>
          {CHANGE_FILTERS.map((kind) => (
            <button
              key={kind}
              className={`chip${filter === kind ? ' active' : ''}`}
              aria-pressed={filter === kind}
              disabled={kind !== 'all' && counts[kind] === 0}
              onClick={() => void setFilter(kind)}
            >
              {t(`kind.${kind}`)} <span className="chip-count">{counts[kind].toLocaleString()}</span>
            </button>
          ))}
        </div>
      )}
      {!changes && !changesError && <LoadingState />}
      {changesError && <ErrorState message={changesError} onRetry={() => void selectRun(selectedRunId, language)} />}
      {changes && !unfinished && changes.length === 0 && (
        <EmptyState>{counts?.all === 0 ? t('diff.none') : t('diff.noneOfKind')}</EmptyState>
      )}
      {changes && changes.length > 0 && (
        <ul className="change-list pick-list" aria-label={t('diff')}>
          {changes.map((change) => (
            <ChangeRow key={`${change.change}:${change.key}`} change={change} />
          ))}
        </ul>
      )}
      {changes && changes.length < changesTotal && (
        <button className="button diff-more" disabled={loadingMore} onClick={() => void showMoreChanges()}>
          {t('diff.more', { shown: changes.length.toLocaleString(), total: changesTotal.toLocaleString() })}
        </button>
      )}
      {moreError && (
        <p className="diff-note error" role="alert">
          {t('diff.moreFailed', { error: moreError })}
        </p>
      )}
    </div>
  );
}
