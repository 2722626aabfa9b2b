import { describe, expect, it } from 'vitest';
import { canonicalLocale, canonicalizeTitles, fallbackChain, pickLocalized } from '../../src-main/domain/locale';

describe('locale tags', () => {
  it.each([
    ['en_us', 'en-US'],
    ['EN-us', 'en-US'],
    ['zh-cn', 'zh-CN'],
    ['zh_TW', 'zh-TW'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hant-HK', 'zh-TW'],
    ['en', 'en'],
    [' ja ', 'ja'],
    ['not a tag!', 'not a tag!'],
  ])('%s → %s', (tag, canonical) => {
    expect(canonicalLocale(tag)).toBe(canonical);
  });

  it('collapses duplicate tags, first text wins, empty texts dropped', () => {
    expect(canonicalizeTitles({ en_US: 'A', 'en-US': 'B', 'zh-cn': '甲', fr: ' ' })).toEqual({
      'en-US': 'A',
      'zh-CN': '甲',
    });
  });
});

describe('display title fallback', () => {
  const all = { 'zh-CN': '香港 5GB 7天', 'zh-TW': '香港 5GB 7天（繁）', 'en-US': 'Hong Kong 5GB 7 Days' };

  it('follows en → en-US → zh-CN → zh-TW → any', () => {
    expect(fallbackChain('en').slice(0, 3)).toEqual(['en', 'en-*', 'en-US']);
    expect(pickLocalized(all, 'en')).toEqual({ text: 'Hong Kong 5GB 7 Days', locale: 'en-US' });
    expect(pickLocalized({ 'zh-TW': '繁', 'zh-CN': '简' }, 'en')?.text).toBe('简');
    expect(pickLocalized({ 'zh-TW': '繁' }, 'en')?.text).toBe('繁');
    expect(pickLocalized({ ja: 'ホンコン' }, 'en')?.text).toBe('ホンコン');
  });

  it('prefers the exact region, then the same language', () => {
    expect(pickLocalized({ en: 'plain', 'en-US': 'us' }, 'en-US')?.text).toBe('us');
    expect(pickLocalized({ 'en-GB': 'gb', 'zh-CN': '中' }, 'en-US')?.text).toBe('gb');
  });

  it('gives Traditional readers Traditional first and Simplified readers Simplified first', () => {
    expect(pickLocalized(all, 'zh-TW')?.text).toBe('香港 5GB 7天（繁）');
    expect(pickLocalized({ 'zh-HK': '港', 'zh-CN': '简' }, 'zh-TW')?.text).toBe('港');
    expect(pickLocalized(all, 'zh-CN')?.text).toBe('香港 5GB 7天');
    expect(pickLocalized({ 'zh-TW': '繁', 'en-US': 'en' }, 'zh-CN')?.text).toBe('繁');
  });

  it('accepts tags in the forms suppliers send them', () => {
    expect(pickLocalized({ en_US: 'underscore' }, 'en')?.text).toBe('underscore');
    expect(pickLocalized({ 'zh-Hans': '简体' }, 'zh-CN')?.text).toBe('简体');
  });

  it('returns null only when nothing has text', () => {
    expect(pickLocalized({}, 'en')).toBeNull();
    expect(pickLocalized({ en: '  ' }, 'en')).toBeNull();
  });
});
