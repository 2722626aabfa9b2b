import { skippedText } from '../../../src-shared/skipped-text';

/**
 * How the package detail states length, data and plan type. The FMS docs name these fields but not their
 * encodings, so each reading below is an assumption, kept in this one file and strict on purpose: a value
 * we do not recognise fails the item with a reason instead of being guessed (a month read as a day would
 * mislead a merchant by a factor of thirty).
 */

/** Commercial month, as eSIM sellers count validity. */
export const DAYS_PER_MONTH = 30;

const DAY_UNITS = new Set(['d', 'day', 'days', '天', '日']);
const MONTH_UNITS = new Set(['m', 'month', 'months', '月', '个月']);

export function validityDays(period: number, periodUnit: string | number): number {
  if (typeof periodUnit === 'number') {
    throw new Error(skippedText('skip.periodCode', { field: 'periodUnit', value: periodUnit }));
  }
  const unit = periodUnit.trim().toLowerCase();
  if (DAY_UNITS.has(unit)) return period;
  if (MONTH_UNITS.has(unit)) return period * DAYS_PER_MONTH;
  throw new Error(skippedText('skip.periodUnit', { field: 'periodUnit', value: JSON.stringify(periodUnit) }));
}

export interface DataAllowance {
  dataMB: number | null;
  unlimited: boolean;
}

const UNLIMITED_WORDS = /^(unlimited|无限|不限量?|無限)$/i;
const SIZE_WITH_UNIT = /^(\d+(?:\.\d+)?)\s*(mb|m|gb|g|tb|t)$/i;
const MB_PER_UNIT: Record<string, number> = { m: 1, mb: 1, g: 1024, gb: 1024, t: 1024 * 1024, tb: 1024 * 1024 };

/** `packageFlow` in MB (a bare number), or a size with its unit; -1 or the word "unlimited" for no cap. */
export function dataAllowance(packageFlow: number | string): DataAllowance {
  const text = String(packageFlow).trim();
  if (text === '-1' || UNLIMITED_WORDS.test(text)) return { dataMB: null, unlimited: true };
  if (/^\d+(\.\d+)?$/.test(text)) return positiveMB(Number(text), packageFlow);
  const sized = SIZE_WITH_UNIT.exec(text);
  if (sized) return positiveMB(Number(sized[1]) * MB_PER_UNIT[sized[2].toLowerCase()], packageFlow);
  throw new Error(skippedText('skip.notDataAmount', { field: 'packageFlow', value: JSON.stringify(packageFlow) }));
}

function positiveMB(mb: number, original: number | string): DataAllowance {
  if (!(mb > 0)) throw new Error(skippedText('skip.noData', { field: 'packageFlow', value: JSON.stringify(original) }));
  return { dataMB: Math.round(mb), unlimited: false };
}

/**
 * Whether `packageFlow` is a daily allowance. 1 = total for the whole validity, 2 = per day: the coding
 * our simulator serves. An unknown value leaves the question open (undefined) rather than answering it.
 */
export function isDailyAllowance(packageType: number | string | null | undefined): boolean | undefined {
  if (packageType === null || packageType === undefined) return undefined;
  const text = String(packageType).trim().toLowerCase();
  if (text === '2' || /daily|per ?day|日包|每日/.test(text)) return true;
  if (text === '1' || /total|总量|總量/.test(text)) return false;
  return undefined;
}
