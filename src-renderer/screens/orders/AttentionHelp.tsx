import type { OrderView } from '../../../src-shared/order-types';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { formatMoneyParams } from '../../components/format';
import { attentionWording } from '../../stores/orders-view';
import { CopyButton } from './CopyButton';
import { ResolveActions } from './ResolveActions';
import { useOrderText } from './order-text';

/** The supplier's word on this order is unclear, and only its own order list can settle it. */
export function AttentionHelp({ order, supplierName }: { order: OrderView; supplierName: string }) {
  const t = useT(ordersDictionary);
  const reason = attentionWording(order, supplierName);
  const text = useOrderText(order.supplier);
  return (
    <section className="attention-help" aria-label={t('attention.title')}>
      <h3>{t('attention.title')}</h3>
      {reason ? (
        <p className="attention-reason" data-reason={order.attention?.code}>
          {t(reason.key, formatMoneyParams(reason.params))}
        </p>
      ) : (
        order.error && <p className="attention-reason">{text.word(order.error)}</p>
      )}
      <p>{t('attention.explain')}</p>
      <p className="attention-keys">
        <span>
          {t('attention.ourKey')} <code>{order.idempotencyKey}</code>
        </span>
        <CopyButton text={order.idempotencyKey} what={t('attention.ourKey')} />
        {order.upstreamOrderId && (
          <span>
            {t('attention.theirId')} <code>{order.upstreamOrderId}</code>
          </span>
        )}
      </p>
      <ResolveActions order={order} />
    </section>
  );
}
