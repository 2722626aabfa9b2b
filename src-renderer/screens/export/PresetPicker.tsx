import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useExportStore } from '../../stores/export';
import { PresetCard } from './PresetCard';

export function PresetPicker() {
  const t = useT(exportDictionary);
  const { presets, selected, selectPreset } = useExportStore(
    useShallow((s) => ({ presets: s.presets, selected: s.form?.preset ?? null, selectPreset: s.selectPreset })),
  );
  return (
    <section className="export-presets" aria-labelledby="export-presets-heading">
      <h2 id="export-presets-heading">{t('presets')}</h2>
      <div className="preset-cards" role="radiogroup" aria-labelledby="export-presets-heading">
        {presets.map((preset) => (
          <PresetCard
            key={preset.id}
            preset={preset}
            selected={preset.id === selected}
            onSelect={() => void selectPreset(preset.id)}
          />
        ))}
      </div>
    </section>
  );
}
