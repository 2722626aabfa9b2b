import type { Language } from '../../src-shared/languages';
import type { Dictionary } from './dictionary';
import { fillTemplate } from './fill-template';

/**
 * Errors of the boundary itself (src-shared/api-answer.ts), keyed by their code: main refused a call before any
 * feature saw it. Only a fault in the app sends one, so they say what was refused and that it is worth reporting.
 */
export const apiErrorsDictionary: Dictionary = {
  en: {
    invalid_arguments:
      'SupplyGrid refused a request it sent itself ({method}: the value at {path} does not fit). Please report this.',
    unknown_method: 'SupplyGrid does not know the request “{method}”. Please report this.',
  },
  'zh-CN': {
    invalid_arguments: 'SupplyGrid 拒绝了自身发出的请求（{method}：{path} 处的值不符合要求）。请报告此问题。',
    unknown_method: 'SupplyGrid 不认识请求“{method}”。请报告此问题。',
  },
};

/** The boundary's own error in the reader's language; null for any other code, which the screen that asked words. */
export function wordApiError(code: string, params: Record<string, string>, language: Language): string | null {
  const text = apiErrorsDictionary[language][code];
  return text === undefined ? null : fillTemplate(text, params);
}
