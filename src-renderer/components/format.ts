import Decimal from 'decimal.js';
import { isDecimalString, isIsoCurrency, type Money } from '../../src-main/domain/money';
import { currencyDecimals } from '../../src-main/domain/minor-units';

const MINUS = '−';
// A formatter is costly to build and the grid formats hundreds of amounts per frame: one per number of decimals.
const groupingFormats = new Map<number, Intl.NumberFormat>();

function groupingFormat(decimals: number): Intl.NumberFormat {
  let format = groupingFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    groupingFormats.set(decimals, format);
  }
  return format;
}

/**
 * A decimal string rounded to `decimals` half up (away from zero) by decimal.js, never through a float, its digits
 * grouped by Intl.NumberFormat (which formats a decimal string exactly): "1234.5678", 2 → "1,234.57".
 */
export function formatDecimal(amount: string, decimals: number): string {
  const rounded = new Decimal(amount).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  // "−0.00" would say "loss" where there is none.
  const negative = rounded.isNegative() && !rounded.isZero();
  const digits = groupingFormat(decimals).format(rounded.abs().toFixed(decimals) as Intl.StringNumericLiteral);
  return `${negative ? MINUS : ''}${digits}`;
}

/**
 * An amount without its currency, by default in the currency's minor units (`5.338844` USD → `5.34`, JPY without
 * decimals); `decimals` fixes another number, `exact` keeps every stored digit (for a tooltip).
 */
export function formatAmount(money: Money, options: { decimals?: number; exact?: boolean } = {}): string {
  // Amounts are validated decimal strings; anything else is shown as it came rather than breaking the screen.
  if (!isDecimalString(money.amount)) return money.amount;
  const stored = money.amount.split('.')[1]?.length ?? 0;
  return formatDecimal(
    money.amount,
    options.exact
      ? Math.max(stored, currencyDecimals(money.currency))
      : (options.decimals ?? currencyDecimals(money.currency)),
  );
}

/**
 * An amount as a merchant would type it into an amount field (an example in a placeholder): the currency's minor
 * units, no grouping, so it reads back as typed ("1235.00" JPY → "1235", "12.5" KWD → "12.500").
 */
export function typedAmount(amount: string, currency: string): string {
  if (!isDecimalString(amount)) return amount;
  const decimals = currencyDecimals(currency);
  return new Decimal(amount).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toFixed(decimals);
}

/** An amount with its currency code after it, in the currency's minor units unless told otherwise: "1,234.57 USD". */
export function formatMoney(money: Money | null | undefined, options: { decimals?: number } = {}): string {
  if (!money) return '—';
  return `${formatAmount(money, options)} ${money.currency}`;
}

const MONEY_TEXT = /^(-?\d+(?:\.\d+)?) ([A-Z]{3})$/;

/**
 * An amount main put in a text's parameters as it stores it (`domain/money.ts` formatMoney: "20000.00 JPY",
 * "638.1700 USD") shown like every other amount on screen ("20,000 JPY"); any other text as it came.
 */
export function formatMoneyText(text: string): string {
  const match = MONEY_TEXT.exec(text);
  return match && isIsoCurrency(match[2]) ? formatMoney({ amount: match[1], currency: match[2] }) : text;
}

/** A coded text's parameters with each amount (formatMoneyText) shown in its currency's minor units, grouped. */
export function formatMoneyParams(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, formatMoneyText(value)]));
}

/** The amount exactly as stored (every digit, grouped) with its currency: for a title beside a rounded amount. */
export function formatExactMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  return `${formatAmount(money, { exact: true })} ${money.currency}`;
}

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(language === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** A length of time as a dictionary key (common.ts, `duration.*`) and its numbers, for `t(key, params)`. */
export interface DurationWords {
  key:
    | 'duration.underTenth'
    | 'duration.seconds'
    | 'duration.minutes'
    | 'duration.minutesSeconds'
    | 'duration.hoursMinutes';
  params: Record<string, number>;
}

/**
 * How long `ms` lasted, in the largest units that read at a glance: "0.4 s" and "9.6 s" below ten seconds, whole
 * seconds below a minute, "12 min 34 s" below an hour, "2 h 5 min" beyond. A merchant reads "754 s" as a number
 * to work out, not a wait.
 */
export function durationWords(ms: number): DurationWords {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  // Some time, too little to show in tenths: "0 s" would read as none at all.
  if (safe > 0 && safe < 50) return { key: 'duration.underTenth', params: {} };
  if (safe < 9_950) return { key: 'duration.seconds', params: { s: Math.round(safe / 100) / 10 } };
  const seconds = Math.round(safe / 1000);
  if (seconds < 60) return { key: 'duration.seconds', params: { s: seconds } };
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return s === 0 ? { key: 'duration.minutes', params: { m } } : { key: 'duration.minutesSeconds', params: { m, s } };
  }
  const minutes = Math.round(seconds / 60);
  return { key: 'duration.hoursMinutes', params: { h: Math.floor(minutes / 60), m: minutes % 60 } };
}

/** A size in KB below a MB (at least 1 KB: "0 KB" would read as nothing), in MB from there. */
export function formatBytes(bytes: number, language: string): string {
  const mib = bytes / (1024 * 1024);
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: mib < 10 ? 1 : 0 });
  return mib >= 1 ? `${number.format(mib)} MB` : `${number.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

/** durationWords, worded by a screen's `t`. */
export function sayDuration(t: (key: string, params: Record<string, number>) => string, ms: number): string {
  const words = durationWords(ms);
  return t(words.key, words.params);
}

export function formatDataMB(mb: number | null | undefined): string {
  if (mb === null || mb === undefined) return '—';
  return mb >= 1024 ? `${Number.isInteger(mb / 1024) ? mb / 1024 : (mb / 1024).toFixed(1)} GB` : `${mb} MB`;
}
