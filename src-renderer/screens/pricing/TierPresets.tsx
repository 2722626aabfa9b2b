import type { TierPreset } from '../../../src-main/domain/pricing/starting-rules';
import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { usePricingStore } from '../../stores/pricing';

/** The bounds a tiered preset's label names: where its cheap tier ends and its dear one starts. */
function bounds(preset: TierPreset): { low: string; high: string } {
  const ranges = preset.rules.map((rule) => rule.costRange);
  return { low: ranges[0]?.max ?? '', high: ranges[ranges.length - 1]?.min ?? '' };
}

/** One click to a common markup shape; it replaces the store-wide rules only, and is previewed before saving. */
export function TierPresets() {
  const t = useT(pricingDictionary);
  const presets = usePricingStore((s) => s.presets);
  const applyPreset = usePricingStore((s) => s.applyPreset);
  if (presets.length === 0) return null;
  return (
    <div className="tier-presets" role="group" aria-label={t('presets')}>
      <span className="muted">{t('presets')}</span>
      {presets.map((preset) => (
        <button key={preset.id} className="chip" onClick={() => applyPreset(preset)} title={t('presets.hint')}>
          {t(`preset.${preset.id}`, bounds(preset))}
        </button>
      ))}
    </div>
  );
}
