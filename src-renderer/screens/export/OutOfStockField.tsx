import { useShallow } from 'zustand/react/shallow';
import { OUT_OF_STOCK_MODES } from '../../../src-shared/export-types';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useExportStore } from '../../stores/export';
import { outOfStockApplies } from '../../stores/export-form';

export function OutOfStockField() {
  const t = useT(exportDictionary);
  const { outOfStock, rowChoice, updateForm } = useExportStore(
    useShallow((s) => ({
      outOfStock: s.form?.outOfStock ?? 'draft',
      rowChoice: s.form?.rowChoice ?? 'all',
      updateForm: s.updateForm,
    })),
  );
  const applies = outOfStockApplies({ rowChoice });
  return (
    <fieldset className="export-field" disabled={!applies}>
      <legend id="export-out-of-stock">{t('outOfStock.label')}</legend>
      <div className="segmented" role="radiogroup" aria-labelledby="export-out-of-stock">
        {OUT_OF_STOCK_MODES.map((mode) => (
          <button
            key={mode}
            type="button"
            role="radio"
            aria-checked={mode === outOfStock}
            className={mode === outOfStock ? 'active' : ''}
            onClick={() => updateForm({ outOfStock: mode })}
          >
            {t(`outOfStock.${mode}`)}
          </button>
        ))}
      </div>
      <p className="field-help muted">{applies ? t(`outOfStock.${outOfStock}.help`) : t('outOfStock.notApplicable')}</p>
    </fieldset>
  );
}
