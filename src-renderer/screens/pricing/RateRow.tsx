import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CurrencyRate } from '../../../src-main/domain/currency';
import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { usePricingStore } from '../../stores/pricing';
import { wordRateSource } from './rate-source';
import { wordCodedText } from '../../../src-shared/coded-issue';

export function RateRow({ rate }: { rate: CurrencyRate }) {
  const t = useT(pricingDictionary);
  const { setRate, rateSaving, rateError } = usePricingStore(
    useShallow((s) => ({ setRate: s.setRate, rateSaving: s.rateSaving, rateError: s.rateError })),
  );
  const [draft, setDraft] = useState<string | null>(null);
  const error = rateError?.currency === rate.currency ? wordCodedText(rateError.message, t) : null;

  const commit = async () => {
    if (draft === null) return;
    if (draft.trim() === rate.perUnit) return setDraft(null);
    if (await setRate(rate.currency, draft.trim())) setDraft(null);
  };

  return (
    <tr className="rate-row" data-currency={rate.currency}>
      <td className="rate-currency">{rate.currency}</td>
      <td className="num">
        {draft === null ? (
          <button className="rate-value" onClick={() => setDraft(rate.perUnit)} title={t('rates.edit')}>
            {rate.perUnit}
          </button>
        ) : (
          <input
            className="rate-input"
            value={draft}
            inputMode="decimal"
            autoFocus
            aria-label={t('rates.valueOf', { currency: rate.currency })}
            aria-invalid={Boolean(error)}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void commit();
              if (event.key === 'Escape') setDraft(null);
            }}
          />
        )}
        {error && <div className="error rate-error">{error}</div>}
      </td>
      <td className="rate-date">{rate.asOf}</td>
      <td className="muted rate-source" title={wordRateSource(rate.source, t)}>
        {wordRateSource(rate.source, t)}
      </td>
      <td className="rate-actions">
        {draft === null ? (
          <button className="button small" onClick={() => setDraft(rate.perUnit)}>
            {t('action.edit')}
          </button>
        ) : (
          <>
            <button className="primary small" onClick={() => void commit()} disabled={rateSaving === rate.currency}>
              {t('action.save')}
            </button>
            <button className="button small" onClick={() => setDraft(null)}>
              {t('action.cancel')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
