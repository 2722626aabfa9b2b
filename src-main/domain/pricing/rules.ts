import type { Money } from '../money';

/**
 * Which offers a rule applies to. More specific scopes beat less specific ones (offer > plan > category >
 * supplier > all), so a merchant can set a broad default and carve out exceptions without reordering rules.
 */
export type RuleScope =
  | { type: 'all' }
  | { type: 'supplier'; supplierId: string }
  // Category ids are only unique within one supplier, so a category scope always names its supplier.
  | { type: 'category'; supplierId: string; categoryId: string }
  /** A matched plan row: the same plan sold by several suppliers. */
  | { type: 'plan'; planKey: string }
  | { type: 'offer'; supplierId: string; productId: string; skuId: string; variant: string };

export type RuleScopeType = RuleScope['type'];

/** Every mode only ever rounds up, so rounding can never undo a rule's minimum margin. See rounding.ts. */
export type Rounding =
  | { mode: 'none' }
  /** Up to a multiple of `step` ('0.1', '1', '0.05', '5'). */
  | { mode: 'up'; step: string }
  /** Up to the next price whose fractional part is `ending` ('.99', '.49', '.95', '.9'). */
  | { mode: 'charm'; ending: string };

export interface MarkupRule {
  id: string;
  name?: string;
  scope: RuleScope;
  /**
   * Cost band in the merchant currency: `min` inclusive, `max` exclusive, so adjacent tiers
   * (<5, 5–20, ≥20) share their boundaries without overlapping or leaving gaps.
   */
  costRange?: { min?: string; max?: string };
  /** Percent of cost added (decimal string, may be negative for a discount). */
  percent?: string;
  /** Amount added after the percent, in the merchant currency. */
  fixed?: string;
  /** Sale − cost is raised to at least this, in the merchant currency. */
  minMargin?: string;
  rounding: Rounding;
}

export type LockTarget =
  | { type: 'plan'; planKey: string }
  | { type: 'offer'; supplierId: string; productId: string; skuId: string; variant: string };

/** A price the merchant set by hand; it replaces whatever the rules would compute, even below cost. */
export interface LockedPrice {
  target: LockTarget;
  price: Money;
  note?: string;
}

export interface RuleSet {
  /** The merchant currency: costs, fixed amounts, margins and locked prices are all in it. */
  currency: string;
  rules: MarkupRule[];
  locks: LockedPrice[];
}
