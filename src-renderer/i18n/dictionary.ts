/** A dictionary per screen, so each screen owns its strings: { en: {...}, 'zh-CN': {...} } with the same keys. */
export interface Dictionary {
  en: Record<string, string>;
  'zh-CN': Record<string, string>;
}
