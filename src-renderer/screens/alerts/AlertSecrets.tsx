import { useState } from 'react';
import type { AlertSecretName } from '../../../src-shared/alert-types';
import { useT } from '../../i18n';
import { alertsDictionary } from '../../i18n/alerts';
import { useAlertRulesStore } from '../../stores/alert-rules';

// Not main's list: that module reads the database, and the renderer only needs the names.
const SECRET_NAMES: readonly AlertSecretName[] = ['webhook', 'telegram'];

/** The webhook's signing secret and the Telegram bot token: stored at once and sealed, never read back. */
export function AlertSecrets() {
  const t = useT(alertsDictionary);
  const { settings, secretError, setSecret } = useAlertRulesStore();
  const [typed, setTyped] = useState<Record<AlertSecretName, string>>({ webhook: '', telegram: '' });
  const store = async (name: AlertSecretName, value: string | null) => {
    if (await setSecret(name, value)) setTyped((current) => ({ ...current, [name]: '' }));
  };
  if (!settings) return null;
  return (
    <div className="alert-secrets">
      <h3>{t('secrets')}</h3>
      <p className="muted alert-secrets-help">{t('secrets.help')}</p>
      {SECRET_NAMES.map((name) => (
        <div className="alert-secret" key={name}>
          <label htmlFor={`alert-secret-${name}`}>{t(`secret.${name}`)}</label>
          <span className="muted">{settings.secretsSet[name] ? t('secret.isSet') : t('secret.notSet')}</span>
          <input
            id={`alert-secret-${name}`}
            type="password"
            autoComplete="off"
            placeholder={t('secret.placeholder')}
            value={typed[name]}
            onChange={(event) => setTyped((current) => ({ ...current, [name]: event.target.value }))}
          />
          <button className="button" disabled={!typed[name]} onClick={() => void store(name, typed[name])}>
            {t('secret.set')}
          </button>
          {settings.secretsSet[name] && (
            <button className="button danger" onClick={() => void store(name, null)}>
              {t('secret.clear')}
            </button>
          )}
        </div>
      ))}
      {secretError && (
        <p className="error" role="alert">
          {t('secret.failed', { reason: secretError })}
        </p>
      )}
    </div>
  );
}
