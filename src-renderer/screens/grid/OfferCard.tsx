import { useState } from 'react';
import type { GridOffer, PlanRow } from '../../../src-shared/grid-types';
import type { PlanRowDetail } from '../../../src-shared/contract';
import { api } from '../../api';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { TestOrderButton } from '../orders/TestOrderButton';
import { formatExactMoney, formatMoney } from '../../components/format';
import { sameOffer } from './grid-format';
import { supplierOfferKey } from '../../../src-main/domain/offer';
import { stockLabel } from './labels';
import { MoveOfferForm } from './MoveOfferForm';
import type { QuantityTier } from '../../../src-main/domain/quantity-tiers';
import { OfferMatchNote } from './OfferMatchNote';

interface Props {
  offer: GridOffer;
  row: PlanRow & Partial<Pick<PlanRowDetail, 'categoryNames'>>;
  supplierName: string;
  color: number;
  currency: string;
  /** The supplier's lower unit prices from a quantity on, if it publishes any. */
  tiers?: QuantityTier[];
}

export function OfferCard({ offer, row, supplierName, color, currency, tiers }: Props) {
  const t = useT(gridDictionary);
  const [moving, setMoving] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ref = { supplier: offer.supplier, productId: offer.productId, skuId: offer.skuId, variant: offer.variant };
  const isBest = sameOffer(offer, row.best);
  const isFallback = sameOffer(offer, row.second);

  // The grid answers with grid.changed; the panel refetches from it rather than patching itself.
  const run = async (action: () => Promise<void>) => {
    setPending(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setPending(false);
    }
  };

  const titles = Object.entries(offer.titles).filter(([, text]) => text.trim() !== '');

  return (
    <article
      className={`offer-card${isBest ? ' best' : ''}`}
      data-supplier={offer.supplier}
      data-offer={supplierOfferKey(offer)}
      aria-label={supplierName}
    >
      <header className="offer-head">
        <span className={`swatch series-${color}`} aria-hidden="true" />
        <strong className="offer-supplier" title={supplierName}>
          {supplierName}
        </strong>
        {isBest && <span className="badge ok">{t('detail.best')}</span>}
        {isFallback && <span className="badge neutral">{t('detail.fallback')}</span>}
        <span className="offer-kind muted">{t(`kind.${offer.kind}`)}</span>
      </header>
      <OfferMatchNote match={offer.match} />
      <dl className="offer-facts">
        <div>
          <dt>{t('detail.cost')}</dt>
          <dd className="num" title={formatExactMoney(offer.cost)}>
            {formatMoney(offer.cost)}
          </dd>
        </div>
        <div>
          <dt>{t('detail.converted', { currency })}</dt>
          <dd className="num" title={offer.converted ? formatExactMoney(offer.converted) : undefined}>
            {offer.converted ? formatMoney(offer.converted) : <span className="error">{t('detail.noRate')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('detail.stock')}</dt>
          <dd>
            <span className={`stock-dot ${offer.stock.status}`} aria-hidden="true" />
            {stockLabel(t, offer.stock)}
          </dd>
        </div>
        <div>
          <dt>{t('detail.orderable')}</dt>
          <dd className={offer.orderable ? undefined : 'muted'}>
            {offer.orderable ? t('detail.orderable.yes') : t('detail.orderable.no')}
          </dd>
        </div>
      </dl>
      {tiers && tiers.length > 0 && (
        <section className="offer-tiers" aria-label={t('detail.tiers')}>
          <h4 title={t('detail.tiers.hint')}>{t('detail.tiers')}</h4>
          <ul>
            {tiers.map((tier) => (
              <li key={tier.minQuantity}>
                <span>{t('detail.tiers.from', { count: tier.minQuantity })}</span>
                <span className="num">{t('detail.tiers.each', { price: formatMoney(tier.unitPrice) })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="offer-ids muted">
        <span title={offer.productId}>
          {t('detail.product')} <code translate="no">{offer.productId}</code>
        </span>
        <span title={offer.skuId}>
          {t('detail.sku')} <code translate="no">{offer.skuId}</code>
        </span>
        {offer.variant && (
          <span title={offer.variant}>
            {t('detail.variant')} <code translate="no">{offer.variant}</code>
          </span>
        )}
        {offer.categoryId && (
          <span title={offer.categoryId}>
            {t('detail.category')}{' '}
            {row.categoryNames?.[supplierOfferKey(offer)] ?? <code translate="no">{offer.categoryId}</code>}
          </span>
        )}
      </p>
      <ul className="offer-titles" aria-label={t('detail.titles')}>
        {titles.map(([locale, text]) => (
          <li key={locale}>
            <span className="locale-tag">{locale}</span>
            <span className="offer-title" lang={locale}>
              {text}
            </span>
          </li>
        ))}
      </ul>
      <div className="offer-actions">
        <button
          type="button"
          className="button small"
          disabled={pending}
          title={t('detail.unlink.hint')}
          onClick={() => void run(() => api()['grid.unlink'](ref))}
        >
          {t('detail.unlink')}
        </button>
        <button
          type="button"
          className="button small"
          disabled={pending}
          title={t('detail.reset.hint')}
          onClick={() => void run(() => api()['grid.resetLink'](ref))}
        >
          {t('detail.reset')}
        </button>
        <button
          type="button"
          className={`button small${moving ? ' pressed' : ''}`}
          disabled={pending}
          aria-expanded={moving}
          title={t('detail.move.hint')}
          onClick={() => setMoving(!moving)}
        >
          {t('detail.move')}
        </button>
        <TestOrderButton offer={offer} />
      </div>
      {error && (
        <p className="form-note error" role="alert">
          {error}
        </p>
      )}
      {moving && (
        <MoveOfferForm
          currentPlanKey={row.planKey}
          onMove={(planKey) =>
            run(async () => {
              await api()['grid.link'](ref, planKey);
              setMoving(false);
            })
          }
          onCancel={() => setMoving(false)}
          pending={pending}
        />
      )}
    </article>
  );
}
