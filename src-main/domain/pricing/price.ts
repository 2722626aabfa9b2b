import Decimal from 'decimal.js';
import { currencyDecimals } from '../minor-units';
import type { Money } from '../money';
import { PriceDecimal, applyRounding, describeRounding, parse, toPlain } from './rounding';
import type { LockedPrice, MarkupRule, RuleScopeType, RuleSet } from './rules';

export interface PricingInput {
  /** Already converted into the merchant currency (the rule set's currency). */
  cost: Money;
  supplierId: string;
  categoryId: string | null;
  planKey: string | null;
  productId: string;
  skuId: string;
  variant: string;
}

export interface PriceResult {
  salePrice: Money;
  /** salePrice − cost; negative when a locked price is below cost. */
  margin: Money;
  /** Margin as a percent of the sale price, 1 decimal place ('0.0' when the sale price is 0). */
  marginPercent: string;
  ruleId: string | null;
  locked: boolean;
  explanation: string;
}

/**
 * A rule or lock that would sell at zero or below. Never a price: a store importing it would give the goods away
 * (or pay the buyer). The grid shows the row without a price and this reason.
 */
export class PriceRefusedError extends Error {
  constructor(
    readonly input: PricingInput,
    readonly reason: string,
    /** What would have set the price: a rule's id, a lock, or neither (selling at cost). */
    readonly source: { ruleId: string | null; locked: boolean } = { ruleId: null, locked: false },
  ) {
    super(reason);
    this.name = 'PriceRefusedError';
  }
}

/** Most specific first: the first level with a matching rule decides. */
const SCOPE_LEVELS: readonly RuleScopeType[] = ['offer', 'plan', 'category', 'supplier', 'all'];

/**
 * The rule that prices `input`: the most specific scope level with a rule whose scope matches and whose
 * cost range contains the cost. Within that level the narrowest range wins (a two-sided range beats a
 * one-sided one, which beats no range), then the earliest rule, so a broad rule never shadows a tier.
 */
export function selectRule(input: PricingInput, rules: readonly MarkupRule[]): MarkupRule | null {
  const cost = parse(input.cost.amount, 'cost');
  for (const level of SCOPE_LEVELS) {
    let best: MarkupRule | null = null;
    for (const rule of rules) {
      if (rule.scope.type !== level || !scopeMatches(rule, input) || !rangeContains(rule, cost)) continue;
      // Strictly narrower only: on a tie the earlier rule stays.
      if (!best || compareRangeWidth(rule, best) < 0) best = rule;
    }
    if (best) return best;
  }
  return null;
}

export function priceOffer(input: PricingInput, ruleSet: RuleSet): PriceResult {
  const currency = ruleSet.currency.toUpperCase();
  if (input.cost.currency.toUpperCase() !== currency) {
    throw new Error(
      `cost of ${describeInput(input)} is in ${input.cost.currency} but the rule set is in ${currency}; convert costs before pricing`,
    );
  }
  const cost = parse(input.cost.amount, `cost of ${describeInput(input)}`);

  const lock = findLock(input, ruleSet.locks);
  if (lock) {
    if (lock.price.currency.toUpperCase() !== currency) {
      throw new Error(
        `locked price for ${describeLock(lock)} is in ${lock.price.currency} but the rule set is in ${currency}; state locked prices in ${currency}`,
      );
    }
    const sale = parse(lock.price.amount, `locked price for ${describeLock(lock)}`);
    const below = sale.lt(cost) ? ', below cost' : '';
    const note = lock.note ? ` (${lock.note})` : '';
    refuseUnsellable(input, sale, `the locked ${lock.target.type} price ${lock.price.amount}`, {
      ruleId: null,
      locked: true,
    });
    return result(
      sale,
      cost,
      currency,
      null,
      true,
      `locked ${lock.target.type} price ${lock.price.amount}${below}${note}`,
    );
  }

  const rule = selectRule(input, ruleSet.rules);
  if (!rule) {
    refuseUnsellable(input, cost, 'selling at cost (no rule applies)', { ruleId: null, locked: false });
    return result(cost, cost, currency, null, false, 'no rule');
  }

  const percent =
    rule.percent === undefined ? new PriceDecimal(0) : parse(rule.percent, `percent of rule '${rule.id}'`);
  const fixed = rule.fixed === undefined ? new PriceDecimal(0) : parse(rule.fixed, `fixed of rule '${rule.id}'`);
  let sale = cost.times(percent.div(100).plus(1)).plus(fixed);
  let raised = false;
  if (rule.minMargin !== undefined) {
    const floor = cost.plus(parse(rule.minMargin, `minMargin of rule '${rule.id}'`));
    if (sale.lt(floor)) {
      sale = floor;
      raised = true;
    }
  }
  const rounded = new PriceDecimal(applyRounding(sale.toFixed(), rule.rounding, currencyDecimals(currency)));
  refuseUnsellable(input, rounded, `${explainRule(rule, raised)}, which gives ${rounded.toFixed()}`, {
    ruleId: rule.id,
    locked: false,
  });
  return result(rounded, cost, currency, rule.id, false, explainRule(rule, raised));
}

