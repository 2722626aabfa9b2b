import { useEffect } from 'react';
import { ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { settingsDictionary } from '../../i18n/settings';
import { useAppStore } from '../../stores/app';
import { useSettingsStore } from '../../stores/settings';
import { SyncSchedule } from '../sync/SyncSchedule';
import { AppearanceSettings } from './AppearanceSettings';
import { BackupsSettings } from './BackupsSettings';
import { CurrencySetting } from './CurrencySetting';
import { DataFolder } from './DataFolder';
import { RatesUrlSetting } from './RatesUrlSetting';
import { SettingsSection } from './SettingsSection';
import { SyncTimingSettings } from './SyncTimingSettings';
import './settings.css';

export function SettingsScreen() {
  const t = useT(settingsDictionary);
  const { settings, loading, loadError, load } = useSettingsStore();
  const loadInfo = useAppStore((s) => s.load);

  useEffect(() => {
    void load();
    void loadInfo();
  }, [load, loadInfo]);

  return (
    <section className="screen-page settings-screen">
      <header className="screen-header">
        <h1>{t('title')}</h1>
      </header>
      <AppearanceSettings />
      {loading && <LoadingState />}
      {loadError && <ErrorState message={loadError} onRetry={() => void load()} />}
      {settings && (
        <>
          <SettingsSection title={t('pricing')}>
            <CurrencySetting />
            <RatesUrlSetting />
          </SettingsSection>
          <SettingsSection title={t('sync')} description={t('sync.description')}>
            <SyncSchedule />
            <SyncTimingSettings />
          </SettingsSection>
        </>
      )}
      <DataFolder />
      <BackupsSettings />
    </section>
  );
}
