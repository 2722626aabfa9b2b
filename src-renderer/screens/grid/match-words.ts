import { REGION_NAMES } from '../../../src-main/domain/geography';
import type { Language } from '../../../src-shared/languages';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A region key as the matcher keeps it ("ASIA-8", "SEA+EU-12", "MULTI-12") in the merchant's language. */
export function regionWords(t: Translate, key: string, language: Language): string {
  const match = /^(.*?)-(\d+)$/.exec(key);
  const [names, count] = match ? [match[1], Number(match[2])] : [key, null];
  if (names === 'MULTI') return count === null ? key : t('matches.region.countOnly', { count });
  const words = names
    .split('+')
    .map((code) => {
      const region = REGION_NAMES.find((candidate) => candidate.code === code);
      return region ? (language === 'zh-CN' ? region.zhCN : region.en) : code;
    })
    .join(language === 'zh-CN' ? '、' : ' + ');
  return count === null ? words : t('matches.region', { region: words, count });
}
