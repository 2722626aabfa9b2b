import { useT } from '../../i18n';

export function SyncScreen() {
  const t = useT();
  return <section className="placeholder"><h1>{t('nav.sync')}</h1></section>;
}
