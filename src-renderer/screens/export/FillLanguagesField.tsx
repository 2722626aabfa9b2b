import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useExportStore } from '../../stores/export';

/** Off by default: a title column holds its own language or stays empty, so a store never shows English as Chinese. */
export function FillLanguagesField() {
  const t = useT(exportDictionary);
  const { fill, updateForm } = useExportStore(
    useShallow((s) => ({ fill: s.form?.fillMissingLanguages ?? false, updateForm: s.updateForm })),
  );
  return (
    <div className="export-field fill-languages-field">
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={fill}
          aria-describedby="export-fill-help"
          onChange={(event) => updateForm({ fillMissingLanguages: event.target.checked })}
        />
        <span>{t('fill.label')}</span>
      </label>
      <p id="export-fill-help" className="field-help muted">
        {t(fill ? 'fill.on' : 'fill.off')}
      </p>
    </div>
  );
}
