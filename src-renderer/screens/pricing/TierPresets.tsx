import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { usePricingStore } from '../../stores/pricing';
import { TIER_PRESETS } from '../../stores/pricing-form';

/** One click to a common markup shape; it replaces the store-wide rules only, and is previewed before saving. */
export function TierPresets() {
  const t = useT(pricingDictionary);
  const applyPreset = usePricingStore((s) => s.applyPreset);
  return (
    <div className="tier-presets" role="group" aria-label={t('presets')}>
      <span className="muted">{t('presets')}</span>
      {TIER_PRESETS.map((preset) => (
        <button key={preset.id} className="chip" onClick={() => applyPreset(preset)} title={t('presets.hint')}>
          {t(`preset.${preset.id}`)}
        </button>
      ))}
    </div>
  );
}
