import type { PlanRowDetail } from '../../../src-shared/contract';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useUiStore } from '../../stores/ui';
import { supplierOfferKey } from '../../../src-main/domain/offer';
import { stockLabel } from './labels';
import { offerDistinctions } from './offer-labels';

const SHOWN_PER_OFFER = 6;

export function StockHistory({
  detail,
  nameOf,
  supplierColors,
}: {
  detail: PlanRowDetail;
  nameOf: (supplierId: string) => string;
  supplierColors: Readonly<Record<string, number>>;
}) {
  const t = useT(gridDictionary);
  const language = useUiStore((s) => s.language);
  const distinctions = offerDistinctions(detail.offers, language, t('detail.sku'));
  const entries = detail.offers.map((offer) => ({
    offer,
    points: [...(detail.stockHistory[supplierOfferKey(offer)] ?? [])].reverse(),
  }));
  if (entries.every((entry) => entry.points.length === 0)) return <p className="muted">{t('stockHistory.empty')}</p>;
  return (
    <div className="stock-history">
      {entries.map(({ offer, points }) => (
        <div key={supplierOfferKey(offer)} className="stock-history-offer">
          <div className="stock-history-head">
            <span className={`swatch series-${supplierColors[offer.supplier] ?? 7}`} aria-hidden="true" />
            <span>{nameOf(offer.supplier)}</span>
            {distinctions.has(supplierOfferKey(offer)) && (
              <span className="muted" title={distinctions.get(supplierOfferKey(offer))}>
                {distinctions.get(supplierOfferKey(offer))}
              </span>
            )}
          </div>
          {points.length === 0 ? (
            <p className="muted">{t('stockHistory.empty')}</p>
          ) : (
            <ol>
              {points.slice(0, SHOWN_PER_OFFER).map((point, index) => (
                <li key={index}>
                  <time dateTime={point.at} className="muted">
                    {formatDateTime(point.at, language)}
                  </time>
                  <span>
                    <span className={`stock-dot ${point.status}`} aria-hidden="true" />
                    {stockLabel(t, {
                      status: point.status as PlanRowDetail['offers'][number]['stock']['status'],
                      quantity: point.quantity,
                    })}
                  </span>
                </li>
              ))}
              {points.length > SHOWN_PER_OFFER && (
                <li className="muted">{t('stockHistory.more', { count: points.length - SHOWN_PER_OFFER })}</li>
              )}
            </ol>
          )}
        </div>
      ))}
    </div>
  );
}