/** Throws PriceRefusedError when `sale` is zero or below; `how` says where the price came from. */
function refuseUnsellable(input: PricingInput, sale: Decimal, how: string, source: PriceRefusedError['source']): void {
  if (sale.gt(0)) return;
  throw new PriceRefusedError(
    input,
    `no sale price for ${describeInput(input)}: ${how} is not above zero (cost ${input.cost.amount} ${input.cost.currency})`,
    source,
  );
}

export interface PricePreview {
  /** Offers whose sale price differs (a different rule giving the same price is not a change). */
  changed: number;
  /** Offers that `after` would leave without a price (it gives zero or below), which `before` priced. */
  refused?: number;
  up: number;
  down: number;
  /** Sum of (after − before) sale prices, in the `after` rule set's currency. */
  totalDelta: Money;
  /** The largest changes by absolute amount, ties in input order. */
  /** `title` is filled in by callers that know what the input is (the grid knows its rows' titles). */
  examples: Array<{ input: PricingInput; before: PriceResult; after: PriceResult; title?: string }>;
}

/** What switching from `before` to `after` would do to these offers; drives the rules editor's live preview. */
export function previewChange(
  inputs: readonly PricingInput[],
  before: RuleSet,
  after: RuleSet,
  maxExamples = 10,
): PricePreview {
  let up = 0;
  let down = 0;
  let total = new PriceDecimal(0);
  let scale = 2;
  const changes: Array<{
    input: PricingInput;
    before: PriceResult;
    after: PriceResult;
    delta: Decimal;
    order: number;
  }> = [];
  let refused = 0;
  inputs.forEach((input, order) => {
    const was = priceUnlessRefused(input, before);
    const now = priceUnlessRefused(input, after);
    if (!now) {
      if (was) refused += 1;
      return;
    }
    // An offer the old rules could not price has no "before" to compare with.
    if (!was) return;
    const delta = new PriceDecimal(now.salePrice.amount).minus(was.salePrice.amount);
    if (delta.isZero()) return;
    if (delta.gt(0)) up += 1;
    else down += 1;
    total = total.plus(delta);
    scale = Math.max(scale, delta.decimalPlaces());
    changes.push({ input, before: was, after: now, delta, order });
  });
  const examples = changes
    .sort((a, b) => b.delta.abs().comparedTo(a.delta.abs()) || a.order - b.order)
    .slice(0, Math.max(0, maxExamples))
    .map(({ input, before: was, after: now }) => ({ input, before: was, after: now }));
  return {
    changed: up + down,
    ...(refused > 0 ? { refused } : {}),
    up,
    down,
    totalDelta: { amount: toPlain(total, scale), currency: after.currency.toUpperCase() },
    examples,
  };
}

/** The price, or null when the rules refuse one (PriceRefusedError). */
export function priceUnlessRefused(input: PricingInput, ruleSet: RuleSet): PriceResult | null {
  const priced = priceOrRefusal(input, ruleSet);
  return 'refused' in priced ? null : priced;
}

/** The price, or what refused one (PriceRefusedError's source): how the grid prices a row and says why it has none. */
export function priceOrRefusal(
  input: PricingInput,
  ruleSet: RuleSet,
): PriceResult | { refused: PriceRefusedError['source'] } {
  try {
    return priceOffer(input, ruleSet);
  } catch (error) {
    if (error instanceof PriceRefusedError) return { refused: error.source };
    throw error;
  }
}

function scopeMatches(rule: MarkupRule, input: PricingInput): boolean {
  const scope = rule.scope;
  switch (scope.type) {
    case 'all':
      return true;
    case 'supplier':
      return scope.supplierId === input.supplierId;
    case 'category':
      return (
        scope.supplierId === input.supplierId && input.categoryId !== null && scope.categoryId === input.categoryId
      );
    case 'plan':
      return input.planKey !== null && scope.planKey === input.planKey;
    case 'offer':
      return (
        scope.supplierId === input.supplierId &&
        scope.productId === input.productId &&
        scope.skuId === input.skuId &&
        scope.variant === input.variant
      );
  }
}

