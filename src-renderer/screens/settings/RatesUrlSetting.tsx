import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { settingsDictionary } from '../../i18n/settings';
import { useSettingsStore } from '../../stores/settings';

const ECB_DAILY = 'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml';

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
    <div className="setting-row">
      <label className="setting-label" htmlFor="setting-rates-url">{t('ratesUrl')}</label>
      <div className="setting-control">
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
          {current !== ECB_DAILY && <button className="button" onClick={() => void save(ECB_DAILY)}>{t('ratesUrl.reset')}</button>}
        </div>
        <p className="muted setting-help">{t('ratesUrl.help')}</p>
        {saved && <p className="setting-saved" role="status">{t('saved')}</p>}
        {errors.ratesUrl && <p className="error">{errors.ratesUrl}</p>}
      </div>
    </div>
  );
}
