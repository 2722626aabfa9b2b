import { describe, expect, it } from 'vitest';
import { ftsQuery, offerSearchText, searchText } from '../../src-main/domain/search-text';

describe('search text folding', () => {
  it('folds width and case (full-width ＧＢ is GB)', () => {
    expect(searchText('Ｈｏｎｇ Ｋｏｎｇ ５ＧＢ')).toBe('hong kong 5gb');
  });

  it('folds Traditional into Simplified Chinese, one token per character', () => {
    expect(searchText('樂天 Rakuten')).toBe('乐 天 rakuten');
    expect(searchText('韓國3GB')).toBe('韩 国 3gb');
    expect(searchText('乐天')).toBe(searchText('樂天'));
  });

  it('drops punctuation but keeps decimals', () => {
    expect(searchText('Korea-3GB/Natural day (1.5GB)')).toBe('korea 3gb natural day 1.5gb');
  });
});

describe('FTS5 query', () => {
  it('matches Latin words as prefixes and CJK words as ordered phrases', () => {
    expect(ftsQuery('hong 5gb')).toBe('"hong"* AND "5gb"*');
    expect(ftsQuery('樂天')).toBe('"乐 天"');
    expect(ftsQuery('香港 ５ＧＢ')).toBe('"zzchk" AND "5gb"*');
    expect(ftsQuery('香港5GB')).toBe('"香 港" AND "5gb"*');
  });

  it('matches a place named in any language or by its ISO code by the place, not the words', () => {
    for (const term of ['日本', 'Japan', 'japan', 'JP', 'jp']) expect(ftsQuery(term)).toBe('"zzcjp"');
    expect(ftsQuery('香港')).toBe(ftsQuery('Hong Kong'));
    expect(ftsQuery('Hong Kong 5gb')).toBe('"zzchk" AND "5gb"*');
    expect(ftsQuery('港澳台')).toBe('"zzchk" AND "zzcmo" AND "zzctw"');
    expect(ftsQuery('东南亚')).toBe(ftsQuery('Southeast Asia'));
    expect(ftsQuery('東南亞')).toBe(ftsQuery('东南亚'));
  });

  it('indexes the places a title names as language-free words', () => {
    expect(offerSearchText(['Japan 5GB 7 Days'])).toContain('zzcjp');
    expect(offerSearchText(['日本 5GB'])).toContain('zzcjp');
    expect(offerSearchText(['欧洲33国 10GB'])).toContain('zzreu');
  });

  it('cannot be used to inject FTS syntax', () => {
    expect(ftsQuery('a" OR "b')).toBe('"a"* AND "or"* AND "b"*');
    expect(ftsQuery('NEAR(x y)')).toBe('"near"* AND "x"* AND "y"*');
  });

  it('returns null when nothing is searchable', () => {
    expect(ftsQuery('  ')).toBeNull();
    expect(ftsQuery('!!!')).toBeNull();
  });
});
