import type { OrderView } from '../../../src-shared/order-types';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useOrdersStore } from '../../stores/orders';
import { deliveryShape } from '../../stores/orders-view';
import { CardDelivery } from './CardDelivery';
import { EsimDelivery } from './EsimDelivery';
import { useOrderText } from './order-text';

/** What the supplier delivered, masked until the merchant asks to see it (a screen share must not leak a code). */
export function DeliveryPanel({ order }: { order: OrderView }) {
  const t = useT(ordersDictionary);
  const text = useOrderText(order.supplier);
  const reveal = useOrdersStore((s) => s.reveal);
  const hide = useOrdersStore((s) => s.hide);
  const revealing = useOrdersStore((s) => s.revealing === order.id);
  const revealError = useOrdersStore((s) => s.revealErrors[order.id]);
  const shape = deliveryShape(order.delivery);

  if (shape === 'none') {
    return order.status === 'delivered' ? <p className="muted delivery-empty">{t('delivery.empty')}</p> : null;
  }
  return (
    <section className="delivery-panel" aria-label={t('delivery.title')}>
      <div className="delivery-head">
        <h3>{t('delivery.title')}</h3>
        <span className="muted delivery-hint">
          {order.revealed ? t('delivery.revealedHint') : t('delivery.maskedHint')}
        </span>
        {order.revealed ? (
          <button type="button" className="button small" onClick={() => hide(order.id)}>
            {t('delivery.hide')}
          </button>
        ) : (
          <button
            type="button"
            className="button small primary"
            disabled={revealing}
            onClick={() => void reveal(order.id)}
          >
            {revealing ? t('delivery.revealing') : t('delivery.reveal')}
          </button>
        )}
      </div>
      {revealError && (
        <p className="error" role="alert">
          {text.word(revealError)}
        </p>
      )}
      {shape === 'esim' && <EsimDelivery order={order} />}
      {shape === 'cards' && <CardDelivery cards={order.delivery!.cards!} />}
      {order.delivery?.text && (
        <div className="delivery-text" data-field="text">
          <h4>{shape === 'text' ? t('delivery.text') : t('delivery.note')}</h4>
          <pre className={`delivery-value${order.revealed ? '' : ' masked'}`}>
            {order.revealed ? text.deliveryText(order.delivery.text) : order.delivery.text}
          </pre>
        </div>
      )}
    </section>
  );
}
