import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { usePricingStore } from '../../stores/pricing';
import { scopeOfForm, type RuleForm } from '../../stores/pricing-form';
import { describeMarkup, describeRange, describeRounding } from './rule-summary';
import { ScopeText } from './ScopeText';

interface Props {
  form: RuleForm;
  index: number;
  count: number;
  currency: string;
  editing: boolean;
  hasErrors: boolean;
}

export function RuleRow({ form, index, count, currency, editing, hasErrors }: Props) {
  const t = useT(pricingDictionary);
  const { setEditing, moveRule, removeRule } = usePricingStore();
  return (
    <tr className={`rule-row${editing ? ' editing' : ''}${hasErrors ? ' invalid' : ''}`} data-rule={form.id}>
      <td className="rule-order muted">{index + 1}</td>
      <td>
        <ScopeText scope={scopeOfForm(form)} className="rule-scope" />
        {form.name.trim() && <div className="muted rule-name">{form.name}</div>}
      </td>
      <td className="rule-cell">{describeRange(form, t)}</td>
      <td className="rule-cell">
        <div className="rule-markup">{describeMarkup(form, currency, t)}</div>
        {form.minMargin.trim() && (
          <div className="muted rule-min-margin">
            {t('minMargin.summary', { amount: form.minMargin.trim(), currency })}
          </div>
        )}
      </td>
      <td className="rule-cell">{describeRounding(form.rounding, t)}</td>
      <td className="rule-actions">
        <button
          className="rule-icon-button"
          onClick={() => moveRule(form.id, -1)}
          disabled={index === 0}
          aria-label={t('rules.moveUp')}
          title={t('rules.moveUp')}
        >
          ↑
        </button>
        <button
          className="rule-icon-button"
          onClick={() => moveRule(form.id, 1)}
          disabled={index === count - 1}
          aria-label={t('rules.moveDown')}
          title={t('rules.moveDown')}
        >
          ↓
        </button>
        <button
          className={`rule-icon-button${editing ? ' active' : ''}`}
          onClick={() => setEditing(editing ? null : form.id)}
          aria-expanded={editing}
          aria-label={t('rules.edit', { n: index + 1 })}
          title={editing ? t('rules.done') : t('action.edit')}
        >
          ✎
        </button>
        <button
          className="rule-icon-button danger"
          onClick={() => removeRule(form.id)}
          aria-label={t('rules.remove', { n: index + 1 })}
          title={t('rules.remove', { n: index + 1 })}
        >
          ✕
        </button>
        {hasErrors && !editing && (
          <span className="error rule-invalid" title={t('rules.invalid')}>
            !
          </span>
        )}
      </td>
    </tr>
  );
}
