import { useUiStore } from '../stores/ui';
import { common } from './common';
import type { Dictionary } from './dictionary';
import { fillTemplate } from './fill-template';
import type { Language } from '../../src-shared/languages';

/** Each language is named in itself, so a merchant who cannot read the current one still finds theirs. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

/**
 * Returns t(key, params) for a screen's dictionary (falling back to the common one, then English, then the key).
 * `{name}` placeholders are filled from params.
 */
export function useT(dictionary?: Dictionary) {
  const language = useUiStore((s) => s.language);
  return (key: string, params: Record<string, string | number> = {}) => {
    const text = dictionary?.[language][key] ?? common[language][key] ?? dictionary?.en[key] ?? common.en[key] ?? key;
    return fillTemplate(text, params);
  };
}
