import type { SupplierSummary } from '../../../src-shared/contract';
import type { MarkupRule } from '../../../src-main/domain/pricing/rules';
import { ruleToForm, type RuleForm } from '../../stores/pricing-form';
import { supplierName } from '../../components/supplier-name';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Percent and amounts as typed, with a real minus sign: these are the merchant's own decimal strings. */
export function signed(value: string, unit = ''): string {
  const trimmed = value.trim();
  return trimmed.startsWith('-') ? `−${trimmed.slice(1)}${unit}` : `+${trimmed}${unit}`;
}

export function describeScope(form: RuleForm, suppliers: readonly SupplierSummary[], t: Translate): string {
  switch (form.scopeType) {
    case 'all':
      return t('scope.all.summary');
    case 'supplier':
      return t('scope.supplier.summary', { supplier: supplierName(suppliers, form.supplierId) || '?' });
    case 'category':
      return t('scope.category.summary', { category: form.categoryId || '?', supplier: supplierName(suppliers, form.supplierId) || '?' });
    case 'plan':
      return t('scope.plan.summary', { plan: readablePlanKey(form.planKey) || '?' });
    case 'offer':
      return t('scope.offer.summary', { supplier: supplierName(suppliers, form.supplierId) || '?', offer: [form.productId, form.skuId, form.variant].filter(Boolean).join(' / ') || '?' });
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
export function ruleLabel(rule: MarkupRule, suppliers: readonly SupplierSummary[], t: Translate): string {
  if (rule.name?.trim()) return rule.name.trim();
  const form = ruleToForm(rule);
  return t('rule.defaultName', { scope: describeScope(form, suppliers, t), range: describeRange(form, t) });
}
