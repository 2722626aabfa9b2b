import { useMemo } from 'react';
import type { PlanRowDetail } from '../../../src-shared/contract';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useUiStore } from '../../stores/ui';
import { chartGeometry, historyInMerchantCurrency, type ChartBox, type ChartSeries } from './chart-geometry';
import { formatExactMoney, formatMoney } from '../../components/format';
import { roundedAmount } from './grid-format';
import { supplierOfferKey } from '../../../src-main/domain/offer';
import { currencyDecimals } from '../../../src-main/domain/minor-units';
import { offerDistinctions } from './offer-labels';

const BOX: ChartBox = { width: 540, height: 200, top: 14, right: 18, bottom: 30, left: 66 };

interface Props {
  detail: PlanRowDetail;
  nameOf: (supplierId: string) => string;
  supplierColors: Readonly<Record<string, number>>;
  currency: string;
}

/** Hand-drawn SVG step chart: one line per offer, prices held between syncs, carried on to now. */
export function PriceChart({ detail, nameOf, supplierColors, currency }: Props) {
  const t = useT(gridDictionary);
  const language = useUiStore((s) => s.language);

  const skuWord = t('detail.sku');
  const model = useMemo(() => {
    const distinctions = offerDistinctions(detail.offers, language, skuWord);
    const seen = new Map<string, number>();
    const legend = detail.offers.map((offer) => {
      const ordinal = seen.get(offer.supplier) ?? 0;
      seen.set(offer.supplier, ordinal + 1);
      const key = supplierOfferKey(offer);
      const name = nameOf(offer.supplier);
      const distinction = distinctions.get(key);
      return {
        key,
        label: distinction ? `${name} · ${distinction}` : name,
        color: supplierColors[offer.supplier] ?? 7,
        // A supplier keeps its colour; its second offer in the row is told apart by a dashed line.
        dashed: ordinal > 0,
        points: historyInMerchantCurrency(detail.priceHistory[key] ?? [], offer),
        recorded: (detail.priceHistory[key] ?? []).length,
        noRate: offer.converted === null,
        costCurrency: offer.cost.currency,
        latest: offer.converted,
      };
    });
    const series: ChartSeries[] = legend.map((entry) => ({ key: entry.key, points: entry.points }));
    return { legend, geometry: chartGeometry(series, BOX, Date.now(), currencyDecimals(currency)) };
  }, [detail, nameOf, supplierColors, language, skuWord, currency]);

  const { legend, geometry } = model;
  if (!geometry) return <p className="chart-empty muted">{t('chart.empty')}</p>;

  const entryOf = new Map(legend.map((entry) => [entry.key, entry]));
  const locale = language === 'zh-CN' ? 'zh-CN' : 'en-GB';
  const tickFormat = new Intl.DateTimeFormat(
    locale,
    geometry.span < 3_600_000
      ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
      : geometry.span < 2 * 86_400_000
        ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
        : { day: 'numeric', month: 'short' },
  );
  const pointFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const onlySinglePoints = legend.every((entry) => entry.points.length <= 1);
  const plotRight = BOX.width - BOX.right;

  return (
    <figure className="price-chart">
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={t('chart.aria', { count: legend.length })}>
        <g className="chart-grid">
          {geometry.yTicks.map((tick) => (
            <g key={tick.value}>
              <line x1={BOX.left} x2={plotRight} y1={tick.y} y2={tick.y} />
              <text x={BOX.left - 8} y={tick.y} dy="0.32em" textAnchor="end">
                {roundedAmount(tick.value, geometry.decimals)}
              </text>
            </g>
          ))}
          <line
            className="axis"
            x1={BOX.left}
            x2={plotRight}
            y1={BOX.height - BOX.bottom}
            y2={BOX.height - BOX.bottom}
          />
          {geometry.xTicks.map((tick, index) => (
            <text
              key={index}
              x={tick.x}
              y={BOX.height - BOX.bottom + 18}
              textAnchor={index === 0 ? 'start' : index === geometry.xTicks.length - 1 ? 'end' : 'middle'}
            >
              {tickFormat.format(tick.time)}
            </text>
          ))}
          <text className="unit" x={BOX.left - 8} y={BOX.top - 4} textAnchor="end">
            {currency}
          </text>
        </g>
        {geometry.paths.map((path) => (
          <g
            key={path.key}
            className={`chart-series series-${entryOf.get(path.key)?.color ?? 7}${entryOf.get(path.key)?.dashed ? ' dashed' : ''}`}
          >
            <path d={path.d} />
            {path.dots.map((dot, index) => (
              <circle key={index} cx={dot.x} cy={dot.y} r={3.5}>
                <title>{`${pointFormat.format(dot.point.time)}\n${formatExactMoney({ amount: dot.point.original.amount, currency: dot.point.original.currency })}${dot.point.original.currency !== currency ? ` ≈ ${roundedAmount(dot.point.value, 4)} ${currency}` : ''}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {legend.map((entry) => (
            <li key={entry.key} className={entry.points.length === 0 ? 'muted' : undefined}>
              <span
                className={`legend-line series-${entry.color}${entry.dashed ? ' dashed' : ''}`}
                aria-hidden="true"
              />
              <span className="legend-label" title={entry.label}>
                {entry.label}
              </span>
              <span className="legend-value num" title={entry.latest ? formatExactMoney(entry.latest) : undefined}>
                {entry.latest ? formatMoney(entry.latest) : t('detail.noRate')}
              </span>
            </li>
          ))}
        </ul>
        <p className="chart-note muted">
          {t('chart.note', { currency })}
          {onlySinglePoints ? ` ${t('chart.single')}` : ''}
        </p>
        {legend
          .filter((entry) => entry.noRate)
          .map((entry) => (
            <p key={entry.key} className="chart-note error">
              {t('chart.noRate', { supplier: entry.label, currency: entry.costCurrency })}
            </p>
          ))}
      </figcaption>
    </figure>
  );
}
