import { useEffect, type ReactElement } from 'react';
import { api } from './api';
import { useT } from './i18n';
import { AlertsScreen } from './screens/alerts/AlertsScreen';
import { ExportScreen } from './screens/export/ExportScreen';
import { GridScreen } from './screens/grid/GridScreen';
import { OrdersScreen } from './screens/orders/OrdersScreen';
import { PricingScreen } from './screens/pricing/PricingScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { SuppliersScreen } from './screens/suppliers/SuppliersScreen';
import { SyncScreen } from './screens/sync/SyncScreen';
import { useAlertsStore } from './stores/alerts';
import { useAppStore } from './stores/app';
import { useSuppliersStore } from './stores/suppliers';
import { useUiStore, type Screen } from './stores/ui';

const SCREENS: Array<{ id: Screen; component: () => ReactElement }> = [
  { id: 'grid', component: GridScreen },
  { id: 'suppliers', component: SuppliersScreen },
  { id: 'sync', component: SyncScreen },
  { id: 'pricing', component: PricingScreen },
  { id: 'export', component: ExportScreen },
  { id: 'orders', component: OrdersScreen },
  { id: 'alerts', component: AlertsScreen },
  { id: 'settings', component: SettingsScreen },
];

function useThemeClass() {
  const theme = useUiStore((s) => s.theme);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () =>
      (document.documentElement.dataset.theme = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme);
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}

export function App() {
  const t = useT();
  const { screen, go, language, openAddSupplier } = useUiStore();
  const { info, load } = useAppStore();
  useThemeClass();
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useEffect(() => {
    void load();
    return api().on('grid.changed', () => void load());
  }, [load]);
  useEffect(() => useSuppliersStore.getState().connect(), []);
  useEffect(() => useAlertsStore.getState().connect(), []);
  const unread = useAlertsStore((s) => s.view?.unread ?? 0);
  const Current = SCREENS.find((s) => s.id === screen)!.component;
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">{t('app.name')}</div>
        {SCREENS.map((s) => (
          <button
            key={s.id}
            className={`nav-item${s.id === screen ? ' active' : ''}`}
            aria-current={s.id === screen ? 'page' : undefined}
            onClick={() => go(s.id)}
          >
            {t(`nav.${s.id}`)}
            {s.id === 'alerts' && unread > 0 && (
              <span className="nav-count" aria-label={t('alerts.unread', { count: unread })}>
                {unread}
              </span>
            )}
          </button>
        ))}
      </nav>
      <div className="main">
        {info?.demo && (
          <div className="demo-banner" role="status">
            <span className="badge demo">{t('demo.badge')}</span>
            <span>{t('demo.banner')}</span>
            <button className="link" onClick={openAddSupplier}>
              {t('demo.addReal')}
            </button>
          </div>
        )}
        {/* Keyed by screen so each screen opens at its top, not at the last one's scroll position. */}
        <main className="screen" key={screen}>
          <Current />
        </main>
      </div>
    </div>
  );
}
