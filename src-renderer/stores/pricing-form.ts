import Decimal from 'decimal.js';
import { isDecimalString } from '../../src-main/domain/money';
import type {
  LockedPrice,
  MarkupRule,
  Rounding,
  RuleScope,
  RuleScopeType,
  RuleSet,
} from '../../src-main/domain/pricing/rules';
import type { TierPreset } from '../../src-main/domain/pricing/starting-rules';
import { canonicalJson } from './canonical-json';

/**
 * A markup rule as the editor holds it: every input is the text the merchant typed, so a half-typed "12."
 * stays on screen instead of being normalised away. Converted to a MarkupRule only when it is valid.
 */
export interface RuleForm {
  id: string;
  name: string;
  scopeType: RuleScopeType;
  supplierId: string;
  categoryId: string;
  planKey: string;
  productId: string;
  skuId: string;
  variant: string;
  min: string;
  max: string;
  percent: string;
  fixed: string;
  minMargin: string;
  /** A rounding key: 'none', 'up:<step>' or 'charm:<ending>'. */
  rounding: string;
}

export type RuleFormField = Exclude<keyof RuleForm, 'id'>;
/** Codes, not sentences: the screen words them in the merchant's language. */
export type RuleFormError = 'required' | 'decimal' | 'rounding';
export type RuleFormErrors = Partial<Record<RuleFormField, RuleFormError>>;

export const SCOPE_TYPES: readonly RuleScopeType[] = ['all', 'supplier', 'category', 'plan', 'offer'];
/** The quick roundings in dollar sizes: what the editor offers until main's presets say the merchant's sizes. */
export const ROUNDING_CHOICES: readonly string[] = ['none', 'up:0.1', 'up:1', 'charm:.99', 'charm:.49'];

/**
 * The quick roundings sized like the presets main sent for the merchant's currency (pricing.presets), the first step
 * being the one a new rule starts with: the presets' cheap step and ten times it, the dear tier's rounding, and the
 * charm endings only where the presets use one. In dollars that is ROUNDING_CHOICES; in yen 'up:10' and 'up:100', not a
 * tenth of a yen nor a .99 ending a yen price cannot carry. Without presets, the dollar choices.
 */
export function roundingChoices(presets: readonly TierPreset[]): readonly string[] {
  const [cheap, , dear] = presets.find((preset) => preset.rules.length === 3)?.rules ?? [];
  if (cheap?.rounding.mode !== 'up' || !dear) return ROUNDING_CHOICES;
  const step = new Decimal(cheap.rounding.step);
  const choices = ['none', `up:${step.toFixed()}`, `up:${step.times(10).toFixed()}`, roundingKey(dear.rounding)];
  if (dear.rounding.mode === 'charm') choices.push('charm:.99', 'charm:.49');
  return [...new Set(choices)];
}

const CHARM_ENDING = /^0?\.\d+$/;

export function roundingKey(rounding: Rounding): string {
  switch (rounding.mode) {
    case 'none':
      return 'none';
    case 'up':
      return `up:${rounding.step}`;
    case 'charm':
      return `charm:${rounding.ending}`;
  }
}

export function parseRoundingKey(key: string): Rounding | null {
  if (key === 'none') return { mode: 'none' };
  const [mode, value = ''] = key.split(':');
  if (mode === 'up' && isDecimalString(value) && !value.startsWith('-') && /[1-9]/.test(value))
    return { mode: 'up', step: value };
  if (mode === 'charm' && CHARM_ENDING.test(value)) return { mode: 'charm', ending: value };
  return null;
}

export function ruleToForm(rule: MarkupRule): RuleForm {
  const scope = rule.scope;
  return {
    id: rule.id,
    name: rule.name ?? '',
    scopeType: scope.type,
    supplierId: 'supplierId' in scope ? scope.supplierId : '',
    categoryId: scope.type === 'category' ? scope.categoryId : '',
    planKey: scope.type === 'plan' ? scope.planKey : '',
    productId: scope.type === 'offer' ? scope.productId : '',
    skuId: scope.type === 'offer' ? scope.skuId : '',
    variant: scope.type === 'offer' ? scope.variant : '',
    min: rule.costRange?.min ?? '',
    max: rule.costRange?.max ?? '',
    percent: rule.percent ?? '',
    fixed: rule.fixed ?? '',
    minMargin: rule.minMargin ?? '',
    rounding: roundingKey(rule.rounding),
  };
}

/** The fields each scope needs filled in. The variant is usually '' (one offer per SKU), so it may stay empty. */
const SCOPE_FIELDS: Record<RuleScopeType, readonly RuleFormField[]> = {
  all: [],
  supplier: ['supplierId'],
  category: ['supplierId', 'categoryId'],
  plan: ['planKey'],
  offer: ['supplierId', 'productId', 'skuId'],
};

