import Decimal from 'decimal.js';
import { currencyDecimals } from '../domain/minor-units';

/**
 * An amount as a store or a spreadsheet takes it: in the currency's minor unit (USD 5.34, JPY 1235), never the six
 * decimals a conversion carries (exact amounts stay in the database). Half-up, except `up` for sale prices: the
 * merchant's rules round only up, so the file never undercuts them by a fraction of a cent.
 */
export function storeAmount(amount: string, currency: string, rounding: 'half-up' | 'up' = 'half-up'): string {
  const places = currencyDecimals(currency);
  return new Decimal(amount)
    .toDecimalPlaces(places, rounding === 'up' ? Decimal.ROUND_UP : Decimal.ROUND_HALF_UP)
    .toFixed(places);
}
