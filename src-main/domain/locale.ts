import type { LocalizedText } from './offer';

/** The languages the UI itself speaks; titles may come in any. */
export type UiLanguage = 'en' | 'zh-CN';

// Script subtags say what a reader can read better than regions do: zh-Hans is read where zh-CN is.
const SCRIPT_TO_REGION: Record<string, string> = { 'zh-hans': 'zh-CN', 'zh-hant': 'zh-TW' };

/**
 * Canonical BCP 47 form of what suppliers send: `en_us` → `en-US`, `ZH-cn` → `zh-CN`, `zh-Hans` → `zh-CN`.
 * Unparseable tags are returned trimmed, so nothing a supplier sent is ever dropped.
 */
export function canonicalLocale(tag: string): string {
  // Suppliers use a handful of tags over and over; Intl's canonicalization is slow enough to matter on 100k offers.
  let canonical = canonicalCache.get(tag);
  if (canonical === undefined) {
    canonical = canonicalize(tag);
    if (canonicalCache.size < 10_000) canonicalCache.set(tag, canonical);
  }
  return canonical;
}

const canonicalCache = new Map<string, string>();

function canonicalize(tag: string): string {
  const cleaned = tag.trim().replace(/_/g, '-');
  const script = SCRIPT_TO_REGION[cleaned.toLowerCase().split('-').slice(0, 2).join('-')];
  if (script) return script;
  try {
    return Intl.getCanonicalLocales(cleaned)[0] ?? cleaned;
  } catch {
    return cleaned;
  }
}

export function languageOf(tag: string): string {
  return canonicalLocale(tag).split('-')[0].toLowerCase();
}

/**
 * The order in which to look for a title: the exact tag, the same language in any region, then English,
 * then Simplified and Traditional Chinese, then anything. For `en`: en → en-* → zh-CN → zh-TW → any.
 * For Chinese, the same script first (zh-TW readers prefer zh-HK over zh-CN).
 */
export function fallbackChain(displayLanguage: string): string[] {
  const wanted = canonicalLocale(displayLanguage);
  const language = languageOf(wanted);
  const chain = [wanted];
  if (language === 'zh') {
    const traditional = /-(TW|HK|MO)$/.test(wanted);
    chain.push(
      ...(traditional
        ? ['zh-TW', 'zh-HK', 'zh-MO', 'zh', 'zh-CN', 'zh-SG']
        : ['zh-CN', 'zh', 'zh-SG', 'zh-TW', 'zh-HK']),
      'en',
      'en-US',
      'en-GB',
    );
  } else {
    chain.push(language, `${language}-*`, 'en', 'en-US', 'en-GB', 'en-*', 'zh-CN', 'zh-TW', 'zh-*');
  }
  return [...new Set(chain)];
}

export interface ChosenText {
  text: string;
  locale: string;
}

/** Picks the text to show for a language, following fallbackChain; null only when no locale has any text. */
export function pickLocalized(texts: LocalizedText, displayLanguage: string): ChosenText | null {
  const entries = Object.entries(texts)
    .filter(([, text]) => typeof text === 'string' && text.trim() !== '')
    .map(([tag, text]) => ({ tag, canonical: canonicalLocale(tag), text }));
  if (entries.length === 0) return null;
  for (const step of fallbackChain(displayLanguage)) {
    const found = step.endsWith('-*')
      ? entries.find((e) => e.canonical.startsWith(step.slice(0, -1)))
      : entries.find((e) => e.canonical === step);
    if (found) return { text: found.text, locale: found.tag };
  }
  return { text: entries[0].text, locale: entries[0].tag };
}

export function displayTitle(titles: LocalizedText, displayLanguage: string): string {
  return pickLocalized(titles, displayLanguage)?.text ?? '';
}

/** Titles keyed by canonical tags; when two tags collapse to one (`en_US`, `en-US`) the first text wins. */
export function canonicalizeTitles(titles: LocalizedText): LocalizedText {
  const result: LocalizedText = {};
  for (const [tag, text] of Object.entries(titles)) {
    const canonical = canonicalLocale(tag);
    if (!(canonical in result) && text.trim() !== '') result[canonical] = text;
  }
  return result;
}
