import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useExportStore } from '../../stores/export';
import { currencyCode } from '../../stores/export-form';

export function CurrencyField() {
  const t = useT(exportDictionary);
  const { currency, merchantCurrency, knownCurrencies, updateForm } = useExportStore(
    useShallow((s) => ({
      currency: s.form?.currency ?? '',
      merchantCurrency: s.merchantCurrency,
      knownCurrencies: s.knownCurrencies,
      updateForm: s.updateForm,
    })),
  );
  const invalid = currencyCode(currency) === null;
  return (
    <div className="export-field currency-field">
      <label htmlFor="export-currency" className="field-label">
        {t('currency.label')}
      </label>
      <div className="currency-row">
        <input
          id="export-currency"
          list="export-currencies"
          value={currency}
          maxLength={3}
          spellCheck={false}
          autoCapitalize="characters"
          aria-invalid={invalid}
          aria-describedby="export-currency-help"
          onChange={(event) => updateForm({ currency: event.target.value.toUpperCase() })}
        />
        <datalist id="export-currencies">
          {knownCurrencies.map((code) => (
            <option key={code} value={code} />
          ))}
        </datalist>
        <span id="export-currency-help" className={`field-help${invalid ? ' error' : ' muted'}`}>
          {invalid ? t('currency.invalid') : merchantCurrency ? t('currency.help', { currency: merchantCurrency }) : ''}
        </span>
      </div>
    </div>
  );
}
