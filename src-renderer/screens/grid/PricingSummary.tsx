import type { PlanRowDetail } from '../../../src-shared/contract';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { formatExactMoney, formatMoney } from '../../components/format';
import { LOW_MARGIN_PERCENT, marginLevel, percentLabel, sameOffer } from './grid-format';
import { LockIcon } from './LockIcon';
import { LockPriceForm } from './LockPriceForm';
import { useRuleLabel } from '../pricing/use-rule-label';

export function PricingSummary({
  detail,
  currency,
  nameOf,
}: {
  detail: PlanRowDetail;
  currency: string;
  nameOf: (supplierId: string) => string;
}) {
  const t = useT(gridDictionary);
  const level = marginLevel(detail);
  const marginHint =
    level === 'loss' ? t('margin.loss') : level === 'low' ? t('margin.low', { percent: LOW_MARGIN_PERCENT }) : null;
  const ruleLabel = useRuleLabel();
  const best = detail.offers.find((offer) => sameOffer(offer, detail.best));
  return (
    <section className="detail-section pricing-summary">
      <h3>{t('detail.pricing')}</h3>
      <dl className="stats">
        <div>
          <dt>{t('detail.bestCost')}</dt>
          <dd className="num" data-testid="detail-best-cost" title={formatExactMoney(detail.bestCost)}>
            {formatMoney(detail.bestCost)}
          </dd>
          {best && <dd className="stat-note muted">{nameOf(best.supplier)}</dd>}
        </div>
        <div>
          <dt>{t('detail.sale')}</dt>
          <dd className="num" data-testid="detail-sale" title={formatExactMoney(detail.salePrice)}>
            {detail.locked && <LockIcon label={t('price.locked')} />} {formatMoney(detail.salePrice)}
          </dd>
          <dd className="stat-note muted">
            {detail.locked ? (
              t('detail.rule.locked')
            ) : detail.ruleId ? (
              <span title={detail.ruleId}>{t('detail.rule.named', { rule: ruleLabel(detail.ruleId) })}</span>
            ) : (
              t('detail.rule.none')
            )}
          </dd>
          {detail.priceRefused && (
            <dd className="stat-note warn" data-testid="detail-price-refused">
              {t('detail.priceRefused')}
            </dd>
          )}
        </div>
        <div className={`margin-${level}`}>
          <dt>{t('detail.margin')}</dt>
          <dd className="num margin-value" title={formatExactMoney(detail.margin)}>
            {formatMoney(detail.margin)}
          </dd>
          <dd className="stat-note">
            {percentLabel(detail.marginPercent)}
            {marginHint ? ` · ${marginHint}` : ''}
          </dd>
        </div>
      </dl>
      <LockPriceForm
        planKey={detail.planKey}
        locked={detail.locked}
        currency={currency}
        suggestion={detail.salePrice?.amount ?? ''}
      />
    </section>
  );
}
