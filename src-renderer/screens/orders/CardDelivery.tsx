import type { Delivery } from '../../../src-shared/order-types';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { isMasked } from '../../stores/orders-view';
import { CopyButton } from './CopyButton';

type Card = NonNullable<Delivery['cards']>[number];

function Secret({ value, what }: { value: string | undefined; what: string }) {
  if (!value) return <span className="muted">—</span>;
  const masked = isMasked(value);
  return (
    <span className="card-secret">
      <code className={`delivery-value${masked ? ' masked' : ''}`}>{value}</code>
      <CopyButton text={value} what={what} disabled={masked} />
    </span>
  );
}

/** Gift cards and vouchers: number and PIN (secret until revealed), serial and expiry (printed on the card anyway). */
export function CardDelivery({ cards }: { cards: Card[] }) {
  const t = useT(ordersDictionary);
  return (
    <div className="card-delivery">
      <table className="table card-table">
        <thead>
          <tr>
            {cards.length > 1 && <th className="num">#</th>}
            <th>{t('card.number')}</th>
            <th>{t('card.pin')}</th>
            <th>{t('card.serial')}</th>
            <th>{t('card.expiry')}</th>
          </tr>
        </thead>
        <tbody>
          {cards.map((card, index) => (
            <tr key={index} data-card={index}>
              {cards.length > 1 && <td className="num">{index + 1}</td>}
              <td data-field="card-number">
                <Secret value={card.number} what={t('card.number')} />
              </td>
              <td data-field="card-pin">
                <Secret value={card.pin} what={t('card.pin')} />
              </td>
              <td data-field="card-serial">
                {card.serial ? <code className="delivery-value">{card.serial}</code> : <span className="muted">—</span>}
              </td>
              <td data-field="card-expiry">{card.expiry ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
