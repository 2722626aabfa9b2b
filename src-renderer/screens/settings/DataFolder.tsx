import { useState } from 'react';
import { useT } from '../../i18n';
import { settingsDictionary } from '../../i18n/settings';
import { useAppStore } from '../../stores/app';
import { SettingsSection } from './SettingsSection';
import { SettingRow } from './SettingRow';
import { decodeCodedIssue } from '../../../src-shared/coded-issue';

export function DataFolder() {
  const t = useT(settingsDictionary);
  const info = useAppStore((s) => s.info);
  const [copied, setCopied] = useState(false);
  if (!info) return null;
  const warning = info.secretsWarning ? decodeCodedIssue(info.secretsWarning) : null;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(info.dataDir);
      setCopied(true);
    } catch {
      // Clipboard access can be refused; the path stays selectable on screen.
    }
  };

  return (
    <SettingsSection title={t('data')}>
      {info.secretsWarning && (
        <div className="secrets-warning" role="alert">
          <strong>{t(warning ? `${warning.code}.title` : 'secrets.title')}</strong>
          <p>{warning ? t(warning.code, warning.params) : info.secretsWarning}</p>
        </div>
      )}
      <SettingRow label={t('dataDir')} help={t('dataDir.help')}>
        <div className="setting-inline">
          <code className="data-dir" translate="no">
            {info.dataDir}
          </code>
          <button className="button" onClick={() => void copy()}>
            {copied ? t('copied') : t('copy')}
          </button>
        </div>
      </SettingRow>
      <SettingRow label={t('version')}>
        <span translate="no">SupplyGrid {info.version}</span>
      </SettingRow>
    </SettingsSection>
  );
}
