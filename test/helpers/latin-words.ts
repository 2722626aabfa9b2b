/**
 * Finds English left on a screen that should read in Chinese: Latin words in visible text, outside an explicit
 * allowlist. Pure, so it is unit-tested on its own; the zh-CN walk (test/e2e/zh-cn-walk.e2e.test.ts) feeds it every
 * visible text node of every screen, dialog and drawer.
 */

export interface VisibleText {
  text: string;
  /** Where it is on screen (step, landmark, element), for the failure message. */
  where: string;
}

export interface LatinOffender extends VisibleText {
  words: string[];
}

/**
 * Latin words that belong in Chinese text too: brand and supplier names, protocols and formats, eSIM terms, units.
 * Short on purpose: a new entry should be a name or a technical term, never an English word.
 */
export const ALLOWED_WORDS: ReadonlySet<string> = new Set([
  // Our name and the suppliers' and stores' brands.
  'SupplyGrid',
  'Dujiao',
  'Next',
  'Dujiao-Next',
  'MeSIM',
  'BillionConnect',
  'SEAGM',
  'Linksfield',
  'Shopify',
  'WooCommerce',
  // Technical terms merchants see in Chinese software as they are.
  'eSIM',
  'SIM',
  'QR',
  'LPA',
  'ICCID',
  'SM-DP',
  'SM',
  'DP',
  'PIN',
  'PUK',
  'APN',
  'API',
  'CSV',
  'URL',
  'HTTP',
  'HTTPS',
  'ECB',
  'SKU',
  'ID',
  'iOS',
  'iPhone',
  'Android',
  'UTF',
  'BOM',
  'JSON',
  'XML',
  'Excel',
  'TLS',
  'DNS',
  'IP',
  'FMS',
  'OS',
  'Webhook',
  'Telegram',
  // Keys as printed on the keyboard.
  'Enter',
  'Shift',
  'Esc',
  'Escape',
  'Tab',
  'Ctrl',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  // Units.
  'GB',
  'MB',
  'KB',
  'TB',
  'ms',
  's',
  'min',
  'h',
  'd',
  // File formats.
  'PNG',
]);

const TOKEN = /[A-Za-z0-9][A-Za-z0-9'’+-]*/g;
const URL_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/\S+|\S+@\S+\.\S+|\S*[\\/]\S*|[\w.-]+\.(?:xml|csv|json|png|key|txt)\b/gi;

const currencies = new Set(Intl.supportedValuesOf('currency'));
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
const languages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/**
 * A language tag: one with a region or script (zh-CN, zh-Hant) anywhere; a bare ISO 639 code (ja, vi) only as a
 * text of its own (a tag beside a title), since "to" or "is" in a sentence are English words.
 */
function isLanguageTag(word: string, alone: boolean): boolean {
  if (!/^[a-z]{2,3}(?:-(?:[A-Z]{2}|[A-Z][a-z]{3}))?$/.test(word) || (!alone && !word.includes('-'))) return false;
  try {
    return languages.of(word) !== word;
  } catch {
    return false;
  }
}

/** An ISO 3166 region (JP, HK) or ISO 4217 currency (USD, CNY) code, as shown beside amounts and countries. */
function isIsoCode(word: string): boolean {
  if (/^[A-Z]{2}$/.test(word)) return regions.of(word) !== word;
  return /^[A-Z]{3}$/.test(word) && currencies.has(word);
}

function allowedWord(word: string, allowed: ReadonlySet<string>): boolean {
  // Codes and ids carry digits (N009, F003, 5GB, 30d): not words to translate.
  if (/\d/.test(word) || !/[A-Za-z]/.test(word)) return true;
  if (allowed.has(word) || isIsoCode(word)) return true;
  const parts = word.split(/[-'’+]+/).filter(Boolean);
  return parts.length > 1 && parts.every((part) => allowedWord(part, allowed));
}

/** The Latin words of `text` that are not allowed: URLs, paths and e-mail addresses are left out first. */
export function latinWords(text: string, allowed: ReadonlySet<string> = ALLOWED_WORDS): string[] {
  // A zero-width space is a line-break hint inside a word ("Billion\u200bConnect"), not a word boundary.
  text = text.replace(/\u200b/g, '');
  const alone = text.trim();
  return (text.replace(URL_LIKE, ' ').match(TOKEN) ?? [])
    .map((word) => word.replace(/[-'’+]+$/, ''))
    .filter((word) => word && !allowedWord(word, allowed) && !isLanguageTag(word, word === alone));
}

/**
 * Every text with a Latin word outside the allowlist, once `phrases` (the merchant's own data on screen: product
 * titles, category names, ids, the data folder) are taken out of it, longest first.
 */
export function latinOffenders(
  texts: readonly VisibleText[],
  phrases: readonly string[] = [],
  allowed: ReadonlySet<string> = ALLOWED_WORDS,
): LatinOffender[] {
  const ordered = [...new Set(phrases.map((phrase) => phrase.trim()).filter((phrase) => phrase.length > 1))].sort(
    (a, b) => b.length - a.length,
  );
  const offenders: LatinOffender[] = [];
  for (const { text, where } of texts) {
    if (latinWords(text, allowed).length === 0) continue;
    let rest = text;
    for (const phrase of ordered) if (rest.includes(phrase)) rest = rest.split(phrase).join(' ');
    const words = latinWords(rest, allowed);
    if (words.length) offenders.push({ text, where, words });
  }
  return offenders;
}

/** One line per offending text: the words, the whole text and where it is. */
export function describeOffenders(offenders: readonly LatinOffender[]): string {
  return offenders
    .map(
      (o) =>
        `  [${o.words.join(', ')}] in "${o.text.length > 160 ? `${o.text.slice(0, 160)}…` : o.text}" at ${o.where}`,
    )
    .join('\n');
}
