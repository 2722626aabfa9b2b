import type { OrderQuote } from '../../../src-shared/order-types';
import { formatMoney } from '../../components/format';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { balanceShort } from '../../stores/orders-view';
import { useOrderText } from './order-text';

/** What the order will cost, what the supplier holds to pay it, and what the daily cap still allows. */
export function QuoteSummary({ quote, supplierName }: { quote: OrderQuote; supplierName: string }) {
  const t = useT(ordersDictionary);
  const text = useOrderText(quote.offer.supplier);
  const converted =
    quote.costInMerchantCurrency && quote.costInMerchantCurrency.currency !== quote.cost.currency
      ? quote.costInMerchantCurrency
      : null;
  return (
    <div className="quote-summary" data-testid="order-quote">
      <dl className="quote-facts">
        <div className="quote-charge">
          <dt>{t('quote.charged', { supplier: supplierName })}</dt>
          <dd className="num" data-testid="quote-cost">
            {formatMoney(quote.cost)}
            {converted && <span className="muted quote-converted">≈ {formatMoney(converted)}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('quote.balance')}</dt>
          <dd className="num" data-testid="quote-balance">
            {quote.balance ? (
              <span className={balanceShort(quote.balance, quote.cost) ? 'error' : undefined}>
                {formatMoney(quote.balance)}
              </span>
            ) : quote.balanceError ? (
              <span className="error quote-balance-error">
                {t('quote.balance.error', { message: text.word(quote.balanceError) })}
              </span>
            ) : (
              <span className="muted">{t('quote.balance.unknown')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('quote.cap')}</dt>
          <dd className="num" data-testid="quote-cap">
            {quote.cap ? (
              t('quote.cap.left', {
                remaining: formatMoney(quote.cap.remaining),
                limit: formatMoney(quote.cap.limit),
                spent: formatMoney(quote.cap.spentToday),
              })
            ) : (
              <span className="muted">{t('quote.cap.none')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('quote.stock')}</dt>
          <dd>
            <span className={`stock-dot ${quote.stock.status}`} aria-hidden="true" />
            {quote.stock.quantity === null
              ? t(`stock.${quote.stock.status}`)
              : t('stock.withQuantity', {
                  status: t(`stock.${quote.stock.status}`),
                  n: quote.stock.quantity.toLocaleString(),
                })}
          </dd>
        </div>
      </dl>
      {balanceShort(quote.balance, quote.cost) && (
        <p className="quote-warning" role="status">
          {t('quote.balance.short')}
        </p>
      )}
      {!quote.allowed && (
        <p className="quote-refusal" role="alert">
          <strong>{t('quote.refused')}</strong> {text.word(quote.refusal)}
        </p>
      )}
    </div>
  );
}
