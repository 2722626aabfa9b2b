import type { OrderRecordStatus } from '../../../src-shared/order-types';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { STATUS_TONE } from '../../stores/orders-view';

export function StatusBadge({ status }: { status: OrderRecordStatus }) {
  const t = useT(ordersDictionary);
  return (
    <span className={`badge order-status ${STATUS_TONE[status]}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
