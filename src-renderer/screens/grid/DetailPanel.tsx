import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useGridStore, type SelectedRow } from '../../stores/grid';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { useUiStore } from '../../stores/ui';
import { ChangeBadges } from './ChangeBadges';
import { daysOf, faceValueOf } from './grid-format';
import { coverageLabel, dataLabel } from './labels';
import { supplierOfferKey } from '../../../src-main/domain/offer';
import { OfferCard } from './OfferCard';
import { RowMatchSection } from './RowMatchSection';
import { PriceChart } from './PriceChart';
import { PricingSummary } from './PricingSummary';
import { StockHistory } from './StockHistory';
import { useRowDetail } from './use-row-detail';

/** A drawer over the right of the table: the table stays usable beside it, so another row can be opened directly. */
export function DetailPanel({ selected, currency }: { selected: SelectedRow; currency: string }) {
  const t = useT(gridDictionary);
  const language = useUiStore((s) => s.language);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const select = useGridStore((s) => s.select);
  const [retryToken, setRetryToken] = useState(0);
  const state = useRowDetail(selected, language, retryToken);
  const detail = state.detail;
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !(event.target instanceof HTMLInputElement)) select(null);
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [select]);

  useEffect(() => {
    closeButton.current?.focus({ preventScroll: true });
  }, [selected.planKey]);

  const nameOf = useCallback((id: string) => supplierName(suppliers, id), [suppliers]);
  // Colours follow the supplier's place in the supplier list, so a supplier keeps its colour from row to row.
  const supplierColors = useMemo(() => Object.fromEntries(suppliers.map((s, index) => [s.id, index % 8])), [suppliers]);

  const title = detail?.title ?? selected.title;
  const supplierCount = detail ? new Set(detail.offers.map((o) => o.supplier)).size : 0;
  const days = detail ? daysOf(detail.attributes) : null;

  return (
    <aside className="detail-panel" aria-label={t('detail.label')}>
      <header className="detail-header">
        <div className="detail-heading">
          <h2 title={title}>{title}</h2>
          {detail && (
            <div className="detail-facts">
              <span className="fact">{t(`kind.${detail.kind}`)}</span>
              {detail.attributes.type === 'plan' && (
                <>
                  <span className="fact" title={coverageLabel(t, detail.attributes).title}>
                    {coverageLabel(t, detail.attributes).text}
                  </span>
                  <span className="fact" title={dataLabel(t, detail.attributes).title}>
                    {dataLabel(t, detail.attributes).text}
                  </span>
                  {days !== null && (
                    <span className="fact">
                      {days === 1 ? t('detail.days.one') : t('detail.days', { count: days })}
                    </span>
                  )}
                </>
              )}
              {faceValueOf(detail.attributes) && (
                <span className="fact">{t('detail.faceValue', { value: faceValueOf(detail.attributes)! })}</span>
              )}
              <span className="fact">
                {supplierCount === 1 ? t('detail.suppliers.one') : t('detail.suppliers', { count: supplierCount })}
              </span>
              <ChangeBadges changes={detail.changes} />
            </div>
          )}
          <div className="detail-key muted" title={selected.planKey}>
            {t('detail.planKey')} <code translate="no">{selected.planKey}</code>
          </div>
        </div>
        <button
          ref={closeButton}
          type="button"
          className="icon-button"
          aria-label={t('detail.close')}
          title={t('detail.close')}
          onClick={() => select(null)}
        >
          ×
        </button>
      </header>

      {state.status === 'loading' && !detail && <LoadingState />}
      {state.status === 'gone' && <p className="detail-gone">{t('detail.gone')}</p>}
      {state.status === 'error' && <ErrorState message={state.error} onRetry={() => setRetryToken((n) => n + 1)} />}

      {detail && (
        <div className={`detail-body${state.status === 'loading' ? ' refreshing' : ''}`}>
          <PricingSummary detail={detail} currency={currency} nameOf={nameOf} />
          <section className="detail-section">
            <h3>{t('chart.title')}</h3>
            <PriceChart detail={detail} nameOf={nameOf} supplierColors={supplierColors} currency={currency} />
          </section>
          <section className="detail-section">
            <h3>
              {t('detail.offers')}{' '}
              <span className="muted">{t('detail.offers.count', { count: detail.offers.length })}</span>
            </h3>
            <div className="offer-list">
              {detail.offers.map((offer) => (
                <OfferCard
                  key={`${offer.supplier}|${offer.productId}|${offer.skuId}|${offer.variant}`}
                  offer={offer}
                  row={detail}
                  supplierName={nameOf(offer.supplier)}
                  color={supplierColors[offer.supplier] ?? 7}
                  currency={currency}
                  tiers={detail.quantityTiers[supplierOfferKey(offer)]}
                />
              ))}
            </div>
          </section>
          <RowMatchSection row={detail} />
          <section className="detail-section">
            <h3>{t('stockHistory.title')}</h3>
            <StockHistory detail={detail} nameOf={nameOf} supplierColors={supplierColors} />
          </section>
        </div>
      )}
    </aside>
  );
}
