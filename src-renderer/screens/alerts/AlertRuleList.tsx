import { useState } from 'react';
import type { AlertRuleType } from '../../../src-shared/alert-rules';
import { useT } from '../../i18n';
import { alertsDictionary } from '../../i18n/alerts';
import { useAlertRulesStore } from '../../stores/alert-rules';
import { ALERT_RULE_TYPES } from '../../stores/alert-rules-form';
import { useSettingsStore } from '../../stores/settings';
import { AlertRuleCard } from './AlertRuleCard';

/** The rules, one card each, and adding one of a chosen type (a type may be used more than once: two thresholds, a balance per supplier). */
export function AlertRuleList() {
  const t = useT(alertsDictionary);
  const rules = useAlertRulesStore((s) => s.form.rules);
  const addRule = useAlertRulesStore((s) => s.addRule);
  // A new balance rule starts in the merchant's own currency, the one most balances are topped up in.
  const currency = useSettingsStore((s) => s.settings?.currency ?? 'USD');
  const [type, setType] = useState<AlertRuleType>('margin_below');
  return (
    <div className="alert-rule-list">
      {rules.length === 0 ? (
        <p className="alert-rules-empty">{t('rules.empty')}</p>
      ) : (
        <ul>
          {rules.map((rule) => (
            <AlertRuleCard key={rule.key} rule={rule} />
          ))}
        </ul>
      )}
      <div className="alert-rule-add">
        <label htmlFor="alert-rule-add-type">{t('rules.addType')}</label>
        <select
          id="alert-rule-add-type"
          value={type}
          onChange={(event) => setType(event.target.value as AlertRuleType)}
        >
          {ALERT_RULE_TYPES.map((option) => (
            <option key={option} value={option}>
              {t(`type.${option}`)}
            </option>
          ))}
        </select>
        <button className="button" onClick={() => addRule(type, currency)}>
          {t('rules.add')}
        </button>
      </div>
    </div>
  );
}
