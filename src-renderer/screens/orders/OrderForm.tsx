import { useId } from 'react';
import { displayTitle } from '../../../src-main/domain/locale';
import type { BuyerInputField } from '../../../src-main/domain/offer';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useUiStore } from '../../stores/ui';

export interface OrderFormValues {
  email: string;
  buyerInput: Record<string, string>;
  confirmed: boolean;
}

/** Buyer input the goods need, an optional e-mail, the fixed quantity, and the explicit "this spends money". */
export function OrderForm({
  fields,
  values,
  onChange,
  demo,
  disabled,
}: {
  fields: BuyerInputField[];
  values: OrderFormValues;
  onChange: (values: OrderFormValues) => void;
  demo: boolean;
  disabled: boolean;
}) {
  const t = useT(ordersDictionary);
  const language = useUiStore((s) => s.language);
  const id = useId();
  return (
    <div className="order-form">
      {fields.length > 0 && (
        <fieldset className="buyer-inputs">
          <legend>{t('form.buyerInput')}</legend>
          {fields.map((field) => (
            <label key={field.key} className="field">
              <span>
                {displayTitle(field.label, language) || field.key}
                {field.required ? ' *' : ''}
              </span>
              <input
                value={values.buyerInput[field.key] ?? ''}
                required={field.required}
                disabled={disabled}
                data-input-key={field.key}
                onChange={(event) =>
                  onChange({ ...values, buyerInput: { ...values.buyerInput, [field.key]: event.target.value } })
                }
              />
            </label>
          ))}
        </fieldset>
      )}
      <div className="order-form-row">
        <label className="field order-email">
          <span>{t('form.email')}</span>
          <input
            type="email"
            value={values.email}
            disabled={disabled}
            placeholder={t('form.email.placeholder')}
            onChange={(event) => onChange({ ...values, email: event.target.value })}
          />
        </label>
        <div className="field order-quantity">
          <span>{t('form.quantity')}</span>
          <output className="quantity-value" title={t('form.quantity.hint')}>
            1
          </output>
        </div>
      </div>
      {demo && (
        <p className="demo-note" role="note">
          <span className="badge demo">{t('form.demo.badge')}</span> {t('form.demo')}
        </p>
      )}
      <label className="confirm-spend" htmlFor={`${id}-confirm`}>
        <input
          id={`${id}-confirm`}
          type="checkbox"
          checked={values.confirmed}
          disabled={disabled}
          onChange={(event) => onChange({ ...values, confirmed: event.target.checked })}
        />
        <span>{t(demo ? 'form.confirm.demo' : 'form.confirm')}</span>
      </label>
    </div>
  );
}

export function missingInput(fields: BuyerInputField[], values: OrderFormValues): boolean {
  return fields.some((field) => field.required && !values.buyerInput[field.key]?.trim());
}
