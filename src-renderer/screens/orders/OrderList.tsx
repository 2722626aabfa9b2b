import { useShallow } from 'zustand/react/shallow';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useOrdersStore } from '../../stores/orders';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { useUiStore } from '../../stores/ui';
import { OrderListItem } from './OrderListItem';

export function OrderList({ onNewOrder }: { onNewOrder: () => void }) {
  const t = useT(ordersDictionary);
  const { orders, loaded, loading, error, load, selectedId, select } = useOrdersStore(
    useShallow((s) => ({
      orders: s.orders,
      loaded: s.loaded,
      loading: s.loading,
      error: s.error,
      load: s.load,
      selectedId: s.selectedId,
      select: s.select,
    })),
  );
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const go = useUiStore((s) => s.go);
  return (
    <div className="card order-history">
      <h2>
        {t('history')}{' '}
        {orders.length > 0 && (
          <span className="muted order-count">{t('history.count', { count: orders.length.toLocaleString() })}</span>
        )}
      </h2>
      {loading && <LoadingState />}
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {loaded && !error && orders.length === 0 && (
        <EmptyState>
          <p>{t('history.empty')}</p>
          <div className="empty-actions">
            <button type="button" className="primary" onClick={onNewOrder}>
              {t('newOrder')}
            </button>
            <button type="button" className="button" onClick={() => go('grid')}>
              {t('history.openGrid')}
            </button>
          </div>
        </EmptyState>
      )}
      {orders.length > 0 && (
        <ul className="order-list pick-list" aria-label={t('history')}>
          {orders.map((order) => (
            <OrderListItem
              key={order.id}
              order={order}
              supplierName={supplierName(suppliers, order.supplier)}
              selected={order.id === selectedId}
              onSelect={() => select(order.id)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
