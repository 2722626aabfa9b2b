import { useEffect } from 'react';
import { alertText, alertsDictionary } from '../../i18n/alerts';
import { formatDateTime } from '../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { useAlertsStore } from '../../stores/alerts';
import type { SupplierSummary } from '../../../src-shared/contract';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { useUiStore } from '../../stores/ui';
import { AlertRulesEditor } from './AlertRulesEditor';
import { openAlert } from './open-alert';
import { deliveryText } from './delivery-text';
import { formatList } from '../../stores/format-list';
import './alerts.css';

/** The notification centre: every alert, newest first; opening one marks it read and shows what it is about. */
export function AlertsScreen() {
  const t = useT(alertsDictionary);
  const language = useUiStore((s) => s.language);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const { view, error, load, markRead } = useAlertsStore();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="screen-page alerts-screen">
      <header className="screen-header">
        <h1>{t('title')}</h1>
        {view && view.unread > 0 && (
          <button className="button" onClick={() => void markRead(null)}>
            {t('markAllRead')}
          </button>
        )}
      </header>
      <div className="card alerts-list">
        {!view && !error && <LoadingState />}
        {error && <ErrorState message={error} onRetry={() => void load()} />}
        {view && view.alerts.length === 0 && <EmptyState>{t('empty')}</EmptyState>}
        {view && view.alerts.length > 0 && (
          <ul>
            {view.alerts.map((alert) => (
              <li key={alert.id} className={`alert-item${alert.read ? '' : ' unread'}`}>
                <div className="alert-main">
                  {!alert.read && <span className="badge alert-new">{t('unread')}</span>}
                  <span className="alert-text">{alertText(language, withSupplierName(alert, suppliers))}</span>
                  <span className="muted alert-meta">
                    {formatDateTime(alert.createdAt, language)}
                    {Object.keys(alert.deliveries).length > 0 &&
                      ` · ${t('deliveries', {
                        list: formatList(
                          Object.entries(alert.deliveries).map(([channel, result]) => deliveryText(t, channel, result)),
                          language,
                        ),
                      })}`}
                  </span>
                </div>
                <button
                  className="button"
                  onClick={() => {
                    if (!alert.read) void markRead([alert.id]);
                    openAlert(alert);
                  }}
                >
                  {t('open')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <AlertRulesEditor />
    </section>
  );
}

/** Alerts name a supplier by its id; on screen it goes by its name, in the reader's language for a demo one. */
function withSupplierName<T extends { params: Record<string, string | number> }>(
  alert: T,
  suppliers: readonly SupplierSummary[],
): T {
  const id = alert.params.supplier;
  return typeof id === 'string'
    ? { ...alert, params: { ...alert.params, supplier: supplierName(suppliers, id) } }
    : alert;
}
