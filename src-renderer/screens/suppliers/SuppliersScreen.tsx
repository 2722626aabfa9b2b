import { useT } from '../../i18n';

export function SuppliersScreen() {
  const t = useT();
  return <section className="placeholder"><h1>{t('nav.suppliers')}</h1></section>;
}
