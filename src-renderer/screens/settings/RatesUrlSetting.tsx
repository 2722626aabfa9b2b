import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { settingsDictionary } from '../../i18n/settings';
import { ECB_DAILY_RATES_URL } from '../../../src-main/domain/currency';
import { useIssueText } from '../suppliers/issue-text';
import { useSettingsStore } from '../../stores/settings';
import { InsecureHttpOptIn } from '../../components/InsecureHttpOptIn';
import { SettingRow } from './SettingRow';

export function RatesUrlSetting() {
  const t = useT(settingsDictionary);
  const { settings, saving, errors, update } = useSettingsStore();
  const issueText = useIssueText();
  const current = settings?.ratesUrl ?? '';
  const currentAllow = settings?.ratesUrlAllowInsecureHttp ?? false;
  const [value, setValue] = useState(current);
  const [allowInsecure, setAllowInsecure] = useState(currentAllow);
  const [saved, setSaved] = useState(false);
  useEffect(() => setValue(current), [current]);
  useEffect(() => setAllowInsecure(currentAllow), [currentAllow]);
  const unchanged = value.trim() === current && allowInsecure === currentAllow;

  // The opt-in is stored apart from the URL: granted before an http:// URL is saved, withdrawn after it is replaced.
  const save = async (url: string, allow = allowInsecure) => {
    setSaved(false);
    setValue(url);
    if (allow && allow !== currentAllow && !(await update('ratesUrlAllowInsecureHttp', true))) return;
    if (url.trim() !== current && !(await update('ratesUrl', url.trim()))) return;
    if (!allow && allow !== currentAllow && !(await update('ratesUrlAllowInsecureHttp', false))) return;
    setSaved(true);
  };
  const error = errors.ratesUrl ?? errors.ratesUrlAllowInsecureHttp;

  return (
    <SettingRow
      label={t('ratesUrl')}
      htmlFor="setting-rates-url"
      help={t('ratesUrl.help')}
      error={error ? issueText(error, true) : undefined}
    >
      <div className="setting-inline">
        <input
          id="setting-rates-url"
          className="url-input"
          value={value}
          spellCheck={false}
          aria-invalid={Boolean(error)}
          onChange={(event) => {
            setValue(event.target.value);
            setSaved(false);
          }}
          onKeyDown={(event) => event.key === 'Enter' && !unchanged && void save(value)}
        />
        <button className="button" disabled={unchanged || saving !== null} onClick={() => void save(value)}>
          {t('action.save')}
        </button>
        {current !== ECB_DAILY_RATES_URL && (
          <button className="button" onClick={() => void save(ECB_DAILY_RATES_URL, false)}>
            {t('ratesUrl.reset')}
          </button>
        )}
      </div>
      <InsecureHttpOptIn
        url={value}
        checked={allowInsecure}
        onChange={(checked) => {
          setAllowInsecure(checked);
          setSaved(false);
        }}
      />
      {saved && (
        <p className="setting-saved" role="status">
          {t('saved')}
        </p>
      )}
    </SettingRow>
  );
}
