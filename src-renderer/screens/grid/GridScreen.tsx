import { useT } from '../../i18n';

export function GridScreen() {
  const t = useT();
  return <section className="placeholder"><h1>{t('nav.grid')}</h1></section>;
}
