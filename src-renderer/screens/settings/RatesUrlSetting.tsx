import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { settingsDictionary } from '../../i18n/settings';
import { ECB_DAILY_RATES_URL } from '../../../src-main/domain/currency';
import { useSettingsStore } from '../../stores/settings';
import { SettingRow } from './SettingRow';


export function RatesUrlSetting() {
  const t = useT(settingsDictionary);
  const { settings, saving, errors, update } = useSettingsStore();
  const current = settings?.ratesUrl ?? '';
  const [value, setValue] = useState(current);
  const [saved, setSaved] = useState(false);
  useEffect(() => setValue(current), [current]);

  const save = async (url: string) => {
    setSaved(false);
    setValue(url);
    if (await update('ratesUrl', url.trim())) setSaved(true);
  };

  return (
    <SettingRow label={t('ratesUrl')} htmlFor="setting-rates-url" help={t('ratesUrl.help')} error={errors.ratesUrl}>
        <div className="setting-inline">
          <input
            id="setting-rates-url"
            className="url-input"
            value={value}
            spellCheck={false}
            aria-invalid={Boolean(errors.ratesUrl)}
            onChange={(event) => {
              setValue(event.target.value);
              setSaved(false);
            }}
            onKeyDown={(event) => event.key === 'Enter' && value.trim() !== current && void save(value)}
          />
          <button className="button" disabled={value.trim() === current || saving === 'ratesUrl'} onClick={() => void save(value)}>{t('action.save')}</button>
          {current !== ECB_DAILY_RATES_URL && <button className="button" onClick={() => void save(ECB_DAILY_RATES_URL)}>{t('ratesUrl.reset')}</button>}
        </div>
        {saved && <p className="setting-saved" role="status">{t('saved')}</p>}
    </SettingRow>
  );
}
