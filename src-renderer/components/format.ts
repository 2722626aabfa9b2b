import Decimal from 'decimal.js';
import { isDecimalString, type Money } from '../../src-main/domain/money';

/**
 * Shows an exact decimal amount with its currency, never through a float: the decimal string is rounded by
 * decimal.js and its integer digits grouped. By default every meaningful decimal shows (at least two, at most
 * six); `decimals` fixes their number, e.g. 2 for an approximate conversion. Extra digits are rounded half up
 * (away from zero), never cut off.
 */
export function formatMoney(money: Money | null | undefined, options: { decimals?: number } = {}): string {
  if (!money) return '—';
  // Amounts are validated decimal strings; anything else is shown as it came rather than breaking the screen.
  if (!isDecimalString(money.amount)) return `${money.amount} ${money.currency}`;
  const fraction = money.amount.split('.')[1] ?? '';
  const decimals = options.decimals ?? Math.max(2, Math.min(fraction.replace(/0+$/, '').length, 6));
  const rounded = new Decimal(money.amount).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  // "−0.00" would say "loss" where there is none.
  const fixed = (rounded.isZero() ? rounded.abs() : rounded).toFixed(decimals);
  const negative = fixed.startsWith('-');
  const [integer, digits] = (negative ? fixed.slice(1) : fixed).split('.');
  return `${negative ? '−' : ''}${integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${digits ? `.${digits}` : ''} ${money.currency}`;
}

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(language === 'zh-CN' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDataMB(mb: number | null | undefined): string {
  if (mb === null || mb === undefined) return '—';
  return mb >= 1024 ? `${Number.isInteger(mb / 1024) ? mb / 1024 : (mb / 1024).toFixed(1)} GB` : `${mb} MB`;
}
