import Decimal from 'decimal.js';

/** An exact amount beside its currency. `amount` is a plain decimal string ("6.50"), never a float. */
export interface Money {
  amount: string;
  currency: string;
}

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** True when `value` is a plain decimal string such as "6.5" or "-0.0100" (no exponent, no spaces). */
export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value);
}

/**
 * True when a decimal string (isDecimalString) is above zero: unsigned with a digit other than 0. Checked on every
 * offer of a sync, where a Decimal per offer would be the dearer way to say the same.
 */
export function isPositiveDecimalString(value: string): boolean {
  return value[0] !== '-' && /[1-9]/.test(value);
}

/** Accepts the shapes suppliers actually send ("6.50", 6.5, " 6.5 ") and returns a plain decimal string. */
export function toDecimalString(value: string | number): string {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  if (!isDecimalString(text)) throw new Error(`not a decimal amount: ${JSON.stringify(value)}`);
  // Keep the upstream's own scale ("6.50" stays "6.50"): it is how the supplier states the price.
  return text;
}

// JSON numbers are already binary floats when they reach us; print them the way the upstream wrote them
// (shortest round-trip form), never with an exponent.
function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a decimal amount: ${value}`);
  return new Decimal(value.toString()).toFixed();
}

export function money(amount: string | number, currency: string): Money {
  return { amount: toDecimalString(amount), currency: currency.toUpperCase() };
}

/** A decimal string above zero: what a rate or a cap must be. */
export function isPositiveDecimal(value: string): boolean {
  return isDecimalString(value) && new Decimal(value).greaterThan(0);
}

/**
 * The ISO 4217 codes the runtime knows (ICU's list, which follows the standard). Read once: a supplier's currency
 * is checked against it on arrival, so markup, tags or invented codes never reach the database or an export.
 */
const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** True for an ISO 4217 currency code such as "USD" (upper case, as stored). */
export function isIsoCurrency(code: string): boolean {
  return ISO_CURRENCIES.has(code);
}

export function compareAmounts(a: string, b: string): number {
  return new Decimal(a).comparedTo(new Decimal(b));
}

export function sameMoney(a: Money | null | undefined, b: Money | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.currency === b.currency && compareAmounts(a.amount, b.amount) === 0;
}

export function formatMoney(value: Money): string {
  return `${value.amount} ${value.currency}`;
}
