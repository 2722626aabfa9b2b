import { useShallow } from 'zustand/react/shallow';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useExportStore } from '../../stores/export';
import { useUiStore } from '../../stores/ui';
import { ChangedOnlyField } from './ChangedOnlyField';
import { CurrencyField } from './CurrencyField';
import { FillLanguagesField } from './FillLanguagesField';
import { LanguagePicker } from './LanguagePicker';
import { OutOfStockField } from './OutOfStockField';
import { RowChoiceField } from './RowChoiceField';

export function ExportOptionsPanel() {
  const t = useT(exportDictionary);
  const language = useUiStore((s) => s.language);
  const { form, lastChoice, restored } = useExportStore(
    useShallow((s) => ({ form: s.form, lastChoice: s.lastChoice, restored: s.restored })),
  );
  if (!form) return null;
  return (
    <section className="card export-options" aria-labelledby="export-options-heading">
      <h2 id="export-options-heading">{t('options')}</h2>
      {restored && lastChoice && (
        <p className="muted export-restored">{t('restored', { when: formatDateTime(lastChoice.at, language) })}</p>
      )}
      <LanguagePicker />
      <FillLanguagesField />
      <CurrencyField />
      <RowChoiceField />
      <OutOfStockField />
      <ChangedOnlyField />
    </section>
  );
}
