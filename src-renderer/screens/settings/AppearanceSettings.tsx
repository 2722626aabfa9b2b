import { LANGUAGES } from '../../../src-shared/languages';
import { LANGUAGE_NAMES, useT } from '../../i18n';
import { settingsDictionary } from '../../i18n/settings';
import { useUiStore, type Theme } from '../../stores/ui';
import { SegmentedChoice } from './SegmentedChoice';
import { SettingsSection } from './SettingsSection';

const THEMES: Theme[] = ['system', 'light', 'dark'];

export function AppearanceSettings() {
  const t = useT(settingsDictionary);
  const { language, theme, setLanguage, setTheme } = useUiStore();
  return (
    <SettingsSection title={t('appearance')}>
      <div className="setting-row">
        <span className="setting-label" id="setting-language">
          {t('language')}
        </span>
        <SegmentedChoice
          labelledBy="setting-language"
          value={language}
          options={LANGUAGES.map((id) => ({ id, label: LANGUAGE_NAMES[id], lang: id }))}
          onChange={setLanguage}
        />
      </div>
      <div className="setting-row">
        <span className="setting-label" id="setting-theme">
          {t('theme')}
        </span>
        <SegmentedChoice
          labelledBy="setting-theme"
          value={theme}
          options={THEMES.map((id) => ({ id, label: t(`theme.${id}`) }))}
          onChange={setTheme}
        />
      </div>
    </SettingsSection>
  );
}
