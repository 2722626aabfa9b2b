import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../src-renderer/i18n/', import.meta.url));
// The hook, the Dictionary type and the template filler are the dictionaries' machinery, not dictionaries.
const MACHINERY = new Set(['index.ts', 'dictionary.ts', 'fill-template.ts']);
const dictionaryFiles = readdirSync(dir).filter((file) => file.endsWith('.ts') && !MACHINERY.has(file));

// Every screen speaks English and 简体中文: a key present in English but missing in Chinese would show English to
// a Chinese-speaking merchant. (Chinese may have more: translations of texts the main process sends in English.)
describe.each(dictionaryFiles)('dictionary %s', (file) => {
  it('has every English key in Simplified Chinese too, none empty', async () => {
    const module = (await import(`../../src-renderer/i18n/${file.replace(/\.ts$/, '')}`)) as Record<
      string,
      { en: Record<string, string>; 'zh-CN': Record<string, string> }
    >;
    const dictionary = Object.values(module).find(
      (value) => value && typeof value === 'object' && 'en' in value && 'zh-CN' in value,
    )!;
    expect(dictionary, `${file} exports no dictionary`).toBeDefined();
    const chinese = new Set(Object.keys(dictionary['zh-CN']));
    expect(Object.keys(dictionary.en).filter((key) => !chinese.has(key))).toEqual([]);
    for (const [language, entries] of Object.entries(dictionary)) {
      for (const [key, text] of Object.entries(entries)) expect(text.trim(), `${file} ${language} ${key}`).not.toBe('');
    }
  });
});
