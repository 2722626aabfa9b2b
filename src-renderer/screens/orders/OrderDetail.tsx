import type { ReactNode } from 'react';
import type { OrderView } from '../../../src-shared/order-types';
import { formatDateTime, formatMoney } from '../../components/format';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useOrdersStore } from '../../stores/orders';
import { withRevealed } from '../../stores/orders-view';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { useUiStore } from '../../stores/ui';
import { CopyButton } from './CopyButton';
import { OrderOutcome } from './OrderOutcome';
import { StatusBadge } from './StatusBadge';
import { Timeline } from './Timeline';
import { useOrderText } from './order-text';

function Fact({
  label,
  children,
  testId,
  wide = false,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  return (
    <div className={wide ? 'wide' : undefined}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

export function OrderDetail({ onOrderAgain }: { onOrderAgain: (order: OrderView) => void }) {
  const t = useT(ordersDictionary);
  const language = useUiStore((s) => s.language);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const loaded = useOrdersStore((s) => s.loaded);
  // Two plain selections: a selector that built the merged object would hand zustand a new value on every read.
  const storedOrder = useOrdersStore((s) => s.orders.find((o) => o.id === s.selectedId));
  const revealedDelivery = useOrdersStore((s) => (s.selectedId === null ? undefined : s.revealed[s.selectedId]));
  const order = storedOrder ? withRevealed(storedOrder, revealedDelivery) : null;
  const text = useOrderText(order?.supplier ?? '');

  if (!order) {
    return (
      <div className="card order-detail">
        <EmptyState>{loaded ? t('detail.pick') : null}</EmptyState>
      </div>
    );
  }
  const supplier = supplierName(suppliers, order.supplier);
  return (
    <article className="card order-detail" aria-label={t('detail.label', { id: order.id })} data-order={order.id}>
      <header className="order-detail-head">
        <div className="order-detail-heading">
          <h2 title={order.title}>{order.title}</h2>
          <p className="muted order-detail-sub">
            {t('detail.sub', {
              id: order.id,
              supplier,
              kind: t(`kind.${order.kind}`),
              when: formatDateTime(order.createdAt, language),
            })}
          </p>
        </div>
        <StatusBadge status={order.status} />
      </header>
      <dl className="order-facts">
        <Fact label={t('detail.expected')} testId="order-expected">
          {formatMoney(order.expectedCost)}
        </Fact>
        <Fact label={t('detail.charged')} testId="order-charged">
          {order.amount ? formatMoney(order.amount) : <span className="muted">{t('detail.notYet')}</span>}
        </Fact>
        {order.refundedAmount && (
          <Fact label={t('detail.refunded')} testId="order-refunded">
            {formatMoney(order.refundedAmount)}
          </Fact>
        )}
        {order.expectedInMerchantCurrency &&
          order.expectedInMerchantCurrency.currency !== order.expectedCost.currency && (
            <Fact label={t('detail.inMerchantCurrency', { currency: order.expectedInMerchantCurrency.currency })}>
              ≈ {formatMoney(order.expectedInMerchantCurrency)}
            </Fact>
          )}
        <Fact label={t('detail.ourKey')} wide>
          <span className="fact-with-copy">
            <code>{order.idempotencyKey}</code>
            <CopyButton text={order.idempotencyKey} what={t('detail.ourKey')} />
          </span>
        </Fact>
        <Fact label={t('detail.atSupplier')} testId="order-upstream">
          {order.upstreamOrderId ? (
            <code>{order.upstreamOrderId}</code>
          ) : (
            <span className="muted">{t('detail.noNumber')}</span>
          )}
          {order.upstreamStatus && (
            <span
              className="upstream-status"
              title={t('timeline.upstream')}
              translate={text.own(order.upstreamStatus) ? 'no' : undefined}
            >
              {' '}
              · {text.word(order.upstreamStatus)}
            </span>
          )}
        </Fact>
      </dl>
      <OrderOutcome order={order} supplierName={supplier} />
      <section className="order-timeline-section">
        <h3>{t('timeline.title')}</h3>
        <Timeline entries={order.timeline} supplierId={order.supplier} />
      </section>
      <footer className="order-detail-actions">
        <button type="button" className="button" onClick={() => onOrderAgain(order)}>
          {t('detail.again')}
        </button>
      </footer>
    </article>
  );
}
