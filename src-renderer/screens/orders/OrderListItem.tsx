import type { OrderView } from '../../../src-shared/order-types';
import { formatDateTime, formatMoney } from '../../components/format';
import { shownAmount } from '../../stores/orders-view';
import { useUiStore } from '../../stores/ui';
import { StatusBadge } from './StatusBadge';
import { formatShort } from './time';

export function OrderListItem({
  order,
  supplierName,
  selected,
  onSelect,
}: {
  order: OrderView;
  supplierName: string;
  selected: boolean;
  onSelect: () => void;
}) {
  const language = useUiStore((s) => s.language);
  return (
    <li>
      <button
        type="button"
        className={`order-item pick-item${selected ? ' selected' : ''}`}
        aria-pressed={selected}
        data-order={order.id}
        onClick={onSelect}
      >
        <span className="pick-line">
          <span className="order-title" title={order.title}>
            {order.title}
          </span>
          <StatusBadge status={order.status} />
        </span>
        <span className="pick-line order-meta">
          <span className="order-supplier" title={supplierName}>
            {supplierName}
          </span>
          <span className="order-amount num">{formatMoney(shownAmount(order))}</span>
          <time
            className="order-time muted"
            dateTime={order.createdAt}
            title={formatDateTime(order.createdAt, language)}
          >
            {formatShort(order.createdAt, language)}
          </time>
        </span>
      </button>
    </li>
  );
}
