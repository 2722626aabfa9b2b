import type { Language } from '../../../src-shared/languages';

const byLanguage = new Map<Language, ReadonlyArray<{ code: string; label: string }>>();

/** Every ISO 4217 code the runtime knows, each with its name in the reader's language ("USD — US Dollar", "USD — 美元"). */
export function currencyOptions(language: Language): ReadonlyArray<{ code: string; label: string }> {
  let options = byLanguage.get(language);
  if (!options) {
    const names = new Intl.DisplayNames([language], { type: 'currency', fallback: 'code' });
    options = Intl.supportedValuesOf('currency').map((code) => {
      const name = names.of(code);
      return { code, label: name && name !== code ? `${code} — ${name}` : code };
    });
    byLanguage.set(language, options);
  }
  return options;
}
