import { useEffect, useState } from 'react';
import type { AlertSettingsView, AlertSecretName } from '../../../src-shared/alert-types';
import { api } from '../../api';
import { useT } from '../../i18n';
import { alertsDictionary } from '../../i18n/alerts';

/** The rule types a document may use, as written in it (codes, not words). */
const RULE_TYPES = ['margin_below', 'best_out_of_stock', 'cost_rise', 'sync_failing', 'balance_below', 'order_attention'] as const;

/** The rules and channels as their JSON document (as `supplygrid alerts rules` prints it), and the sealed channel secrets. */
export function AlertRulesEditor() {
  const t = useT(alertsDictionary);
  const [settings, setSettings] = useState<AlertSettingsView | null>(null);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; message?: string } | null>(null);
  const [secrets, setSecrets] = useState<Record<AlertSecretName, string>>({ webhook: '', telegram: '' });

  const show = (next: AlertSettingsView) => {
    setSettings(next);
    setText(JSON.stringify(next.document, null, 2));
  };
  useEffect(() => {
    void api()['alerts.settings']().then(show);
  }, []);

  const save = async () => {
    try {
      const parsed: unknown = JSON.parse(text);
      show(await api()['alerts.saveDocument'](parsed));
      setStatus({ ok: true });
    } catch (error) {
      setStatus({ ok: false, message: (error as Error).message });
    }
  };
  const setSecret = async (name: AlertSecretName, value: string | null) => {
    setSettings(await api()['alerts.setSecret'](name, value));
    setSecrets((current) => ({ ...current, [name]: '' }));
  };

  if (!settings) return null;
  return (
    <section className="card alert-rules">
      <h2>{t('rules')}</h2>
      <p className="muted">
        {t('rules.help')}{' '}
        {RULE_TYPES.map((type, index) => <span key={type}>{index > 0 ? ' · ' : ''}<code translate="no">{type}</code></span>)}
      </p>
      <textarea aria-label={t('rules')} className="alert-rules-json" translate="no" spellCheck={false} value={text} onChange={(event) => setText(event.target.value)} rows={Math.min(30, text.split('\n').length + 1)} />
      <div className="alert-rules-actions">
        <button className="primary" onClick={() => void save()}>{t('rules.save')}</button>
        {status?.ok && <span className="setting-saved" role="status">{t('rules.saved')}</span>}
        {status && !status.ok && <span className="error" role="alert">{status.message}</span>}
      </div>
      {(['webhook', 'telegram'] as const).map((name) => (
        <div className="alert-secret" key={name}>
          <label htmlFor={`alert-secret-${name}`}>{t(`secret.${name}`)}</label>
          <span className="muted">{settings.secretsSet[name] ? t('secret.isSet') : t('secret.notSet')}</span>
          <input id={`alert-secret-${name}`} type="password" autoComplete="off" placeholder={t('secret.placeholder')} value={secrets[name]} onChange={(event) => setSecrets((current) => ({ ...current, [name]: event.target.value }))} />
          <button className="button" disabled={!secrets[name]} onClick={() => void setSecret(name, secrets[name])}>{t('secret.set')}</button>
          {settings.secretsSet[name] && <button className="button danger" onClick={() => void setSecret(name, null)}>{t('secret.clear')}</button>}
        </div>
      ))}
    </section>
  );
}