/** The scope the form's fields describe, as typed (trimmed), whether or not they are all filled in yet. */
export function scopeOfForm(form: RuleForm): RuleScope {
  const text = (field: RuleFormField) => String(form[field]).trim();
  switch (form.scopeType) {
    case 'all':
      return { type: 'all' };
    case 'supplier':
      return { type: 'supplier', supplierId: text('supplierId') };
    case 'category':
      return { type: 'category', supplierId: text('supplierId'), categoryId: text('categoryId') };
    case 'plan':
      return { type: 'plan', planKey: text('planKey') };
    case 'offer':
      return {
        type: 'offer',
        supplierId: text('supplierId'),
        productId: text('productId'),
        skuId: text('skuId'),
        variant: text('variant'),
      };
  }
}

/**
 * Checks what only the editor can check (typed numbers, the fields a scope needs) and builds the rule.
 * Relations between fields (min below max, percent or fixed given) are left to the server's validation,
 * whose message the screen shows as is, so the two can never disagree.
 */
export function formToRule(form: RuleForm): { rule: MarkupRule | null; errors: RuleFormErrors } {
  const errors: RuleFormErrors = {};
  const text = (field: RuleFormField) => String(form[field]).trim();
  const optionalDecimal = (field: RuleFormField) => {
    const value = text(field);
    if (!value) return undefined;
    if (!isDecimalString(value)) errors[field] = 'decimal';
    return value;
  };

  for (const field of SCOPE_FIELDS[form.scopeType]) if (!text(field)) errors[field] = 'required';
  const scope = scopeOfForm(form);
  const min = optionalDecimal('min');
  const max = optionalDecimal('max');
  const percent = optionalDecimal('percent');
  const fixed = optionalDecimal('fixed');
  const minMargin = optionalDecimal('minMargin');
  const rounding = parseRoundingKey(form.rounding);
  if (!rounding) errors.rounding = 'rounding';
  if (Object.keys(errors).length > 0 || !rounding) return { rule: null, errors };

  const rule: MarkupRule = { id: form.id, scope, rounding };
  if (form.name.trim()) rule.name = form.name.trim();
  if (min !== undefined || max !== undefined)
    rule.costRange = { ...(min !== undefined && { min }), ...(max !== undefined && { max }) };
  if (percent !== undefined) rule.percent = percent;
  if (fixed !== undefined) rule.fixed = fixed;
  if (minMargin !== undefined) rule.minMargin = minMargin;
  return { rule, errors };
}

export function uniqueRuleId(taken: Iterable<string>, base = 'rule'): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const id = `${base}-${n}`;
    if (!used.has(id)) return id;
  }
}

/** `rounding`: the merchant's currency's first quick step (roundingChoices), a tenth of a dollar by default. */
export function newRuleForm(
  taken: Iterable<string>,
  id = uniqueRuleId(taken),
  rounding = ROUNDING_CHOICES[1],
): RuleForm {
  return {
    id,
    name: '',
    scopeType: 'all',
    supplierId: '',
    categoryId: '',
    planKey: '',
    productId: '',
    skuId: '',
    variant: '',
    min: '',
    max: '',
    percent: '30',
    fixed: '',
    minMargin: '',
    rounding,
  };
}

/**
 * A preset is a store-wide default, so it replaces the rules that apply to every offer and keeps the
 * merchant's supplier, category, plan and offer exceptions untouched. Presets come from main, sized for the
 * merchant's currency ('pricing.presets').
 */
export function applyPreset(forms: readonly RuleForm[], preset: TierPreset): RuleForm[] {
  const kept = forms.filter((form) => form.scopeType !== 'all');
  const taken = kept.map((form) => form.id);
  const tiers = preset.rules.map((rule) => {
    const id = uniqueRuleId(taken, 'tier');
    taken.push(id);
    return { ...ruleToForm(rule), id };
  });
  return [...tiers, ...kept];
}

export function moveRule(forms: readonly RuleForm[], id: string, delta: -1 | 1): RuleForm[] {
  const from = forms.findIndex((form) => form.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= forms.length) return [...forms];
  const next = [...forms];
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}

/** The rule set the editor would save, or the per-rule errors that stop it from being built. */
export function draftRuleSet(
  currency: string,
  forms: readonly RuleForm[],
  locks: readonly LockedPrice[],
): { ruleSet: RuleSet | null; errors: Record<string, RuleFormErrors> } {
  const rules: MarkupRule[] = [];
  const errors: Record<string, RuleFormErrors> = {};
  for (const form of forms) {
    const built = formToRule(form);
    if (built.rule) rules.push(built.rule);
    else errors[form.id] = built.errors;
  }
  if (Object.keys(errors).length > 0) return { ruleSet: null, errors };
  return { ruleSet: { currency, rules, locks: [...locks] }, errors };
}

/** True when the editor's rules say the same as the saved ones (key order aside). */
export function sameRules(a: readonly MarkupRule[], b: readonly MarkupRule[]): boolean {
  return a.length === b.length && a.every((rule, index) => canonicalJson(rule) === canonicalJson(b[index]));
}
