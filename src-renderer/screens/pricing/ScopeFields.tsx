import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import type { RuleForm, RuleFormErrors, RuleFormField } from '../../stores/pricing-form';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';

/** The pickers a scope needs: nothing for "all", a supplier, a category or plan id, or one offer. */
export function ScopeFields({
  form,
  errors,
  onChange,
}: {
  form: RuleForm;
  errors: RuleFormErrors;
  onChange: (patch: Partial<RuleForm>) => void;
}) {
  const t = useT(pricingDictionary);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const needsSupplier = form.scopeType === 'supplier' || form.scopeType === 'category' || form.scopeType === 'offer';
  // A rule may name a supplier that is no longer configured: keep it in the list rather than silently swap it.
  const known = suppliers.some((s) => s.id === form.supplierId);

  const text = (field: RuleFormField, label: string, placeholder = '') => (
    <label className="field">
      <span>{label}</span>
      <input
        value={String(form[field])}
        placeholder={placeholder}
        aria-invalid={Boolean(errors[field])}
        onChange={(event) => onChange({ [field]: event.target.value })}
        name={field}
        spellCheck={false}
      />
      {errors[field] && <small className="error">{t(`error.${errors[field]}`)}</small>}
    </label>
  );

  return (
    <>
      {needsSupplier && (
        <label className="field">
          <span>{t('field.supplier')}</span>
          <select
            value={form.supplierId}
            aria-invalid={Boolean(errors.supplierId)}
            onChange={(event) => onChange({ supplierId: event.target.value })}
            name="supplierId"
          >
            <option value="">{t('field.chooseSupplier')}</option>
            {suppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {supplierName(suppliers, s.id)}
              </option>
            ))}
            {form.supplierId && !known && <option value={form.supplierId}>{form.supplierId}</option>}
          </select>
          {errors.supplierId && <small className="error">{t(`error.${errors.supplierId}`)}</small>}
        </label>
      )}
      {form.scopeType === 'category' && text('categoryId', t('field.categoryId'), t('field.categoryIdPlaceholder'))}
      {form.scopeType === 'plan' && text('planKey', t('field.planKey'), t('field.planKeyPlaceholder'))}
      {form.scopeType === 'offer' && (
        <>
          {text('productId', t('field.productId'))}
          {text('skuId', t('field.skuId'))}
          {text('variant', t('field.variant'), t('field.variantPlaceholder'))}
        </>
      )}
      {form.scopeType === 'all' && <p className="muted scope-all-note">{t('scope.all.note')}</p>}
    </>
  );
}