function rangeContains(rule: MarkupRule, cost: Decimal): boolean {
  const range = rule.costRange;
  if (!range) return true;
  if (range.min !== undefined && cost.lt(parse(range.min, `costRange.min of rule '${rule.id}'`))) return false;
  if (range.max !== undefined && cost.gte(parse(range.max, `costRange.max of rule '${rule.id}'`))) return false;
  return true;
}

/** Negative when `a`'s range is narrower than `b`'s. Open sides count as infinitely wide. */
function compareRangeWidth(a: MarkupRule, b: MarkupRule): number {
  const openA = openSides(a);
  const openB = openSides(b);
  if (openA !== openB) return openA - openB;
  if (openA > 0) return 0;
  const width = (rule: MarkupRule) => new PriceDecimal(rule.costRange!.max!).minus(rule.costRange!.min!);
  return width(a).comparedTo(width(b));
}

function openSides(rule: MarkupRule): number {
  return (rule.costRange?.min === undefined ? 1 : 0) + (rule.costRange?.max === undefined ? 1 : 0);
}

/** An offer lock beats a plan lock: it is the merchant's most specific statement. */
function findLock(input: PricingInput, locks: readonly LockedPrice[]): LockedPrice | null {
  const offerLock = locks.find(
    ({ target }) =>
      target.type === 'offer' &&
      target.supplierId === input.supplierId &&
      target.productId === input.productId &&
      target.skuId === input.skuId &&
      target.variant === input.variant,
  );
  if (offerLock) return offerLock;
  if (input.planKey === null) return null;
  return locks.find(({ target }) => target.type === 'plan' && target.planKey === input.planKey) ?? null;
}

function result(
  sale: Decimal,
  cost: Decimal,
  currency: string,
  ruleId: string | null,
  locked: boolean,
  explanation: string,
): PriceResult {
  // A store can only charge whole minor units: a finer price (a fine rounding step, none, a converted cost sold at
  // cost) is raised to the one it will charge, so the grid, the preflight and the file all show and judge that price.
  sale = sale.toDecimalPlaces(currencyDecimals(currency), Decimal.ROUND_UP);
  const margin = sale.minus(cost);
  const saleScale = Math.max(2, sale.decimalPlaces());
  const marginScale = Math.max(saleScale, cost.decimalPlaces());
  const marginPercent = sale.isZero() ? new PriceDecimal(0) : margin.div(sale).times(100);
  return {
    salePrice: { amount: toPlain(sale, saleScale), currency },
    margin: { amount: toPlain(margin, marginScale), currency },
    marginPercent: toPlain(marginPercent, 1),
    ruleId,
    locked,
    explanation,
  };
}

function explainRule(rule: MarkupRule, raised: boolean): string {
  const label = `${rule.scope.type} rule '${rule.name ?? rule.id}'`;
  const range = describeRange(rule);
  const steps: string[] = [];
  if (rule.percent !== undefined) steps.push(signed(rule.percent, '%'));
  if (rule.fixed !== undefined) steps.push(signed(rule.fixed, ''));
  if (steps.length === 0) steps.push('at cost');
  let text = `${label}${range}: ${steps.join(' ')}`;
  if (raised) text += ` raised to min margin ${rule.minMargin}`;
  if (rule.rounding.mode !== 'none') text += ` then ${describeRounding(rule.rounding)}`;
  return text;
}

function describeRange(rule: MarkupRule): string {
  const range = rule.costRange;
  if (!range || (range.min === undefined && range.max === undefined)) return '';
  if (range.min !== undefined && range.max !== undefined) return ` (cost ${range.min} to under ${range.max})`;
  return range.min !== undefined ? ` (cost ${range.min} and up)` : ` (cost under ${range.max})`;
}

function signed(value: string, unit: string): string {
  const normalized = new PriceDecimal(value).toFixed();
  return `${normalized.startsWith('-') ? '' : '+'}${normalized}${unit}`;
}

function describeInput(input: PricingInput): string {
  return `offer ${input.supplierId}/${input.productId}/${input.skuId}${input.variant ? `/${input.variant}` : ''}`;
}

function describeLock(lock: LockedPrice): string {
  const target = lock.target;
  return target.type === 'plan'
    ? `plan ${target.planKey}`
    : `offer ${target.supplierId}/${target.productId}/${target.skuId}${target.variant ? `/${target.variant}` : ''}`;
}
