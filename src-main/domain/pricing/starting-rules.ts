import { currencyDecimals } from '../minor-units';
import { PriceDecimal } from './rounding';
import type { MarkupRule, Rounding, RuleSet } from './rules';

/**
 * The tiered markups a merchant starts with or picks as presets are thought in US dollars: cheap items (under 5)
 * marked up most, dear ones (20 and over) least, prices rounded up to a tenth and the dear ones to a .99 ending. A
 * merchant who sells in yen or rupiah needs the same tiers at the same real sizes, in round numbers of their own
 * currency: under ¥1,000 (under ¥5 would put every plan in the dear tier), and no .99 ending, which a yen price
 * cannot carry.
 */
const TIER_SHAPES = [
  { id: 'tiered-40-25-15', lowBelowUsd: '5', percents: ['40', '25', '15'] },
  { id: 'tiered-60-35-20', lowBelowUsd: '2', percents: ['60', '35', '20'] },
] as const;

/** The dear tier starts at four or five times the cheap one's bound (5 → 20, 2 → 10), in every currency. */
const HIGH_OVER_LOW = 4;
const STEP_USD = '0.1';
const DEAR_STEP_USD = '1';

/** A preset of the Pricing screen: store-wide rules (scope 'all') in the merchant's currency. */
export interface TierPreset {
  id: string;
  rules: MarkupRule[];
}

/**
 * `usdPerUnit`: roughly what one unit of `currency` is worth in US dollars, only to size the tiers; null when not
 * known, and the tiers keep their dollar numbers.
 */
export function tierPresets(currency: string, usdPerUnit: string | null): TierPreset[] {
  const sizes = new TierSizes(currency, usdPerUnit);
  const tiered = TIER_SHAPES.map(({ id, lowBelowUsd, percents: [low, mid, high] }): TierPreset => {
    const lowBelow = sizes.round(sizes.inCurrency(lowBelowUsd), [1, 2, 5]);
    const highFrom = sizes.round(lowBelow.times(HIGH_OVER_LOW), [1, 2, 5]).toFixed();
    const cheap = sizes.cheapRounding();
    return {
      id,
      rules: [
        {
          id: 'tier-low',
          scope: { type: 'all' },
          costRange: { max: lowBelow.toFixed() },
          percent: low,
          rounding: cheap,
        },
        {
          id: 'tier-mid',
          scope: { type: 'all' },
          costRange: { min: lowBelow.toFixed(), max: highFrom },
          percent: mid,
          rounding: cheap,
        },
        {
          id: 'tier-high',
          scope: { type: 'all' },
          costRange: { min: highFrom },
          percent: high,
          rounding: sizes.dearRounding(),
        },
      ],
    };
  });
  const flat: TierPreset = {
    id: 'flat-30',
    rules: [{ id: 'flat', scope: { type: 'all' }, percent: '30', rounding: sizes.dearRounding() }],
  };
  return [...tiered, flat];
}

/** What a new merchant starts with: the first preset. Its rule ids name the starting tiers (pricing/rules-store.ts). */
export function startingRuleSet(currency: string, usdPerUnit: string | null): RuleSet {
  return { currency, rules: tierPresets(currency, usdPerUnit)[0].rules, locks: [] };
}

class TierSizes {
  private readonly unitsPerUsd: PriceDecimal;
  private readonly smallestUnit: PriceDecimal;

  constructor(
    private readonly currency: string,
    usdPerUnit: string | null,
  ) {
    this.unitsPerUsd = usdPerUnit ? new PriceDecimal(1).dividedBy(usdPerUnit) : new PriceDecimal(1);
    this.smallestUnit = new PriceDecimal(10).pow(-currencyDecimals(currency));
  }

  inCurrency(usd: string): PriceDecimal {
    return this.unitsPerUsd.times(usd);
  }

  cheapRounding(): Rounding {
    return { mode: 'up', step: this.step(STEP_USD).toFixed() };
  }

  /** A .99 ending is a cent ending: only where a cent exists and is worth about one (not for a yen-sized unit). */
  dearRounding(): Rounding {
    if (currencyDecimals(this.currency) >= 2 && this.unitsPerUsd.lessThan(10)) return { mode: 'charm', ending: '.99' };
    return { mode: 'up', step: PriceDecimal.max(this.step(DEAR_STEP_USD), this.step(STEP_USD)).toFixed() };
  }

  /** A step of about `usd`, in round units of 1 or 5, never finer than the currency's smallest unit. */
  private step(usd: string): PriceDecimal {
    return PriceDecimal.max(this.round(this.inCurrency(usd), [1, 5]), this.smallestUnit);
  }

  /**
   * The number m × 10^k (m one of `mantissas`) nearest to `value` on a log scale: 36 → 50, 144 → 200. Exact: the
   * candidates are compared by how many times larger the greater of candidate and value is than the smaller (a ratio
   * ≥ 1), which orders them as their log distance does without a logarithm (80-digit logarithms made the starting
   * rules cost tens of milliseconds a call, and loadRuleSet builds them for every grid refresh of a merchant who never
   * saved rules). No tie is possible: the midpoints between round numbers (√10, √2.5, ...) are irrational.
   */
  round(value: PriceDecimal, mantissas: readonly number[]): PriceDecimal {
    if (!value.isPositive() || value.isZero()) throw new Error(`a tier size must be positive, got ${value.toFixed()}`);
    // decimal.js's exponent: 10^e ≤ value < 10^(e+1).
    const exponent = value.e;
    let best: PriceDecimal | null = null;
    let bestRatio: PriceDecimal | null = null;
    for (const power of [exponent - 1, exponent, exponent + 1])
      for (const mantissa of mantissas) {
        const candidate = new PriceDecimal(`${mantissa}e${power}`);
        const ratio = candidate.greaterThan(value) ? candidate.dividedBy(value) : value.dividedBy(candidate);
        if (bestRatio === null || ratio.lessThan(bestRatio)) {
          best = candidate;
          bestRatio = ratio;
        }
      }
    return best!;
  }
}
