import { useShallow } from 'zustand/react/shallow';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useExportStore } from '../../stores/export';
import { useUiStore } from '../../stores/ui';
import { formatCount } from './labels';

export function ChangedOnlyField() {
  const t = useT(exportDictionary);
  const language = useUiStore((s) => s.language);
  const { changed, preset, history, lastChoice, updateForm } = useExportStore(
    useShallow((s) => ({
      changed: s.form?.changedSinceLastExport ?? false,
      preset: s.form?.preset,
      history: s.history,
      lastChoice: s.lastChoice,
      updateForm: s.updateForm,
    })),
  );
  // History is newest first: the first entry with this preset is what the store last received from it. Past
  // the entries loaded, the preset's remembered choice still says when, if not how many rows.
  const last = history.find((entry) => entry.preset === preset);
  const help = last
    ? t('changed.last', { when: formatDateTime(last.createdAt, language), rows: formatCount(last.rows, language) })
    : lastChoice && lastChoice.options.preset === preset
      ? t('changed.lastAt', { when: formatDateTime(lastChoice.at, language) })
      : t('changed.never');
  return (
    <div className="export-field changed-field">
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={changed}
          onChange={(event) => updateForm({ changedSinceLastExport: event.target.checked })}
        />
        <span>{t('changed.label')}</span>
      </label>
      <p className="field-help muted">{help}</p>
    </div>
  );
}
