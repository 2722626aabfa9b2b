import Decimal from 'decimal.js';
import { isDecimalString } from '../money';
import type { Rounding } from './rules';

/**
 * Decimal for price arithmetic. decimal.js defaults to 20 significant digits, which would silently round
 * a long cost × a percent like 33.3333. Prices and percents are short decimals (well under 40 digits each), so
 * 80 digits keeps every sum and product exact (only a division by an arbitrary step can be inexact, and ceil()
 * absorbs that) while staying fast enough to reprice 100k rows.
 */
export const PriceDecimal = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });
export type PriceDecimal = InstanceType<typeof PriceDecimal>;

/** Prices are shown and charged in cents at least; a finer step or ending keeps its own scale. */
const MIN_SCALE = 2;

/** A fractional ending: '.99', '.9', '0.49'. Whole-number endings (19, 29) are deliberately not supported. */
export const CHARM_ENDING = /^0?\.\d+$/;

/**
 * Rounds a price UP (towards +∞) according to `rounding`, exactly.
 *
 * - `none`: up to the next whole minor unit (`minorUnits` places: USD 10.001 → 10.01, KWD 1.2341 → 1.235); a price
 *   must be payable, and rounding down could take it under the rule's minimum margin. Cents would overcharge a
 *   three-decimal currency by up to nine of its minor units, and price a rule at 0 % above selling at cost.
 * - `up`: the smallest multiple of `step` that is ≥ amount. An amount already on the step stays
 *   (10.00 with '1' → 10.00; 10.001 → 11.00; with '5': 10.01 → 15.00).
 * - `charm`: the smallest n + ending (n an integer) that is ≥ amount. A price already ending so stays.
 *   '.99': 10.00 → 10.99, 10.99 → 10.99, 11.00 → 11.99. '.49': 10.20 → 10.49, 10.60 → 11.49.
 *   '.9': 10.95 → 11.90.
 *
 * Zero and negative amounts follow the same "towards +∞" rule (-1.23 up to '1' → -1.00; 0 charm '.99' →
 * 0.99). The result has 2 decimal places, or the step's / ending's own scale when that is finer
 * ('0.001' → 3 places); `none` has `minorUnits` places. Throws on an amount, step or ending that is not a plain decimal string.
 */
export function applyRounding(amount: string, rounding: Rounding, minorUnits = MIN_SCALE): string {
  const value = parse(amount, 'amount');
  switch (rounding.mode) {
    case 'none':
      return toPlain(value.toDecimalPlaces(minorUnits, Decimal.ROUND_CEIL), minorUnits);
    case 'up': {
      const step = parse(rounding.step, 'rounding step');
      if (step.lte(0)) throw new Error(`rounding step must be greater than 0, got "${rounding.step}"`);
      return toPlain(value.div(step).ceil().times(step), Math.max(MIN_SCALE, step.decimalPlaces()));
    }
    case 'charm': {
      if (!CHARM_ENDING.test(rounding.ending)) {
        throw new Error(`charm ending must be a fraction such as ".99" or ".9", got "${rounding.ending}"`);
      }
      const ending = new PriceDecimal(rounding.ending.startsWith('.') ? `0${rounding.ending}` : rounding.ending);
      // Candidates are n + ending for integer n; the smallest one ≥ value has n = ceil(value − ending).
      const result = value.minus(ending).ceil().plus(ending);
      // Scale from the text, not the value: '.90' and '.9' both mean 2 places, '.999' means 3.
      const endingScale = rounding.ending.length - rounding.ending.indexOf('.') - 1;
      return toPlain(result, Math.max(MIN_SCALE, endingScale));
    }
    default: {
      const unknown: never = rounding;
      throw new Error(`unknown rounding mode: ${JSON.stringify(unknown)}`);
    }
  }
}

/** Short text for explanations: "up to 0.1", "charm .99", "to the cent". */
export function describeRounding(rounding: Rounding): string {
  switch (rounding.mode) {
    case 'none':
      return 'to the cent';
    case 'up':
      return `up to ${rounding.step}`;
    case 'charm':
      return `charm ${rounding.ending.startsWith('0') ? rounding.ending.slice(1) : rounding.ending}`;
  }
}

export function parse(amount: string, what: string): PriceDecimal {
  if (typeof amount !== 'string' || !isDecimalString(amount)) {
    throw new Error(`${what} is not a decimal string: ${JSON.stringify(amount)}`);
  }
  return new PriceDecimal(amount);
}

/** Fixed-point text without exponent; never "-0.00", which would read as a negative price. */
export function toPlain(value: Decimal, scale: number): string {
  const text = value.toFixed(scale);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}
