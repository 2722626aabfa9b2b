import { useT } from '../../i18n';

/** Reserved in the navigation; its own issue builds it. */
export function OrdersScreen() {
  const t = useT();
  return (
    <section className="placeholder">
      <h1>{t('nav.orders')}</h1>
      <p className="muted">{t('comingSoon')}</p>
    </section>
  );
}
