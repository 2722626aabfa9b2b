import { useState } from 'react';
import { useT } from '../../i18n';
import { settingsDictionary } from '../../i18n/settings';
import { useAppStore } from '../../stores/app';
import { SettingsSection } from './SettingsSection';

export function DataFolder() {
  const t = useT(settingsDictionary);
  const info = useAppStore((s) => s.info);
  const [copied, setCopied] = useState(false);
  if (!info) return null;

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
          <strong>{t('secrets.title')}</strong>
          <p>{info.secretsWarning}</p>
        </div>
      )}
      <div className="setting-row">
        <span className="setting-label">{t('dataDir')}</span>
        <div className="setting-control">
          <div className="setting-inline">
            <code className="data-dir">{info.dataDir}</code>
            <button className="button" onClick={() => void copy()}>{copied ? t('copied') : t('copy')}</button>
          </div>
          <p className="muted setting-help">{t('dataDir.help')}</p>
        </div>
      </div>
      <div className="setting-row">
        <span className="setting-label">{t('version')}</span>
        <div className="setting-control"><span>SupplyGrid {info.version}</span></div>
      </div>
    </SettingsSection>
  );
}
