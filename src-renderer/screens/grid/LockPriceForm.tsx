import { useState, type FormEvent } from 'react';
import { typedAmount } from '../../components/format';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { normalizeAmount } from '../../stores/grid-query';
import { BelowCostConfirm } from './BelowCostConfirm';
import { useGuardedAction } from './use-guarded-lock';

/** The new price comes back through grid.changed, like every other change: no local copy to drift. */
export function LockPriceForm({
  planKey,
  locked,
  currency,
  suggestion,
}: {
  planKey: string;
  locked: boolean;
  currency: string;
  suggestion: string;
}) {
  const t = useT(gridDictionary);
  const [text, setText] = useState('');
  const action = useGuardedAction(() => setText(''));
  const amount = normalizeAmount(text);
  const invalid = text.trim() !== '' && amount === null;
  const thisPlan = { type: 'keys' as const, planKeys: [planKey] };

  const lock = (event: FormEvent) => {
    event.preventDefault();
    if (amount === null) return;
    void action.run(thisPlan, { type: 'lockPrice', amount });
  };

  return (
    <form className="lock-form" onSubmit={lock}>
      <label className="lock-input">
        <span className="sr-only">{t('detail.lock.label', { currency })}</span>
        <input
          value={text}
          onChange={(event) => setText(event.target.value)}
          inputMode="decimal"
          placeholder={t('detail.lock.placeholder', { amount: typedAmount(suggestion || '9.99', currency) })}
          aria-invalid={invalid}
          aria-label={t('detail.lock.label', { currency })}
        />
        <span className="unit">{currency}</span>
      </label>
      <button type="submit" className="button primary" disabled={action.pending || amount === null}>
        {t('detail.lock')}
      </button>
      {locked && (
        <button
          type="button"
          className="button"
          disabled={action.pending}
          onClick={() => void action.run(thisPlan, { type: 'unlock' })}
        >
          {t('detail.unlock')}
        </button>
      )}
      <p
        className={`form-note${invalid || action.error ? ' error' : ' muted'}`}
        role={action.error ? 'alert' : undefined}
      >
        {action.error ?? (invalid ? t('detail.lock.invalid') : t('detail.lock.hint'))}
      </p>
      {action.confirming && (
        <BelowCostConfirm
          preview={action.confirming.preview}
          pending={action.pending}
          onConfirm={() => void action.confirm()}
          onCancel={action.cancel}
        />
      )}
    </form>
  );
}
