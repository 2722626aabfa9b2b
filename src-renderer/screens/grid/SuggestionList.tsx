import type { MatchSuggestion } from '../../../src-shared/grid-types';
import { useT } from '../../i18n';
import { matchesDictionary } from '../../i18n/matches';
import { useGridStore } from '../../stores/grid';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import type { SuggestionsState } from './use-match-suggestions';

/** Doubtful matches, each with its reason and the two decisions (kept as a manual link or unlink). */
export function SuggestionList({ state, showOpen }: { state: SuggestionsState; showOpen: boolean }) {
  const t = useT(matchesDictionary);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const select = useGridStore((s) => s.select);
  const reason = (s: MatchSuggestion) => t(`matches.reason.${s.reason}`, { percent: Math.round(s.confidence * 100) });
  if (state.error)
    return (
      <p className="error" role="alert">
        {t('matches.loadError', { message: state.error })}
      </p>
    );
  if (!state.suggestions?.length) return <p className="muted">{t('matches.suggestions.none')}</p>;
  return (
    <ul className="match-suggestions">
      {state.suggestions.map((s) => (
        <li
          key={`${s.offer.supplier}|${s.offer.productId}|${s.offer.skuId}|${s.offer.variant}|${s.toPlanKey}`}
          className="match-suggestion"
        >
          <p>
            {t('matches.suggestion.line', {
              offer: s.offerTitle,
              supplier: supplierName(suppliers, s.offer.supplier),
              target: s.toTitle,
            })}
          </p>
          <p className="muted">{reason(s)}</p>
          <div className="match-actions">
            <button
              type="button"
              className="button small"
              disabled={state.pending}
              onClick={() => void state.decide(s, true)}
            >
              {t('matches.accept')}
            </button>
            <button
              type="button"
              className="button small secondary"
              disabled={state.pending}
              onClick={() => void state.decide(s, false)}
            >
              {t('matches.reject')}
            </button>
            {showOpen && (
              <button
                type="button"
                className="link"
                onClick={() => select({ id: s.fromRowId, planKey: s.fromPlanKey, title: s.offerTitle })}
              >
                {t('matches.open')}
              </button>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
