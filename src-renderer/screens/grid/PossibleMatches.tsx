import './matches.css';
import { useState } from 'react';
import { useT } from '../../i18n';
import { matchesDictionary } from '../../i18n/matches';
import { SuggestionList } from './SuggestionList';
import { useMatchSuggestions } from './use-match-suggestions';

/** "Possible matches (N)": every doubtful match not decided yet, in a panel over the grid. Hidden when there are none. */
export function PossibleMatches() {
  const t = useT(matchesDictionary);
  const state = useMatchSuggestions();
  const [open, setOpen] = useState(false);
  const count = state.suggestions?.length ?? 0;
  if (count === 0 && !open) return null;
  return (
    <>
      <button
        type="button"
        className="button small secondary possible-matches-button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {t('matches.suggestions.button', { count })}
      </button>
      {open && (
        <div className="possible-matches" role="dialog" aria-label={t('matches.suggestions.title')}>
          <header>
            <h2>{t('matches.suggestions.title')}</h2>
            <button
              type="button"
              className="icon-button"
              aria-label={t('matches.close')}
              title={t('matches.close')}
              onClick={() => setOpen(false)}
            >
              ×
            </button>
          </header>
          <p className="muted">{t('matches.suggestions.hint')}</p>
          <SuggestionList state={state} showOpen />
        </div>
      )}
    </>
  );
}
