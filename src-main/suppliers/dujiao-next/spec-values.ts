/**
 * `spec_values` as real Dujiao-Next servers send them (dujiao-next-behaviour.md): plain text per spec
 * (`{"Days":"7"}`), an object per spec with one text per locale (`{"Cycle":{"zh-CN":"30天","en-US":"30 days"}}`),
 * or the whole map keyed by locale (`{"zh-CN":"30天","en-US":"30 days"}`, or a spec map under each locale).
 * Read the way the site's own admin reads them: a value per locale, falling back within the language, then to any.
 */

/** Keys that name a locale rather than a spec ("zh-CN", "en", "en_US"). */
const LOCALE_KEY = /^(zh|en|ja|ko|th|vi|id|ms|ru|fr|de|es|pt|it|ar|tr)([-_][A-Za-z]{2,4})?$/i;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function isLocaleMap(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => LOCALE_KEY.test(key));
}

const normalizeLocale = (locale: string) => locale.trim().toLowerCase().replace(/_/g, '-');
const language = (locale: string) => normalizeLocale(locale).split('-')[0];

/** The entry for `locale`: the exact locale, else the same language (zh-TW → zh-CN, en → en-US), else the first with text. */
function pickLocale(map: Record<string, unknown>, locale: string): unknown {
  const entries = Object.entries(map).filter(([, value]) => value !== null && value !== undefined && value !== '');
  return (
    entries.find(([key]) => normalizeLocale(key) === normalizeLocale(locale))?.[1] ??
    entries.find(([key]) => language(key) === language(locale))?.[1] ??
    entries[0]?.[1]
  );
}

function valueText(value: unknown, locale: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return value
      .map((entry) => valueText(entry, locale))
      .filter(Boolean)
      .join(', ');
  if (isLocaleMap(value)) return valueText(pickLocale(value, locale), locale);
  // Any other object has no text a reader could use.
  return '';
}

/**
 * A spec as a reader (and the plan matcher) expects it: a bare number needs its unit, which the spec's name
 * gives ({"Days":"7"} → "7 Days"); anything else reads fine as "Name: value".
 */
function specText(name: string, value: string): string {
  return /^\d+(\.\d+)?$/.test(value) ? `${value} ${name}` : `${name}: ${value}`;
}

function specMapText(specs: Record<string, unknown>, locale: string): string {
  return Object.entries(specs)
    .map(([name, value]) => {
      const text = valueText(value, locale);
      if (!text) return '';
      return name.trim() ? specText(name.trim(), text) : text;
    })
    .filter(Boolean)
    .join(' / ');
}

/** The SKU's specs as one text in `locale`; empty when it has none. */
export function specSuffix(specValues: unknown, locale: string): string {
  if (typeof specValues === 'string') return specValues.trim();
  if (!isPlainObject(specValues)) return '';
  if (isLocaleMap(specValues)) {
    const forLocale = pickLocale(specValues, locale);
    return isPlainObject(forLocale) && !isLocaleMap(forLocale)
      ? specMapText(forLocale, locale)
      : valueText(forLocale, locale);
  }
  return specMapText(specValues, locale);
}
