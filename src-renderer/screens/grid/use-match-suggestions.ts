import { useEffect, useState } from 'react';
import type { MatchSuggestion, OfferRef } from '../../../src-shared/grid-types';
import { api } from '../../api';
import { useGridStore } from '../../stores/grid';
import { useUiStore } from '../../stores/ui';

export interface SuggestionsState {
  suggestions: MatchSuggestion[] | null;
  error: string | null;
  /** Accept (a manual link to the suggested row) or reject (a manual unlink); the grid answers with grid.changed. */
  decide(suggestion: MatchSuggestion, accept: boolean): Promise<void>;
  pending: boolean;
}

/** The undecided doubtful matches (of one row, when given), refetched whenever the grid's data changes. */
export function useMatchSuggestions(rowId?: number): SuggestionsState {
  const language = useUiStore((s) => s.language);
  const dataVersion = useGridStore((s) => s.dataVersion);
  const [suggestions, setSuggestions] = useState<MatchSuggestion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    let current = true;
    api()
      ['grid.suggestions'](language, rowId)
      .then(
        (found) => current && (setSuggestions(found), setError(null)),
        (failure: Error) => current && setError(failure.message),
      );
    return () => {
      current = false;
    };
  }, [language, rowId, dataVersion]);

  const decide = async (suggestion: MatchSuggestion, accept: boolean) => {
    const offer: OfferRef = suggestion.offer;
    setPending(true);
    try {
      if (accept) await api()['grid.link'](offer, suggestion.toPlanKey);
      else await api()['grid.unlink'](offer);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setPending(false);
    }
  };
  return { suggestions, error, decide, pending };
}
