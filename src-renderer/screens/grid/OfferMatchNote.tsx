import type { OfferMatch } from '../../../src-shared/grid-types';
import { useT } from '../../i18n';
import { matchesDictionary } from '../../i18n/matches';
import { useUiStore } from '../../stores/ui';
import { regionWords } from './match-words';

/** Why this offer is in its row, and what is special about it (throttled after its quota), in words. */
export function OfferMatchNote({ match }: { match: OfferMatch | undefined }) {
  const t = useT(matchesDictionary);
  const language = useUiStore((s) => s.language);
  if (!match) return null;
  const notes: string[] = [];
  if (match.regionAmbiguous)
    notes.push(t('matches.offer.regionAmbiguous', { region: regionWords(t, match.regionAmbiguous, language) }));
  else notes.push(t(`matches.offer.${match.via}`));
  if (match.regionResolved)
    notes.push(t('matches.offer.regionResolved', { region: regionWords(t, match.regionResolved, language) }));
  return (
    <div className="offer-match">
      {match.throttledAfterQuota && <span className="badge neutral">{t('matches.offer.throttled')}</span>}
      <ul className="offer-match-notes muted">
        {notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  );
}
