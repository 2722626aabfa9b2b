import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { normalizeAmount } from '../../stores/grid-query';

/** The new price comes back through grid.changed, like every other change: no local copy to drift. */
export function LockPriceForm({ planKey, locked, currency, suggestion }: { planKey: string; locked: boolean; currency: string; suggestion: string }) {
  const t = useT(gridDictionary);
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const amount = normalizeAmount(text);
  const invalid = text.trim() !== '' && amount === null;

  const run = async (action: () => Promise<unknown>) => {
    setPending(true);
    setError(null);
    try {
      await action();
      setText('');
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setPending(false);
    }
  };

  const lock = (event: FormEvent) => {
    event.preventDefault();
    if (amount === null) return;
    void run(() => api()['pricing.lock']({ target: { type: 'plan', planKey }, price: { amount, currency } }));
  };

  return (
    <form className="lock-form" onSubmit={lock}>
      <label className="lock-input">
        <span className="sr-only">{t('detail.lock.label', { currency })}</span>
        <input
          value={text}
          onChange={(event) => setText(event.target.value)}
          inputMode="decimal"
          placeholder={t('detail.lock.placeholder', { amount: suggestion || '9.99' })}
          aria-invalid={invalid}
          aria-label={t('detail.lock.label', { currency })}
        />
        <span className="unit">{currency}</span>
      </label>
      <button type="submit" className="button primary" disabled={pending || amount === null}>{t('detail.lock')}</button>
      {locked && (
        <button type="button" className="button" disabled={pending} onClick={() => void run(() => api()['pricing.unlock']({ type: 'plan', planKey }))}>
          {t('detail.unlock')}
        </button>
      )}
      <p className={`form-note${invalid || error ? ' error' : ' muted'}`} role={error ? 'alert' : undefined}>
        {error ?? (invalid ? t('detail.lock.invalid') : t('detail.lock.hint'))}
      </p>
    </form>
  );
}
