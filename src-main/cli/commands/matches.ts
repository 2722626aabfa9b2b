import type { Database } from 'better-sqlite3';
import { linkOffer, unlinkOffer } from '../../grid/links';
import { matchSuggestions } from '../../grid/suggestions';
import type { MatchSuggestion } from '../../../src-shared/grid-types';
import { pad, type Output } from '../output';

export interface MatchesArgs {
  action?: string;
  rest: string[];
  suggested?: boolean;
  json?: boolean;
  lang?: string;
}

const REASONS: Record<MatchSuggestion['reason'], string> = {
  'region-ambiguous': 'bundle name used for several country sets',
  uncertain: 'read with too little confidence to match',
};

/** `matches --suggested`: the doubtful matches to decide; `matches accept N` / `matches reject N` decides the Nth. */
export function matchesCommand(db: Database, args: MatchesArgs, output: Output): number {
  const suggestions = matchSuggestions(db, args.lang ?? 'en');
  if (args.action === 'accept' || args.action === 'reject') {
    const index = Number(args.rest[0]);
    const suggestion = Number.isInteger(index) ? suggestions[index - 1] : undefined;
    if (!suggestion) {
      output.err(
        `supplygrid matches ${args.action}: say which suggestion, 1 to ${suggestions.length} (see \`supplygrid matches --suggested\`)`,
      );
      return 2;
    }
    // Kept as the merchant's own link or unlink: it survives every sync and is never suggested again.
    if (args.action === 'accept') linkOffer(db, suggestion.offer, suggestion.toPlanKey);
    else unlinkOffer(db, suggestion.offer);
    output.out(
      `${args.action === 'accept' ? 'Linked' : 'Kept apart'}: ${suggestion.offerTitle} ${args.action === 'accept' ? '→' : '≠'} ${suggestion.toTitle}`,
    );
    return 0;
  }
  if (args.action !== undefined || !args.suggested) {
    output.err('usage: supplygrid matches --suggested [--json] [--lang en] | matches accept N | matches reject N');
    return 2;
  }
  if (args.json) {
    output.json(suggestions);
    return 0;
  }
  if (suggestions.length === 0) {
    output.out('No doubtful matches to decide.');
    return 0;
  }
  suggestions.forEach((s, i) => {
    output.out(
      `${String(i + 1).padStart(4)}  ${pad(s.offer.supplier, 14)} ${pad(s.offerTitle, 44)} → ${pad(s.toTitle, 44)} ${REASONS[s.reason]} (${Math.round(s.confidence * 100)}%)`,
    );
  });
  output.out(
    `${suggestions.length} possible match${suggestions.length === 1 ? '' : 'es'}: supplygrid matches accept N | matches reject N`,
  );
  return 0;
}
