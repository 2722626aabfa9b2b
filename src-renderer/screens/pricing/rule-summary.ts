import type { SupplierSummary } from '../../../src-shared/contract';
import type { MarkupRule, RuleScope } from '../../../src-main/domain/pricing/rules';
import { scopeNameKey } from '../../../src-main/domain/pricing/scope-names';
import { ruleToForm, type RuleForm } from '../../stores/pricing-form';
import { supplierName } from '../../components/supplier-name';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Percent and amounts as typed, with a real minus sign: these are the merchant's own decimal strings. */
export function signed(value: string, unit = ''): string {
  const trimmed = value.trim();
  return trimmed.startsWith('-') ? `−${trimmed.slice(1)}${unit}` : `+${trimmed}${unit}`;
}

/** The catalog's names in the reader's language, by scopeNameKey; undefined while they load. */
export type NamesInLanguage = Readonly<Record<string, string>> | undefined;

/** What a scope points at, as the merchant reads it: the catalog's name where it has one, else the ids as typed. */
export function describeScope(
  scope: RuleScope,
  suppliers: readonly SupplierSummary[],
  names: NamesInLanguage,
  t: Translate,
): string {
  const named = scopeName(scope, names);
  const supplier = 'supplierId' in scope ? supplierName(suppliers, scope.supplierId) || '?' : '';
  switch (scope.type) {
    case 'all':
      return t('scope.all.summary');
    case 'supplier':
      return t('scope.supplier.summary', { supplier });
    case 'category':
      return t('scope.category.summary', { category: named ?? (scope.categoryId || '?'), supplier });
    case 'plan':
      return t('scope.plan.summary', { plan: named ?? (readablePlanKey(scope.planKey) || '?') });
    case 'offer':
      return t('scope.offer.summary', {
        offer: named ?? ([scope.productId, scope.skuId, scope.variant].filter(Boolean).join(' / ') || '?'),
        supplier,
      });
  }
}

/** The catalog's name of a plan, offer or category scope, when it has one. */
export function scopeName(scope: RuleScope, names: NamesInLanguage): string | undefined {
  const key = scopeNameKey(scope);
  return key === null ? undefined : names?.[key];
}

/** The ids a scope is stored by, each with the label of its field in the rule editor: for hover and the details line. */
export function scopeIds(scope: RuleScope): Array<{ label: string; value: string }> {
  switch (scope.type) {
    case 'category':
      return [{ label: 'field.categoryId', value: scope.categoryId }];
    case 'plan':
      return [{ label: 'field.planKey', value: readablePlanKey(scope.planKey) }];
    case 'offer':
      return [
        { label: 'field.productId', value: scope.productId },
        { label: 'field.skuId', value: scope.skuId },
        ...(scope.variant ? [{ label: 'field.variant', value: scope.variant }] : []),
      ];
    default:
      return [];
  }
}

/** Bounds as typed: the column header names the currency, and the merchant recognises their own "5". */
export function describeRange(form: RuleForm, t: Translate): string {
  const min = form.min.trim();
  const max = form.max.trim();
  if (min && max) return t('range.between', { min, max });
  if (max) return t('range.below', { max });
  if (min) return t('range.from', { min });
  return t('range.any');
}

export function describeMarkup(form: RuleForm, currency: string, t: Translate): string {
  const parts: string[] = [];
  if (form.percent.trim()) parts.push(signed(form.percent, '%'));
  if (form.fixed.trim()) parts.push(`${signed(form.fixed)} ${currency}`);
  return parts.length ? parts.join(' ') : t('markup.atCost');
}

export function describeRounding(key: string, t: Translate): string {
  if (key === 'none') return t('rounding.none');
  const [mode, value] = key.split(':');
  return mode === 'up' ? t('rounding.up', { step: value }) : t('rounding.charm', { ending: value });
}

/** Plan keys join their parts with \u0001 for the database; a person reads them better with a separator. */
export function readablePlanKey(planKey: string): string {
  return planKey.split('\u0001').filter(Boolean).join(' · ');
}

/** A rule as the merchant calls it: the name they gave it, or its scope and cost range in the reader's language. */
export function ruleLabel(
  rule: MarkupRule,
  suppliers: readonly SupplierSummary[],
  names: NamesInLanguage,
  t: Translate,
): string {
  if (rule.name?.trim()) return rule.name.trim();
  return t('rule.defaultName', {
    scope: describeScope(rule.scope, suppliers, names, t),
    range: describeRange(ruleToForm(rule), t),
  });
}
