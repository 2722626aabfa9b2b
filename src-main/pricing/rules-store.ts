import type { Database } from 'better-sqlite3';
import { readState, writeState } from '../db/app-state';
import { markGridPricesStale } from '../db/settings';
import type { LockedPrice, RuleSet } from '../domain/pricing/rules';
import { parseRuleSet } from '../domain/pricing/schema';
import { startingRuleSet, tierPresets, type TierPreset } from '../domain/pricing/starting-rules';
import { sampleUsdPerUnit } from '../demo/sample-rates';
import { listRates } from '../db/rates-repo';
import { PriceDecimal } from '../domain/pricing/rounding';
import { isPositiveDecimal } from '../domain/money';

const KEY = 'pricing.ruleset';

/**
 * What a new merchant starts with: the usual tiered markup, cheap items marked up most, sized for the merchant's
 * currency (domain/pricing/starting-rules.ts). The rules have no names: a name is the merchant's, and the screens call
 * an unnamed rule by its scope and cost range in the reader's language.
 */
export function defaultRuleSet(db: Database, currency: string): RuleSet {
  return startingRuleSet(currency, usdPerUnitForSizing(db, currency));
}

/** The Pricing screen's presets, sized for `currency` like the starting rules. */
export function markupPresets(db: Database, currency: string): TierPreset[] {
  return tierPresets(currency, usdPerUnitForSizing(db, currency));
}

/**
 * Roughly what one unit of the merchant's currency is worth in dollars, only to size tiers in round numbers of it:
 * the built-in sample if it has one (steady whatever the merchant's rates do), else through the merchant's own rates —
 * their rate for the dollar, or else for the first currency (by code) the samples know (a dinar seller who set
 * CNY = 0.04 KWD gets dinar-sized tiers, not "under 5 KWD" putting every plan in the dear tier). Null without either:
 * the tiers keep their dollar numbers. Sized through rates, unsaved tiers follow them: a rate that moves across the
 * middle between two round numbers (1.4, 3.2 or 7.1 times a power of ten) moves a bound to the other one. That is
 * rare, a rate change reprices the grid anyway, and saved rules never move.
 */
function usdPerUnitForSizing(db: Database, currency: string): string | null {
  const sample = sampleUsdPerUnit(currency);
  if (sample) return sample;
  // Rates are checked on the way in; one that is not (a file edited by hand) must not break every grid refresh.
  const rates = listRates(db, currency).filter((rate) => isPositiveDecimal(rate.perUnit));
  const viaDollar = rates.find((rate) => rate.currency === 'USD');
  const via = viaDollar ?? rates.find((rate) => sampleUsdPerUnit(rate.currency) !== null);
  if (!via) return null;
  // One unit of `via` is worth perUnit of the merchant's currency and sampleUsdPerUnit(via) dollars.
  return new PriceDecimal(sampleUsdPerUnit(via.currency)!).dividedBy(via.perUnit).toSignificantDigits(10).toFixed();
}

// The English names earlier versions gave the starting tiers: not the merchant's, so they are dropped on reading.
const SEEDED_NAMES: Record<string, string> = {
  'tier-low': 'Under 5',
  'tier-mid': '5 to 20',
  'tier-high': '20 and over',
};

function withoutSeededNames(ruleSet: RuleSet): RuleSet {
  return {
    ...ruleSet,
    rules: ruleSet.rules.map((rule) => {
      if (!rule.name || SEEDED_NAMES[rule.id] !== rule.name) return rule;
      const { name: _seeded, ...unnamed } = rule;
      return unnamed;
    }),
  };
}

export function loadRuleSet(db: Database, currency: string): RuleSet {
  const stored = readState(db, KEY);
  if (!stored) return defaultRuleSet(db, currency);
  const ruleSet = withoutSeededNames(parseRuleSet(JSON.parse(stored)));
  // Rules are written in one currency; a merchant who changes currency must review them, not have them reinterpreted.
  return ruleSet.currency === currency ? ruleSet : { ...ruleSet, currency, rules: [], locks: [] };
}

export function saveRuleSet(db: Database, input: unknown): RuleSet {
  const ruleSet = parseRuleSet(input);
  writeState(db, KEY, JSON.stringify(ruleSet));
  markGridPricesStale(db);
  return ruleSet;
}

/**
 * The rule set to change in place. Saved rules written in another currency are refused rather than replaced:
 * saving the empty view loadRuleSet shows for them would delete the merchant's rules for good.
 */
function editableRuleSet(db: Database, currency: string): RuleSet {
  const stored = readState(db, KEY);
  if (stored) {
    const saved = parseRuleSet(JSON.parse(stored));
    if (saved.currency !== currency) {
      throw new Error(
        `the saved markup rules are in ${saved.currency}, not ${currency}: review them under Pricing (and save them in ${currency}) before locking prices`,
      );
    }
  }
  return loadRuleSet(db, currency);
}

/** Pins a price that no sync and no rule change overwrites, until the merchant removes it. */
export function lockPrice(db: Database, currency: string, lock: LockedPrice): RuleSet {
  return lockPrices(db, currency, [lock]);
}

/** Many locks in one save (a bulk lock from the grid): each replaces any lock of the same target. */
export function lockPrices(db: Database, currency: string, locks: readonly LockedPrice[]): RuleSet {
  const ruleSet = editableRuleSet(db, currency);
  const replaced = new Set(locks.map((lock) => JSON.stringify(lock.target)));
  return saveRuleSet(db, {
    ...ruleSet,
    locks: [...ruleSet.locks.filter((l) => !replaced.has(JSON.stringify(l.target))), ...locks],
  });
}

export function unlockPrice(db: Database, currency: string, target: LockedPrice['target']): RuleSet {
  return unlockPrices(db, currency, [target]);
}

export function unlockPrices(db: Database, currency: string, targets: ReadonlyArray<LockedPrice['target']>): RuleSet {
  const ruleSet = editableRuleSet(db, currency);
  const removed = new Set(targets.map((target) => JSON.stringify(target)));
  return saveRuleSet(db, { ...ruleSet, locks: ruleSet.locks.filter((l) => !removed.has(JSON.stringify(l.target))) });
}
