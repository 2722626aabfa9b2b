import type { PlanAttributes } from '../../../src-main/domain/plan-attributes';
import type { GridOffer } from '../../../src-shared/grid-types';
import { formatDataMB } from '../../components/format';
import { coverageOf, dataOf } from './grid-format';

/** What useT returns: the labels below take it so they speak the UI language without being components. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function stockLabel(t: Translate, stock: GridOffer['stock']): string {
  const status = t(`stock.${stock.status}`);
  return stock.quantity !== null && stock.status !== 'unlimited'
    ? t('stock.quantity', { status, quantity: stock.quantity })
    : status;
}

export function coverageLabel(t: Translate, attributes: PlanAttributes): { text: string; title: string } {
  const coverage = coverageOf(attributes);
  if (coverage.type === 'none') return { text: '—', title: '' };
  if (coverage.type === 'one') return { text: coverage.code, title: coverage.code };
  return { text: t('coverage.countries', { count: coverage.count }), title: coverage.codes.join(' ') };
}

export function dataLabel(t: Translate, attributes: PlanAttributes): { text: string; title: string } {
  const data = dataOf(attributes);
  if (data.type === 'none') return { text: '—', title: '' };
  if (data.type === 'unlimited') {
    const text = t('data.unlimited');
    if (data.capMB === null) return { text, title: text };
    return { text, title: t(data.perDay ? 'data.capPerDay' : 'data.cap', { cap: formatDataMB(data.capMB) }) };
  }
  const volume = formatDataMB(data.mb);
  const text = data.perDay ? t('data.perDay', { volume }) : volume;
  return { text, title: text };
}
