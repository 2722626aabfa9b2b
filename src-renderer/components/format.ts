import type { Money } from '../../src-main/domain/money';

/**
 * Shows an exact decimal amount with its currency. Formatting works on the decimal string itself (grouping
 * the integer digits) so a price is never passed through a float on its way to the screen.
 */
export function formatMoney(money: Money | null | undefined, options: { decimals?: number } = {}): string {
  if (!money) return '—';
  const [rawInteger, rawFraction = ''] = money.amount.split('.');
  const negative = rawInteger.startsWith('-');
  const integer = (negative ? rawInteger.slice(1) : rawInteger).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const decimals = options.decimals ?? Math.max(2, Math.min(rawFraction.replace(/0+$/, '').length, 6));
  const fraction = rawFraction.padEnd(decimals, '0').slice(0, decimals);
  return `${negative ? '−' : ''}${integer}${fraction ? `.${fraction}` : ''} ${money.currency}`;
}

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(language === 'zh-CN' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDataMB(mb: number | null | undefined): string {
  if (mb === null || mb === undefined) return '—';
  return mb >= 1024 ? `${Number.isInteger(mb / 1024) ? mb / 1024 : (mb / 1024).toFixed(1)} GB` : `${mb} MB`;
}
