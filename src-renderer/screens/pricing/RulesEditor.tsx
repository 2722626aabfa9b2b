import { Fragment } from 'react';
import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { usePricingStore } from '../../stores/pricing';
import { RuleEditor } from './RuleEditor';
import { RuleRow } from './RuleRow';
import { TierPresets } from './TierPresets';

export function RulesEditor() {
  const t = useT(pricingDictionary);
  const { saved, forms, formErrors, editingId, dirty, saving, saveError, justSaved, addRule, discard, save } =
    usePricingStore();
  const currency = saved?.currency ?? '';
  const invalid = Object.keys(formErrors).length > 0;
  return (
    <div className="card rules-card">
      <div className="card-title-row">
        <h2>{t('rules')}</h2>
        <TierPresets />
      </div>
      <p className="muted rules-help">{t('rules.help')}</p>

      {forms.length === 0 ? (
        <div className="rules-empty">{t('rules.empty')}</div>
      ) : (
        <div className="rules-table-wrap">
          <table className="table rules-table">
            <thead>
              <tr>
                <th className="rule-order">#</th>
                <th>{t('col.scope')}</th>
                <th>{t('col.range', { currency })}</th>
                <th>{t('col.markup')}</th>
                <th>{t('col.rounding')}</th>
                <th className="rule-actions-col" aria-label={t('col.actions')} />
              </tr>
            </thead>
            <tbody>
              {forms.map((form, index) => (
                <Fragment key={form.id}>
                  <RuleRow
                    form={form}
                    index={index}
                    count={forms.length}
                    currency={currency}
                    editing={editingId === form.id}
                    hasErrors={Boolean(formErrors[form.id])}
                  />
                  {editingId === form.id && (
                    <tr className="rule-editor-row">
                      <td colSpan={6}>
                        <RuleEditor form={form} errors={formErrors[form.id] ?? {}} currency={currency} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className="rules-footer">
        <button className="button" onClick={addRule}>
          {t('rules.add')}
        </button>
        <span className="spacer" />
        {dirty && <span className="unsaved">{t('rules.unsaved')}</span>}
        {justSaved && !dirty && (
          <span className="saved-note" role="status">
            {t('rules.saved')}
          </span>
        )}
        <button className="button" onClick={discard} disabled={!dirty || saving}>
          {t('rules.discard')}
        </button>
        <button className="primary" onClick={() => void save()} disabled={!dirty || saving || invalid}>
          {saving ? t('rules.saving') : t('rules.save')}
        </button>
      </div>
      {saveError && (
        <pre className="save-error" role="alert">
          {saveError}
        </pre>
      )}
    </div>
  );
}
