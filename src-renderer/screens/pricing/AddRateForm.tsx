import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { usePricingStore } from '../../stores/pricing';
import { wordCodedText } from '../../../src-shared/coded-issue';

/** A supplier may price in a currency the ECB does not publish: the merchant can add its rate by hand. */
export function AddRateForm({ base }: { base: string }) {
  const t = useT(pricingDictionary);
  const { setRate, rateSaving, rateError } = usePricingStore();
  const [currency, setCurrency] = useState('');
  const [value, setValue] = useState('');
  const code = currency.trim().toUpperCase();
  const error = rateError && rateError.currency === code ? wordCodedText(rateError.message, t) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!code || !value.trim()) return;
    if (await setRate(code, value.trim())) {
      setCurrency('');
      setValue('');
    }
  };

  return (
    <form className="add-rate" onSubmit={(event) => void submit(event)}>
      <span className="muted">{t('rates.add')}</span>
      <input
        value={currency}
        onChange={(event) => setCurrency(event.target.value)}
        placeholder={t('rates.codePlaceholder')}
        maxLength={3}
        aria-label={t('rates.currency')}
        className="add-rate-code"
      />
      <span className="muted">= </span>
      <input
        value={value}
        onChange={(event) => setValue(event.target.value)}
        placeholder="0.1389"
        inputMode="decimal"
        aria-label={t('rates.valueOf', { currency: code || '…' })}
        className="add-rate-value"
      />
      <span className="muted">{base}</span>
      <button className="button" type="submit" disabled={!code || !value.trim() || rateSaving === code}>
        {t('rates.addButton')}
      </button>
      {error && <span className="error">{error}</span>}
    </form>
  );
}
