import type { OrderView } from '../../../src-shared/order-types';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { isInFlight } from '../../stores/orders-view';
import { AttentionHelp } from './AttentionHelp';
import { DeliveryPanel } from './DeliveryPanel';
import { OrderProgress } from './OrderProgress';
import { ResolveActions } from './ResolveActions';
import { useOrderText } from './order-text';

/** Where the order stands and what came of it: shared by the dialog that follows it and the order's detail. */
export function OrderOutcome({ order, supplierName }: { order: OrderView; supplierName: string }) {
  const t = useT(ordersDictionary);
  const text = useOrderText(order.supplier);
  return (
    <div className="order-outcome" data-order={order.id} data-status={order.status}>
      <OrderProgress order={order} />
      {isInFlight(order.status) && (
        <div className="waiting-note">
          <p className="muted" role="status">
            {t('waiting', { supplier: supplierName })}
          </p>
          <details className="waiting-help">
            <summary>{t('waiting.stuck')}</summary>
            <ResolveActions order={order} />
          </details>
        </div>
      )}
      {order.status === 'attention' && <AttentionHelp order={order} supplierName={supplierName} />}
      {(order.status === 'failed' || order.status === 'canceled') && order.error && (
        <p className="order-error" role="alert">
          {text.word(order.error)}
        </p>
      )}
      <DeliveryPanel order={order} />
    </div>
  );
}
