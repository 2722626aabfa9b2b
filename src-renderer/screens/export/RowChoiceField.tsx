import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useExportStore } from '../../stores/export';
import { ROW_CHOICES } from '../../stores/export-form';
import { GridFilterSummary } from './GridFilterSummary';

export function RowChoiceField() {
  const t = useT(exportDictionary);
  const rowChoice = useExportStore((s) => s.form?.rowChoice ?? 'all');
  const updateForm = useExportStore((s) => s.updateForm);
  return (
    <fieldset className="export-field">
      <legend>{t('rows.label')}</legend>
      <div className="radio-list">
        {ROW_CHOICES.map((choice) => (
          <div key={choice} className="radio-option">
            <label>
              <input
                type="radio"
                name="export-rows"
                value={choice}
                checked={rowChoice === choice}
                onChange={() => updateForm({ rowChoice: choice })}
              />
              <span>{t(`rows.${choice}`)}</span>
            </label>
            {choice === 'filter' && <GridFilterSummary />}
          </div>
        ))}
      </div>
    </fieldset>
  );
}
