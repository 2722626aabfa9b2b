/**
 * Items read as one list in the reader's language: "JP, HK, TW" in English, "JP、HK、TW" in Chinese (the enumeration
 * comma). Intl's list format knows each language's separator; its narrow style adds no "and"/"和".
 */
export function formatList(items: readonly string[], language: string): string {
  return new Intl.ListFormat(language, { type: 'conjunction', style: 'narrow' }).format(items);
}
