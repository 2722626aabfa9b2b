import type { ExportPresetId, ExportPresetInfo } from '../../../src-shared/export-types';
import { dujiaoNextPreset } from './dujiao-next';
import { genericPreset } from './generic';
import type { ExportPreset } from './preset';
import { shopifyLegacyPreset, shopifyPreset } from './shopify';
import { woocommercePreset } from './woocommerce';

/** Every preset, in the order the UI lists them. A new store format is one file and one line here. */
export const EXPORT_PRESETS: readonly ExportPreset[] = [
  genericPreset,
  shopifyPreset,
  shopifyLegacyPreset,
  woocommercePreset,
  dujiaoNextPreset,
];

export function exportPreset(id: ExportPresetId): ExportPreset {
  const preset = EXPORT_PRESETS.find((candidate) => candidate.id === id);
  if (!preset) throw new Error(`unknown export preset "${id}" (one of ${EXPORT_PRESETS.map((p) => p.id).join(', ')})`);
  return preset;
}

export function presetInfo(preset: ExportPreset, languages: readonly string[]): ExportPresetInfo {
  return {
    id: preset.id,
    label: preset.label,
    description: preset.description,
    columns: preset.columns(languages).map((column) => column.header),
  };
}
