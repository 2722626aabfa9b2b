import Decimal from 'decimal.js';
import type { PricePoint } from '../../../src-shared/contract';
import type { GridOffer } from '../../../src-shared/grid-types';

/**
 * Pure geometry of the price-history chart. Amounts stay decimal strings until the very last step, where a
 * ratio becomes a pixel coordinate; every label is an exact decimal, never a float printed back.
 */

export interface ChartPoint {
  time: number;
  /** In the merchant currency, so suppliers selling in different currencies share one axis. */
  value: string;
  original: PricePoint;
}

export interface ChartSeries {
  key: string;
  points: ChartPoint[];
}

export interface ChartBox {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface ChartGeometry {
  paths: Array<{ key: string; d: string; dots: Array<{ x: number; y: number; point: ChartPoint }> }>;
  yTicks: Array<{ y: number; value: string }>;
  xTicks: Array<{ x: number; time: number }>;
  /** Decimals that keep distinct tick values distinct. */
  decimals: number;
  /** Milliseconds the x axis spans: decides whether ticks show dates or times. */
  span: number;
}

/**
 * An offer's recorded prices in the merchant currency at today's rate (the one the grid itself uses). Points in a
 * currency the offer no longer quotes cannot be converted honestly and are left out.
 */
export function historyInMerchantCurrency(
  points: readonly PricePoint[],
  offer: Pick<GridOffer, 'cost' | 'converted'>,
): ChartPoint[] {
  const converted = offer.converted;
  if (!converted) return [];
  const cost = new Decimal(offer.cost.amount);
  const rate = cost.isZero() ? null : new Decimal(converted.amount).dividedBy(cost);
  const out: ChartPoint[] = [];
  for (const point of points) {
    const time = Date.parse(point.at);
    if (Number.isNaN(time)) continue;
    let value: Decimal | null = null;
    if (point.currency === converted.currency) value = new Decimal(point.amount);
    else if (point.currency === offer.cost.currency && rate) value = new Decimal(point.amount).times(rate);
    if (value) out.push({ time, value: value.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(), original: point });
  }
  return out.sort((a, b) => a.time - b.time);
}

const MIN_SPAN_MS = 60_000;

/** `minorUnits`: the merchant currency's decimals (USD 2, JPY 0, KWD 3), which the axis labels use when they can. */
export function chartGeometry(
  series: readonly ChartSeries[],
  box: ChartBox,
  now: number,
  minorUnits = 2,
): ChartGeometry | null {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return null;

  let min = new Decimal(all[0].value);
  let max = min;
  for (const point of all) {
    const value = new Decimal(point.value);
    if (value.lessThan(min)) min = value;
    if (value.greaterThan(max)) max = value;
  }
  // Headroom keeps a flat line off the frame; a flat line at zero still needs a visible band.
  const spread = max.minus(min);
  const pad = spread.isZero() ? (min.isZero() ? new Decimal(1) : min.abs().times('0.1')) : spread.times('0.12');
  const low = min.minus(pad);
  const high = max.plus(pad);
  const plotHeight = box.height - box.top - box.bottom;
  const plotWidth = box.width - box.left - box.right;
  const y = (value: Decimal.Value) =>
    box.top + high.minus(value).dividedBy(high.minus(low)).times(plotHeight).toNumber();

  const firstTime = Math.min(...all.map((p) => p.time));
  const lastTime = Math.max(now, ...all.map((p) => p.time));
  const start = firstTime;
  const end = Math.max(lastTime, firstTime + MIN_SPAN_MS);
  const x = (time: number) => box.left + ((time - start) / (end - start)) * plotWidth;

  const paths = series
    .filter((s) => s.points.length > 0)
    .map((s) => {
      const dots = s.points.map((point) => ({ x: round(x(point.time)), y: round(y(point.value)), point }));
      // A price holds until the next sync changes it: a step line, carried on to the right edge ("now").
      let d = `M${dots[0].x} ${dots[0].y}`;
      for (const dot of dots.slice(1)) d += ` H${dot.x} V${dot.y}`;
      d += ` H${round(x(end))}`;
      return { key: s.key, d, dots };
    });

  const tickValues = spread.isZero() ? [min] : [min, min.plus(spread.dividedBy(2)), max];
  const distinctAt = (places: number) =>
    tickValues.every((v, i) => i === 0 || v.toFixed(places) !== tickValues[i - 1].toFixed(places));
  const decimals = distinctAt(minorUnits) ? minorUnits : minorUnits + 2;
  const yTicks = tickValues.map((value) => ({
    y: round(y(value)),
    value: value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toFixed(decimals),
  }));
  const xTicks = [start, start + (end - start) / 2, end].map((time) => ({ x: round(x(time)), time }));
  return { paths, yTicks, xTicks, decimals, span: end - start };
}

const round = (value: number) => Math.round(value * 10) / 10;
