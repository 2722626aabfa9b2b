import type { ReactNode } from 'react';
import type { RuleScopeType } from '../../../src-main/domain/pricing/rules';
import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { usePricingStore } from '../../stores/pricing';
import {
  roundingChoices,
  SCOPE_TYPES,
  type RuleForm,
  type RuleFormErrors,
  type RuleFormField,
} from '../../stores/pricing-form';
import { describeRounding } from './rule-summary';
import { ScopeFields } from './ScopeFields';

export function RuleEditor({ form, errors, currency }: { form: RuleForm; errors: RuleFormErrors; currency: string }) {
  const t = useT(pricingDictionary);
  const updateRule = usePricingStore((s) => s.updateRule);
  const update = (patch: Partial<RuleForm>) => updateRule(form.id, patch);
  // A rule read from the server may use a step or ending the quick choices do not list: keep it selectable.
  // The quick choices are sized for the merchant's currency, like the presets (up to 10 or 100 yen, not 0.1).
  const presets = usePricingStore((s) => s.presets);
  const choices = roundingChoices(presets);
  const roundings = choices.includes(form.rounding) ? choices : [...choices, form.rounding];

  const amount = (field: RuleFormField, label: string, unit: ReactNode, placeholder = '') => (
    <label className="field">
      <span>{label}</span>
      <span className="input-with-unit">
        <input
          value={String(form[field])}
          inputMode="decimal"
          placeholder={placeholder}
          aria-invalid={Boolean(errors[field])}
          onChange={(event) => update({ [field]: event.target.value })}
          name={field}
        />
        <span className="unit">{unit}</span>
      </span>
      {errors[field] && <small className="error">{t(`error.${errors[field]}`)}</small>}
    </label>
  );

  return (
    <div className="rule-editor" aria-label={t('rules.editing')}>
      <div className="rule-editor-grid scope-row">
        <label className="field">
          <span>{t('field.name')}</span>
          <input
            value={form.name}
            onChange={(event) => update({ name: event.target.value })}
            placeholder={t('field.namePlaceholder')}
            name="name"
          />
        </label>
        <label className="field">
          <span>{t('field.scope')}</span>
          <select
            value={form.scopeType}
            onChange={(event) => update({ scopeType: event.target.value as RuleScopeType })}
            name="scopeType"
          >
            {SCOPE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`scope.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <ScopeFields form={form} errors={errors} onChange={update} />
      </div>
      <div className="rule-editor-grid amounts-row">
        {amount('min', t('field.min'), currency, '0')}
        {amount('max', t('field.max'), currency, '∞')}
        {amount('percent', t('field.percent'), '%')}
        {amount('fixed', t('field.fixed'), currency)}
        {amount('minMargin', t('field.minMargin'), currency)}
        <label className="field">
          <span>{t('field.rounding')}</span>
          <select
            value={form.rounding}
            onChange={(event) => update({ rounding: event.target.value })}
            aria-invalid={Boolean(errors.rounding)}
            name="rounding"
          >
            {roundings.map((key) => (
              <option key={key} value={key}>
                {describeRounding(key, t)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted rule-editor-hint">{t('rules.rangeHint')}</p>
    </div>
  );
}
