import { useEffect, useState } from 'react';
import type { PlanRow } from '../../../src-shared/grid-types';
import { api } from '../../api';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useUiStore } from '../../stores/ui';
import { DebouncedInput } from './DebouncedInput';
import { daysOf } from './grid-format';
import { coverageLabel, dataLabel } from './labels';

const RESULT_LIMIT = 8;

interface Props {
  currentPlanKey: string;
  pending: boolean;
  onMove(planKey: string): void;
  onCancel(): void;
}

/** Finds the target row with the same server-side search as the grid, so any language finds it. */
export function MoveOfferForm({ currentPlanKey, pending, onMove, onCancel }: Props) {
  const t = useT(gridDictionary);
  const language = useUiStore((s) => s.language);
  const [search, setSearch] = useState('');
  const [results, setResults] = useState<PlanRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const daysLabel = (days: number | null) =>
    days === null ? null : days === 1 ? t('detail.days.one') : t('detail.days', { count: days });

  useEffect(() => {
    if (!search.trim()) {
      setResults(null);
      return;
    }
    let cancelled = false;
    api()
      ['grid.query']({ search, language, limit: RESULT_LIMIT + 1 })
      .then((page) => {
        if (!cancelled) {
          setResults(page.rows.filter((row) => row.planKey !== currentPlanKey).slice(0, RESULT_LIMIT));
          setError(null);
        }
      })
      .catch((failure: Error) => {
        if (!cancelled) setError(failure.message);
      });
    return () => {
      cancelled = true;
    };
  }, [search, language, currentPlanKey]);

  return (
    <div className="move-form">
      <DebouncedInput
        type="search"
        value={search}
        onCommit={setSearch}
        placeholder={t('detail.move.search')}
        aria-label={t('detail.move.search')}
        autoFocus
      />
      {error && <p className="form-note error">{error}</p>}
      {results && results.length === 0 && <p className="form-note muted">{t('detail.move.none')}</p>}
      {results && results.length > 0 && (
        <ul className="move-results">
          {results.map((row) => {
            const facts = [
              coverageLabel(t, row.attributes).text,
              dataLabel(t, row.attributes).text,
              daysLabel(daysOf(row.attributes)),
            ]
              .filter((fact) => fact && fact !== '—')
              .join(' · ');
            const supplierCount = new Set(row.offers.map((offer) => offer.supplier)).size;
            return (
              <li key={row.planKey} data-plan-key={row.planKey}>
                <span className="move-title" title={row.title}>
                  {row.title}
                </span>
                <span className="move-facts muted">
                  {facts}
                  {facts ? ' · ' : ''}
                  {supplierCount === 1 ? t('detail.suppliers.one') : t('detail.suppliers', { count: supplierCount })}
                </span>
                <button type="button" className="button small" disabled={pending} onClick={() => onMove(row.planKey)}>
                  {t('detail.move.here')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" className="link" onClick={onCancel}>
        {t('detail.move.cancel')}
      </button>
    </div>
  );
}
