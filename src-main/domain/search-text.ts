import { Converter } from 'opencc-js/t2cn';
import { countryToken, placeOfTerm, placeTokens, regionToken } from './places';

// Traditional → Simplified for search only (樂天 finds 乐天); display keeps what the supplier wrote.
export const toSimplified = Converter({ from: 'tw', to: 'cn' });

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/u;
const CJK_CHAR = /([\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af])/gu;

/**
 * Folds text for matching: NFKC (full-width ＧＢ = GB), lower case, Simplified Chinese, and one token per
 * CJK character, because Chinese titles have no spaces and the index must find 香港 inside 香港5GB流量卡.
 */
export function searchText(text: string): string {
  const folded = toSimplified(text.normalize('NFKC').toLowerCase());
  return folded
    .replace(CJK_CHAR, ' $1 ')
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What the search index holds for an offer: its titles folded, plus one language-free word for every country and
 * region they name, so "日本", "Japan" and "JP" all find a title that says any one of them.
 */
export function offerSearchText(titles: readonly string[]): string {
  const joined = titles.join(' ');
  return [searchText(joined), ...placeTokens(joined)].join(' ');
}

/** The index words for the places a plan covers: a plan covering Japan is found by Japan in any language. */
export function coverageSearchText(countries: readonly string[]): string {
  return countries
    .filter((code) => /^[A-Z]{2}$/.test(code))
    .map(countryToken)
    .join(' ');
}

/**
 * Turns what a merchant typed into an FTS5 query over the index: every word must match; a word (or run of words) that
 * names a place in any language, or an ISO code, matches that place's index word; other Latin words match as prefixes
 * (hong → Hong Kong); the CJK characters of one typed word must appear together, in order. Returns null for a query
 * with nothing searchable in it.
 */
export function ftsQuery(input: string): string | null {
  const parts: string[] = [];
  const words = input.normalize('NFKC').split(/\s+/).filter(Boolean);
  for (let start = 0; start < words.length;) {
    const place = longestPlace(words, start);
    if (place) {
      parts.push(place.query);
      start = place.end;
      continue;
    }
    textQuery(words[start], parts);
    start++;
  }
  return parts.length ? parts.join(' AND ') : null;
}

/** Longest run of words from `start` that is one place name ("new zealand", "hong kong"); at most four words. */
function longestPlace(words: readonly string[], start: number): { query: string; end: number } | null {
  for (let end = Math.min(words.length, start + 4); end > start; end--) {
    const place = placeOfTerm(words.slice(start, end).join(' '));
    if (!place) continue;
    const tokens = 'region' in place ? [regionToken(place.region)] : place.countries.map(countryToken);
    return { query: tokens.map((token) => `"${token}"`).join(' AND '), end };
  }
  return null;
}

function textQuery(word: string, parts: string[]): void {
  let phrase: string[] = [];
  const flush = () => {
    if (phrase.length) parts.push(`"${phrase.join(' ')}"`);
    phrase = [];
  };
  for (const token of searchText(word).split(' ').filter(Boolean)) {
    if (CJK.test(token)) {
      phrase.push(token);
      continue;
    }
    flush();
    parts.push(`"${token}"*`);
  }
  flush();
}
