import type { LocalizedText } from './offer';

/**
 * Picks the text to show for a merchant's language: exact tag, then same language any region, then
 * English, then Chinese, then whatever there is. (The grid issue refines the chain; this is the floor.)
 */
export function displayTitle(titles: LocalizedText, language: string): string {
  const entries = Object.entries(titles).filter(([, text]) => text.trim() !== '');
  if (entries.length === 0) return '';
  const lower = language.toLowerCase();
  const base = lower.split('-')[0];
  const find = (test: (tag: string) => boolean) => entries.find(([tag]) => test(tag.toLowerCase()))?.[1];
  return find((tag) => tag === lower) ?? find((tag) => tag.split('-')[0] === base) ?? find((tag) => tag.startsWith('en')) ?? find((tag) => tag.startsWith('zh')) ?? entries[0][1];
}
