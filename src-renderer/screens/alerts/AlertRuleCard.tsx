import { useEffect, useRef } from 'react';
import { useT } from '../../i18n';
import { alertsDictionary } from '../../i18n/alerts';
import { useAlertRulesStore } from '../../stores/alert-rules';
import { ruleFieldKey, type AlertRuleForm } from '../../stores/alert-rules-form';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { useUiStore } from '../../stores/ui';
import { AlertField } from './AlertField';
import { currencyOptions } from './currency-options';

/** One rule: on or off, what it watches, the threshold its type has, and a way to remove it. */
export function AlertRuleCard({ rule }: { rule: AlertRuleForm }) {
  const t = useT(alertsDictionary);
  const language = useUiStore((s) => s.language);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const { updateRule, removeRule } = useAlertRulesStore();
  const update = (patch: Partial<AlertRuleForm>) => updateRule(rule.key, patch);
  const justAdded = useAlertRulesStore((s) => s.addedKey === rule.key);
  const item = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // A rule just added: straight into its first field (its switch, for a type that has none).
    if (justAdded)
      (
        item.current?.querySelector<HTMLElement>('.alert-rule-fields :is(input, select)') ??
        item.current?.querySelector('input')
      )?.focus();
  }, [justAdded]);
  const name = t(`type.${rule.type}`);
  const switchId = `alert-rule-on-${rule.key}`;

  const percent = (label: string) => (
    <AlertField fieldKey={ruleFieldKey(rule.key, 'percent')} label={label} unit="%" className="alert-field-number">
      {(control) => (
        <input
          {...control}
          value={rule.percent}
          inputMode="decimal"
          autoComplete="off"
          onChange={(event) => update({ percent: event.target.value })}
        />
      )}
    </AlertField>
  );

  // A rule may name a supplier or currency this app does not list (set in the JSON, or a supplier since removed): kept selectable rather than silently swapped.
  const currencies = currencyOptions(language);
  const knownSupplier = !rule.supplierId || suppliers.some((s) => s.id === rule.supplierId);
  const knownCurrency = !rule.currency || currencies.some((c) => c.code === rule.currency);

  return (
    <li ref={item} className={`alert-rule${rule.enabled ? '' : ' off'}`} data-rule-type={rule.type}>
      <div className="alert-rule-head">
        <input
          id={switchId}
          type="checkbox"
          checked={rule.enabled}
          onChange={(event) => update({ enabled: event.target.checked })}
          aria-describedby={`${switchId}-help`}
        />
        <label htmlFor={switchId} className="alert-rule-name">
          {name}
        </label>
        <p className="muted alert-rule-help" id={`${switchId}-help`}>
          {t(`type.${rule.type}.help`)}
        </p>
      </div>
      <div className="alert-rule-fields">
        {rule.type === 'margin_below' && percent(t('field.marginBelow'))}
        {rule.type === 'cost_rise' && percent(t('field.riseAbove'))}
        {rule.type === 'sync_failing' && (
          <AlertField
            fieldKey={ruleFieldKey(rule.key, 'times')}
            label={t('field.times')}
            className="alert-field-number"
          >
            {(control) => (
              <input
                {...control}
                value={rule.times}
                inputMode="numeric"
                autoComplete="off"
                onChange={(event) => update({ times: event.target.value })}
              />
            )}
          </AlertField>
        )}
        {rule.type === 'balance_below' && (
          <>
            <AlertField
              fieldKey={ruleFieldKey(rule.key, 'amount')}
              label={t('field.amount')}
              className="alert-field-amount"
            >
              {(control) => (
                <input
                  {...control}
                  value={rule.amount}
                  inputMode="decimal"
                  autoComplete="off"
                  onChange={(event) => update({ amount: event.target.value })}
                />
              )}
            </AlertField>
            <AlertField
              fieldKey={ruleFieldKey(rule.key, 'currency')}
              label={t('field.currency')}
              className="alert-field-currency"
            >
              {(control) => (
                <select
                  {...control}
                  value={rule.currency}
                  onChange={(event) => update({ currency: event.target.value })}
                >
                  {!rule.currency && <option value="" />}
                  {currencies.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.label}
                    </option>
                  ))}
                  {!knownCurrency && <option value={rule.currency}>{rule.currency}</option>}
                </select>
              )}
            </AlertField>
            <AlertField
              fieldKey={ruleFieldKey(rule.key, 'supplierId')}
              label={t('field.supplier')}
              className="alert-field-supplier"
            >
              {(control) => (
                <select
                  {...control}
                  value={rule.supplierId}
                  onChange={(event) => update({ supplierId: event.target.value })}
                >
                  <option value="">{t('field.anySupplier')}</option>
                  {suppliers.map((s) => (
                    <option key={s.id} value={s.id}>
                      {supplierName(suppliers, s.id)}
                    </option>
                  ))}
                  {!knownSupplier && (
                    <option value={rule.supplierId} translate="no">
                      {rule.supplierId}
                    </option>
                  )}
                </select>
              )}
            </AlertField>
          </>
        )}
      </div>
      <button
        className="alert-icon-button danger"
        onClick={() => removeRule(rule.key)}
        aria-label={t('rule.remove', { name })}
        title={t('rule.remove', { name })}
      >
        ✕
      </button>
    </li>
  );
}
