import { Converter } from 'opencc-js/t2cn';

// Traditional → Simplified for search only (樂天 finds 乐天); display keeps what the supplier wrote.
export const toSimplified = Converter({ from: 'tw', to: 'cn' });

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/u;
const CJK_CHAR = /([\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af])/gu;

/**
 * Folds text for matching: NFKC (full-width ＧＢ = GB), lower case, Simplified Chinese, and one token per
 * CJK character, because Chinese titles have no spaces and the index must find 香港 inside 香港5GB流量卡.
 */
export function searchText(text: string): string {
  const folded = toSimplified(text.normalize('NFKC').toLowerCase());
  return folded
    .replace(CJK_CHAR, ' $1 ')
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Turns what a merchant typed into an FTS5 query over searchText() output: every word must match; Latin
 * words match as prefixes (hong → Hong Kong); the CJK characters of one typed word must appear together,
 * in order. Returns null for a query with nothing searchable in it.
 */
export function ftsQuery(input: string): string | null {
  const parts: string[] = [];
  for (const word of input.normalize('NFKC').split(/\s+/)) {
    let phrase: string[] = [];
    const flush = () => {
      if (phrase.length) parts.push(`"${phrase.join(' ')}"`);
      phrase = [];
    };
    for (const token of searchText(word).split(' ').filter(Boolean)) {
      if (CJK.test(token)) {
        phrase.push(token);
        continue;
      }
      flush();
      parts.push(`"${token}"*`);
    }
    flush();
  }
  return parts.length ? parts.join(' AND ') : null;
}
