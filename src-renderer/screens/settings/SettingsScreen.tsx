import { useT } from '../../i18n';

export function SettingsScreen() {
  const t = useT();
  return <section className="placeholder"><h1>{t('nav.settings')}</h1></section>;
}
