import { useEffect, useId, useState, type FormEvent } from 'react';
import { compareAmounts } from '../../../src-main/domain/money';
import { parseCap } from '../../../src-shared/daily-cap';
import { formatMoney } from '../../components/format';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useOrdersStore } from '../../stores/orders';
import { useSettingsStore } from '../../stores/settings';

/** What the merchant typed, read by main's own rule: null for none, undefined when main would refuse it. */
function readCap(text: string): string | null | undefined {
  try {
    return parseCap(text);
  } catch {
    return undefined;
  }
}

/** The most test orders may cost per local day; main refuses an order that would go over it. */
export function DailyCapSetting() {
  const t = useT(ordersDictionary);
  const id = useId();
  const { settings, saving, errors, update } = useSettingsStore();
  const spending = useOrdersStore((s) => s.spending);
  const spendingError = useOrdersStore((s) => s.spendingError);
  const loadSpending = useOrdersStore((s) => s.loadSpending);
  const cap = settings?.orderDailyCap ?? null;
  const currency = settings?.currency;
  const [text, setText] = useState(cap ?? '');
  const [invalid, setInvalid] = useState(false);

  useEffect(() => setText(cap ?? ''), [cap]);
  // Main's figures for the cap as set now; orders moving refresh them too (stores/orders.ts).
  useEffect(() => {
    void loadSpending();
  }, [cap, currency, loadSpending]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const read = readCap(text);
    setInvalid(read === undefined);
    if (read !== undefined && read !== cap) void update('orderDailyCap', read);
  };

  const busy = saving === 'orderDailyCap';
  const exhausted = spending?.cap ? compareAmounts(spending.cap.remaining.amount, '0') === 0 : false;

  return (
    <form className="card daily-cap" onSubmit={save} noValidate>
      <h2>
        <label htmlFor={id}>{t('cap.title')}</label>
      </h2>
      <p className="muted cap-help">{t('cap.help')}</p>
      <div className="cap-row">
        <input
          id={id}
          className="cap-input num"
          inputMode="decimal"
          value={text}
          placeholder={t('cap.placeholder')}
          disabled={!settings || busy}
          aria-invalid={invalid}
          onChange={(event) => setText(event.target.value)}
        />
        <span className="cap-currency">{currency ?? ''}</span>
        <button type="submit" className="button" disabled={!settings || busy}>
          {busy ? t('cap.saving') : t('cap.save')}
        </button>
        {cap !== null && (
          <button
            type="button"
            className="button link-like"
            disabled={busy}
            onClick={() => void update('orderDailyCap', null)}
          >
            {t('cap.remove')}
          </button>
        )}
      </div>
      {invalid && (
        <p className="error cap-message" role="alert">
          {t('cap.invalid')}
        </p>
      )}
      {errors.orderDailyCap && (
        <p className="error cap-message" role="alert">
          {errors.orderDailyCap}
        </p>
      )}
      {spendingError && (
        <p className="error cap-message" role="alert">
          {spendingError}
        </p>
      )}
      <p className={`cap-status${exhausted ? ' exhausted' : ''}`} data-testid="cap-status">
        {settings &&
          spending &&
          (spending.cap
            ? t('cap.status', {
                spent: formatMoney(spending.cap.spentToday),
                remaining: formatMoney(spending.cap.remaining),
              })
            : t('cap.off', { spent: formatMoney(spending.spentToday) }))}
      </p>
    </form>
  );
}
