import { useEffect, useId, useState, type FormEvent } from 'react';
import { formatMoney } from '../../components/format';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useOrdersStore } from '../../stores/orders';
import { capFigures, compareAmounts, readCapInput, spentToday } from '../../stores/orders-view';
import { useSettingsStore } from '../../stores/settings';

/** The most test orders may cost per local day; main refuses an order that would go over it. */
export function DailyCapSetting() {
  const t = useT(ordersDictionary);
  const id = useId();
  const { settings, saving, errors, update } = useSettingsStore();
  const orders = useOrdersStore((s) => s.orders);
  const latestCap = useOrdersStore((s) => s.latestCap);
  const cap = settings?.orderDailyCap ?? null;
  const currency = settings?.currency ?? '';
  const [text, setText] = useState(cap ?? '');
  const [invalid, setInvalid] = useState(false);

  useEffect(() => setText(cap ?? ''), [cap]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const read = readCapInput(text);
    setInvalid(!read.ok);
    if (read.ok && read.value !== cap) void update('orderDailyCap', read.value);
  };

  // A quote states main's own figure; it stands until an order changes after it or the cap itself changes.
  const lastOrderChange = Math.max(0, ...orders.map((order) => Date.parse(order.updatedAt)));
  const quoteCurrent = latestCap !== null && cap !== null && latestCap.at > lastOrderChange
    && latestCap.cap.limit.currency === currency && compareAmounts(latestCap.cap.limit.amount, cap) === 0;
  const { spent, remaining } = quoteCurrent
    ? { spent: latestCap.cap.spentToday, remaining: latestCap.cap.remaining }
    : capFigures(cap, spentToday(orders, currency, new Date()));
  const busy = saving === 'orderDailyCap';

  return (
    <form className="card daily-cap" onSubmit={save} noValidate>
      <h2><label htmlFor={id}>{t('cap.title')}</label></h2>
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
        <span className="cap-currency">{currency}</span>
        <button type="submit" className="button" disabled={!settings || busy}>{busy ? t('cap.saving') : t('cap.save')}</button>
        {cap !== null && <button type="button" className="button link-like" disabled={busy} onClick={() => void update('orderDailyCap', null)}>{t('cap.remove')}</button>}
      </div>
      {invalid && <p className="error cap-message" role="alert">{t('cap.invalid')}</p>}
      {errors.orderDailyCap && <p className="error cap-message" role="alert">{errors.orderDailyCap}</p>}
      <p className={`cap-status${remaining && compareAmounts(remaining.amount, '0') === 0 ? ' exhausted' : ''}`} data-testid="cap-status">
        {settings && (remaining
          ? t('cap.status', { spent: formatMoney(spent), remaining: formatMoney(remaining) })
          : t('cap.off', { spent: formatMoney(spent) }))}
      </p>
    </form>
  );
}
