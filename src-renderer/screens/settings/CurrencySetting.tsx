import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { settingsDictionary } from '../../i18n/settings';
import { useSettingsStore } from '../../stores/settings';
import { SettingRow } from './SettingRow';

const COMMON_CURRENCIES = [
  'USD',
  'EUR',
  'CNY',
  'HKD',
  'TWD',
  'SGD',
  'MYR',
  'THB',
  'IDR',
  'PHP',
  'VND',
  'JPY',
  'KRW',
  'GBP',
  'AUD',
];

export function CurrencySetting() {
  const t = useT(settingsDictionary);
  const { settings, saving, errors, update } = useSettingsStore();
  const current = settings?.currency ?? '';
  const [value, setValue] = useState(current);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setValue(current), [current]);

  const code = value.trim().toUpperCase();
  const changed = code !== current;
  const valid = /^[A-Z]{3}$/.test(code);
  return (
    <SettingRow
      label={t('currency')}
      htmlFor="setting-currency"
      help={t('currency.help')}
      helpClassName={confirming ? 'setting-warning' : 'muted setting-help'}
      error={errors.currency}
    >
      <div className="setting-inline">
        <input
          id="setting-currency"
          className="currency-input"
          list="setting-currency-list"
          value={value}
          maxLength={3}
          aria-invalid={changed && !valid}
          onChange={(event) => {
            setValue(event.target.value.toUpperCase());
            setConfirming(false);
          }}
        />
        <datalist id="setting-currency-list">
          {COMMON_CURRENCIES.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        {changed && !confirming && (
          <button className="button" disabled={!valid} onClick={() => setConfirming(true)}>
            {t('currency.change')}
          </button>
        )}
        {confirming && (
          <>
            <button
              className="primary"
              disabled={saving === 'currency'}
              onClick={() => void update('currency', code).then(() => setConfirming(false))}
            >
              {t('currency.confirm', { code })}
            </button>
            <button
              className="button"
              onClick={() => {
                setConfirming(false);
                setValue(current);
              }}
            >
              {t('action.cancel')}
            </button>
          </>
        )}
      </div>
    </SettingRow>
  );
}
