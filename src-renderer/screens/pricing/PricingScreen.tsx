import { useT } from '../../i18n';

export function PricingScreen() {
  const t = useT();
  return <section className="placeholder"><h1>{t('nav.pricing')}</h1></section>;
}
