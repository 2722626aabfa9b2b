import type { ExportPresetInfo } from '../../../src-shared/export-types';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { presetText } from './labels';

interface Props {
  preset: ExportPresetInfo;
  selected: boolean;
  onSelect: () => void;
}

/** A store format as a radio: its name, what it is for, and the header row it writes. */
export function PresetCard({ preset, selected, onSelect }: Props) {
  const t = useT(exportDictionary);
  const label = presetText(t, preset, 'label');
  const description = presetText(t, preset, 'description');
  const columns = preset.columns.join(' · ');
  return (
    <button
      type="button"
      role="radio"
      aria-checked={selected}
      aria-label={label}
      aria-describedby={`preset-${preset.id}-description`}
      className={`preset-card${selected ? ' selected' : ''}`}
      data-preset={preset.id}
      onClick={onSelect}
    >
      <span className="preset-label">{label}</span>
      <span className="preset-description" id={`preset-${preset.id}-description`} title={description}>
        {description}
      </span>
      <span className="preset-columns" title={preset.columns.join('\n')}>
        <span className="preset-column-count">{t('preset.columns', { count: preset.columns.length })}</span>
        <span className="preset-column-names" translate="no">
          {columns}
        </span>
      </span>
    </button>
  );
}
