import { useEffect, useRef, type MouseEvent } from 'react';
import { ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { alertsDictionary } from '../../i18n/alerts';
import { useAlertRulesStore } from '../../stores/alert-rules';
import { useSettingsStore } from '../../stores/settings';
import { useSuppliersStore } from '../../stores/suppliers';
import { AlertChannels } from './AlertChannels';
import { AlertJsonEditor } from './AlertJsonEditor';
import { AlertRuleList } from './AlertRuleList';
import { AlertSecrets } from './AlertSecrets';

/**
 * The rules and channels as a form, or (advanced) as the JSON document `supplygrid alerts rules` prints: one document
 * either way, saved together; the channel secrets beside it, stored at once.
 */
export function AlertRulesEditor() {
  const t = useT(alertsDictionary);
  const {
    settings,
    loadError,
    mode,
    dirty,
    saving,
    justSaved,
    saveError,
    showAll,
    errors,
    problems,
    load,
    setMode,
    discard,
    save,
  } = useAlertRulesStore();
  const loadSuppliers = useSuppliersStore((s) => s.load);
  const loadSettings = useSettingsStore((s) => s.load);
  useEffect(() => {
    void load();
    void loadSuppliers();
    void loadSettings();
  }, [load, loadSuppliers, loadSettings]);

  const card = useRef<HTMLElement>(null);
  const trySave = async () => {
    await save();
    // A refused save shows every error; the first may be far above the button.
    if (useAlertRulesStore.getState().showAll)
      card.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };

  if (loadError)
    return (
      <section className="card alert-rules">
        <ErrorState message={loadError} onRetry={() => void load()} />
      </section>
    );
  if (!settings)
    return (
      <section className="card alert-rules">
        <LoadingState />
      </section>
    );
  const refused = showAll && (mode === 'form' ? Object.keys(errors).length > 0 : problems.length > 0);
  return (
    <section className="card alert-rules" aria-labelledby="alert-rules-title" ref={card}>
      <div className="alert-rules-head">
        <h2 id="alert-rules-title">{t('rules')}</h2>
        <label className="alert-json-toggle">
          <input
            type="checkbox"
            checked={mode === 'json'}
            onChange={(event) => setMode(event.target.checked ? 'json' : 'form')}
          />
          {t('rules.asJson')}
        </label>
      </div>
      {mode === 'form' ? (
        <>
          <p className="muted alert-rules-help">{t('rules.help')}</p>
          <AlertRuleList />
          <AlertChannels />
        </>
      ) : (
        <AlertJsonEditor />
      )}
      <div className="alert-rules-footer">
        {refused && (
          <span className="error alert-rules-refused" role="alert">
            {t(mode === 'form' ? 'rules.invalid' : 'rules.jsonInvalid')}
          </span>
        )}
        {saveError && (
          <span className="error alert-rules-refused" role="alert">
            {t('rules.saveFailed', { reason: saveError })}
          </span>
        )}
        <span className="spacer" />
        {dirty && (
          <span className="alert-unsaved" role="status">
            {t('rules.unsaved')}
          </span>
        )}
        {justSaved && !dirty && (
          <span className="alert-saved" role="status">
            {t('rules.saved')}
          </span>
        )}
        <button className="button" onMouseDown={keepFocus} onClick={discard} disabled={!dirty || saving}>
          {t('rules.cancel')}
        </button>
        <button className="primary" onMouseDown={keepFocus} onClick={() => void trySave()} disabled={!dirty || saving}>
          {saving ? t('rules.saving') : t('rules.save')}
        </button>
      </div>
      <AlertSecrets />
    </section>
  );
}

/**
 * Leaving a field words its error, which can move these buttons down between the press and the release, and the
 * click is lost: the field keeps the focus until the click has landed.
 */
function keepFocus(event: MouseEvent) {
  event.preventDefault();
}
