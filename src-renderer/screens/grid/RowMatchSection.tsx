import './matches.css';
import type { PlanRow } from '../../../src-shared/grid-types';
import { useT } from '../../i18n';
import { matchesDictionary } from '../../i18n/matches';
import { SuggestionList } from './SuggestionList';
import { useMatchSuggestions } from './use-match-suggestions';

/** The row panel's account of why its offers share a row, and the doubtful matches that concern it. */
export function RowMatchSection({ row }: { row: PlanRow }) {
  const t = useT(matchesDictionary);
  const suggestions = useMatchSuggestions(row.id);
  const alone =
    row.offers.length === 1 && row.offers[0].match?.via !== 'matched' && row.offers[0].match?.via !== 'linked';
  const why = alone ? 'matches.why.alone' : row.attributes.type === 'plan' ? 'matches.why.plan' : 'matches.why.goods';
  return (
    <section className="detail-section row-match" aria-label={t('matches.why.title')}>
      <h3>{t('matches.why.title')}</h3>
      <p className="muted">{t(why)}</p>
      {(suggestions.suggestions?.length ?? 0) > 0 && (
        <>
          <h4>{t('matches.suggestions.forRow')}</h4>
          <SuggestionList state={suggestions} showOpen={false} />
        </>
      )}
    </section>
  );
}
