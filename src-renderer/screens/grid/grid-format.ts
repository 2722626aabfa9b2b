import Decimal from 'decimal.js';
import { formatAmount, formatDecimal } from '../../components/format';
import type { Money } from '../../../src-main/domain/money';
import type { PlanAttributes } from '../../../src-main/domain/plan-attributes';
import type { GridOffer, OfferRef, PlanRow } from '../../../src-shared/grid-types';

/**
 * What the grid shows, computed from exact decimal strings: amounts go through decimal.js (never a float), so
 * a rounded cell and the exact tooltip beside it can never disagree by a binary-float artefact.
 */

/** Below this margin percentage a row is flagged: it sells, but barely pays for the payment fees. */
export const LOW_MARGIN_PERCENT = '10';

const MINUS = '−';

/** An amount rounded half-up for a narrow cell ("3.059247" → "3.06"); the exact value belongs in the tooltip. */
export function roundedAmount(amount: string, decimals = 2): string {
  return formatDecimal(amount, decimals);
}

/** A cell's amount in its currency's minor units, without the code (the column header says the currency). */
export function cellAmount(money: Money | null | undefined): string {
  return money ? formatAmount(money) : '—';
}

/** "-5.0" → "−5.0%": the same minus sign as the amounts beside it. */
export function percentLabel(percent: string | null): string {
  return percent === null ? '—' : `${percent.replace(/^-/, MINUS)}%`;
}

export type MarginLevel = 'loss' | 'low' | 'ok' | 'none';

export function marginLevel(row: Pick<PlanRow, 'margin' | 'marginPercent'>): MarginLevel {
  if (!row.margin) return 'none';
  const margin = new Decimal(row.margin.amount);
  if (margin.isNegative() && !margin.isZero()) return 'loss';
  if (row.marginPercent !== null && new Decimal(row.marginPercent).lessThan(LOW_MARGIN_PERCENT)) return 'low';
  return 'ok';
}

export function sameOffer(a: OfferRef | null | undefined, b: OfferRef | null | undefined): boolean {
  return (
    !!a &&
    !!b &&
    a.supplier === b.supplier &&
    a.productId === b.productId &&
    a.skuId === b.skuId &&
    a.variant === b.variant
  );
}

export interface SupplierCell {
  /** The offer the cell speaks for: the row's best if it is this supplier's, else this supplier's cheapest buyable. */
  offer: GridOffer;
  /** Further offers of the same supplier matched into this row. */
  others: GridOffer[];
  isBest: boolean;
}

const buyable = (offer: GridOffer) => offer.stock.status !== 'out' && offer.converted !== null;

function cheaperFirst(a: GridOffer, b: GridOffer): number {
  if (buyable(a) !== buyable(b)) return buyable(a) ? -1 : 1;
  if (a.converted && b.converted) return new Decimal(a.converted.amount).comparedTo(b.converted.amount);
  return a.converted ? -1 : b.converted ? 1 : 0;
}

/** One cell per supplier with offers in the row; computed once per row object (rows are immutable). */
export function supplierCells(row: PlanRow): Map<string, SupplierCell> {
  const bySupplier = new Map<string, GridOffer[]>();
  for (const offer of row.offers) bySupplier.set(offer.supplier, [...(bySupplier.get(offer.supplier) ?? []), offer]);
  const cells = new Map<string, SupplierCell>();
  for (const [supplier, offers] of bySupplier) {
    const sorted = [...offers].sort(cheaperFirst);
    const best = sorted.find((offer) => sameOffer(offer, row.best));
    const offer = best ?? sorted[0];
    cells.set(supplier, { offer, others: sorted.filter((other) => other !== offer), isBest: !!best });
  }
  return cells;
}

export type CoverageView =
  { type: 'none' } | { type: 'one'; code: string } | { type: 'many'; count: number; codes: string[] };

/** Region tokens ("REGION:ASIA") read as their region code. */
const readableCode = (code: string) => (code.startsWith('REGION:') ? code.slice('REGION:'.length) : code);

export function coverageOf(attributes: PlanAttributes): CoverageView {
  if (attributes.type !== 'plan' || attributes.countries.length === 0) return { type: 'none' };
  const codes = attributes.countries.map(readableCode);
  if (codes.length === 1) return { type: 'one', code: codes[0] };
  return { type: 'many', count: codes.length, codes };
}

export type DataView =
  | { type: 'none' }
  | { type: 'unlimited'; capMB: number | null; perDay: boolean }
  | { type: 'volume'; mb: number; perDay: boolean };

export function dataOf(attributes: PlanAttributes): DataView {
  if (attributes.type !== 'plan') return { type: 'none' };
  // The quota rule: a throttled "unlimited" plan with a high-speed quota is shown (and matched) as that quota.
  if (attributes.unlimited && attributes.dataMB === null)
    return { type: 'unlimited', capMB: null, perDay: attributes.perDay };
  if (attributes.dataMB === null) return { type: 'none' };
  return { type: 'volume', mb: attributes.dataMB, perDay: attributes.perDay };
}

export function daysOf(attributes: PlanAttributes): number | null {
  return attributes.type === 'plan' ? attributes.days : null;
}

/** Goods carry a face value instead of a volume: shown under the title in the detail panel. */
export function faceValueOf(attributes: PlanAttributes): string | null {
  return attributes.type === 'goods' && attributes.faceValue
    ? `${attributes.faceValue.amount} ${attributes.faceValue.currency}`
    : null;
}
