import type { ExportPresetId, ExportPresetInfo } from '../../../src-shared/export-types';
import type { Translate } from '../../stores/export-form';

/** The server's English text unless the dictionary translates it (see i18n/export.ts). */
export function presetText(
  t: Translate,
  preset: Pick<ExportPresetInfo, 'id' | 'label' | 'description'>,
  part: 'label' | 'description',
): string {
  const key = `preset.${preset.id}.${part}`;
  const translated = t(key);
  return translated === key ? preset[part] : translated;
}

/** A preset's name for history rows, which may name a preset this build no longer lists. */
export function presetLabel(t: Translate, presets: readonly ExportPresetInfo[], id: ExportPresetId): string {
  const preset = presets.find((candidate) => candidate.id === id);
  return preset ? presetText(t, preset, 'label') : id;
}

/** Known languages by the dictionary's names, anything else as the browser names it, else the tag itself. */
export function languageName(t: Translate, uiLanguage: string, tag: string): string {
  const key = `lang.${tag}`;
  const known = t(key);
  if (known !== key) return known;
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

export function formatCount(count: number, uiLanguage: string): string {
  return count.toLocaleString(uiLanguage);
}
