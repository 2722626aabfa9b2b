import { COUNTRY_ALIASES, DESTINATIONS, PLACE_GROUPS, REGION_NAMES, REGIONS } from './geography';

// Reads place names out of text, from the one table in geography.ts plus ICU's names of every country. The matcher
// scans titles with it; search turns what a merchant typed into the countries and regions it names.

export type PlaceValue = { countries: readonly string[] } | { region: string };

export interface PlaceMatch {
  start: number;
  end: number;
  value: PlaceValue;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  value?: PlaceValue;
  /** Latin names must end at a word boundary ("india" is not inside "indiana"); CJK names need none. */
  latin?: boolean;
}

const LATIN_DIACRITICS = /[\u00c0-\u024f\u1e00-\u1eff]/;

/** The one spelling every place name and every title is compared in. */
export function placeText(text: string): string {
  const folded = LATIN_DIACRITICS.test(text) ? text.normalize('NFKD').replace(/\p{M}/gu, '') : text;
  return folded
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Region codes ICU names that are not places a plan can cover (or are only reserved/test codes).
const NOT_A_COUNTRY = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA']);

const DISPLAY_LOCALES = ['en', 'zh-Hans', 'zh-Hant'] as const;
const displays = DISPLAY_LOCALES.map((locale) => new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' }));

/** Every current ISO 3166 alpha-2 code ICU names (deprecated ones such as DD, UK, BU share names with current ones). */
export const COUNTRY_CODES: ReadonlySet<string> = (() => {
  const codes = new Set<string>();
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      if (NOT_A_COUNTRY.has(code) || displays[0].of(code) === undefined) continue;
      if (new Intl.Locale(`und-${code}`).region !== code) continue;
      codes.add(code);
    }
  }
  return codes;
})();

const PLACE_TRIE: TrieNode = (() => {
  const root: TrieNode = { next: new Map() };
  const add = (name: string | undefined, value: PlaceValue) => {
    if (!name) return;
    const spellings = new Set([
      placeText(name),
      placeText(name.replace(/&/g, ' and ')),
      placeText(name.replace(/\s*\(.*?\)\s*/g, ' ')),
      placeText(name.replace(/ SAR China$/, '')),
    ]);
    for (const key of spellings) {
      if (!key) continue;
      let node = root;
      for (const char of key) {
        let child = node.next.get(char);
        if (!child) node.next.set(char, (child = { next: new Map() }));
        node = child;
      }
      // The first definition of a spelling wins: hand-written names come first and outrank ICU's.
      if (!node.value) {
        node.value = value;
        node.latin = /[a-z]/.test(key);
      }
    }
  };
  for (const region of REGION_NAMES)
    for (const name of [region.en, region.zhCN, region.zhTW, ...region.aliases]) add(name, { region: region.code });
  for (const group of PLACE_GROUPS)
    for (const name of group.names) add(name, { countries: [...group.countries].sort() });
  for (const region of REGIONS) {
    // Named-by-members demo bundles ("USA & Canada", "中港澳"); counted ones ("Europe 12-Country") are a region and a count.
    for (const name of [region.en, region.zhCN, region.zhTW])
      if (!/\d/.test(name)) add(name, { countries: [...region.countries].sort() });
  }
  for (const destination of DESTINATIONS) {
    for (const name of [destination.en, destination.zhCN, destination.zhTW])
      add(name, { countries: [destination.iso] });
  }
  for (const [alias, iso] of COUNTRY_ALIASES) add(alias, { countries: [iso] });
  // ICU knows every country's name in English and both Chinese scripts: coverage beyond the hand-written vocabulary.
  for (const code of COUNTRY_CODES) for (const display of displays) add(display.of(code), { countries: [code] });
  return root;
})();

function isLatinLetter(char: string | undefined): boolean {
  return char !== undefined && char >= 'a' && char <= 'z';
}

/** Longest match at each position, left to right, over placeText() output: "south africa" is a country before "africa" is a region. */
export function scanPlaces(text: string): PlaceMatch[] {
  const matches: PlaceMatch[] = [];
  let index = 0;
  while (index < text.length) {
    if (isLatinLetter(text[index]) && isLatinLetter(text[index - 1])) {
      index++;
      continue;
    }
    let node: TrieNode | undefined = PLACE_TRIE;
    let best: PlaceMatch | null = null;
    for (let cursor = index; cursor < text.length; cursor++) {
      node = node.next.get(text[cursor]);
      if (!node) break;
      if (node.value && !(node.latin && isLatinLetter(text[cursor + 1])))
        best = { start: index, end: cursor + 1, value: node.value };
    }
    if (best) {
      matches.push(best);
      index = best.end;
    } else {
      index++;
    }
  }
  return matches;
}

/**
 * The place a whole search term names, in any of the three languages or as an ISO code ("日本", "japan", "JP" and
 * "jp" are all Japan; "港澳台" is three places; "东南亚" a region). Null when the term is not exactly one place name.
 */
export function placeOfTerm(term: string): PlaceValue | null {
  const text = placeText(term.normalize('NFKC'));
  if (!text) return null;
  if (/^[a-z]{2}$/.test(text) && COUNTRY_CODES.has(text.toUpperCase())) return { countries: [text.toUpperCase()] };
  const matches = scanPlaces(text);
  if (matches.length !== 1 || matches[0].start !== 0 || matches[0].end !== text.length) return null;
  return matches[0].value;
}

/** The search-index word for a country or region: one token, no language, so every way of naming it finds it. */
export const countryToken = (iso: string) => `zzc${iso.toLowerCase()}`;
export const regionToken = (code: string) => `zzr${code.toLowerCase().replace(/[^a-z0-9]/g, '')}`;

/** Index words for every place named in some text (titles), so a search in another language or by code finds it. */
export function placeTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const match of scanPlaces(placeText(text.normalize('NFKC')))) {
    if ('region' in match.value) tokens.add(regionToken(match.value.region));
    else for (const iso of match.value.countries) tokens.add(countryToken(iso));
  }
  return [...tokens];
}
