import { LANGUAGES, type Language } from '../../../src-shared/languages';
import { LANGUAGE_NAMES, useT } from '../../i18n';
import { alertsDictionary } from '../../i18n/alerts';
import { useAlertRulesStore } from '../../stores/alert-rules';
import { channelFieldKey, type ChannelsForm } from '../../stores/alert-rules-form';
import { AlertField } from './AlertField';
import { InsecureHttpOptIn } from '../../components/InsecureHttpOptIn';

/** Where alerts go besides the app, for every rule alike, and how many may go per hour. */
export function AlertChannels() {
  const t = useT(alertsDictionary);
  const channels = useAlertRulesStore((s) => s.form.channels);
  const updateChannels = useAlertRulesStore((s) => s.updateChannels);

  const toggle = (field: 'desktop' | 'webhookEnabled' | 'telegramEnabled', label: string, help: string) => (
    <div className="alert-channel-switch">
      <input
        id={`alert-channel-${field}`}
        type="checkbox"
        checked={channels[field]}
        onChange={(event) => updateChannels({ [field]: event.target.checked })}
        aria-describedby={`alert-channel-${field}-help`}
      />
      <label htmlFor={`alert-channel-${field}`}>{label}</label>
      <p className="muted" id={`alert-channel-${field}-help`}>
        {help}
      </p>
    </div>
  );
  const text = (
    field: 'webhookUrl' | 'telegramChatId' | 'telegramApiBase',
    label: string,
    className: string,
    placeholder = '',
  ) => (
    <AlertField fieldKey={channelFieldKey(field)} label={label} className={className}>
      {(control) => (
        <input
          {...control}
          value={channels[field]}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => updateChannels({ [field]: event.target.value } as Partial<ChannelsForm>)}
        />
      )}
    </AlertField>
  );

  return (
    <fieldset className="alert-channels">
      <legend>{t('channels')}</legend>
      <p className="muted alert-channels-help">{t('channels.help')}</p>
      <div className="alert-channel">{toggle('desktop', t('channel.desktop'), t('channel.desktop.help'))}</div>
      <div className="alert-channel">
        {toggle('webhookEnabled', t('channel.webhook'), t('channel.webhook.help'))}
        <div className="alert-channel-fields">
          {text('webhookUrl', t('channel.webhookUrl'), 'alert-field-url', 'https://')}
          <InsecureHttpOptIn
            url={channels.webhookUrl}
            checked={channels.webhookAllowInsecureHttp}
            onChange={(checked) => updateChannels({ webhookAllowInsecureHttp: checked })}
          />
        </div>
      </div>
      <div className="alert-channel">
        {toggle('telegramEnabled', t('channel.telegram'), t('channel.telegram.help'))}
        <div className="alert-channel-fields">
          {text('telegramChatId', t('channel.telegramChatId'), 'alert-field-chat')}
          {text('telegramApiBase', t('channel.telegramApiBase'), 'alert-field-url')}
          <InsecureHttpOptIn
            url={channels.telegramApiBase}
            checked={channels.telegramAllowInsecureHttp}
            onChange={(checked) => updateChannels({ telegramAllowInsecureHttp: checked })}
          />
        </div>
      </div>
      <div className="alert-channel alert-channel-limits">
        <div className="field alert-field">
          <label htmlFor="alert-channel-language">{t('channel.language')}</label>
          <select
            id="alert-channel-language"
            value={channels.language}
            onChange={(event) => updateChannels({ language: event.target.value as Language })}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language} lang={language}>
                {LANGUAGE_NAMES[language]}
              </option>
            ))}
          </select>
        </div>
        <AlertField
          fieldKey={channelFieldKey('maxPerHour')}
          label={t('channel.maxPerHour')}
          className="alert-field-number"
        >
          {(control) => (
            <input
              {...control}
              value={channels.maxPerHour}
              inputMode="numeric"
              autoComplete="off"
              aria-describedby={[control['aria-describedby'], 'alert-max-per-hour-help'].filter(Boolean).join(' ')}
              onChange={(event) => updateChannels({ maxPerHour: event.target.value })}
            />
          )}
        </AlertField>
        <p className="muted alert-limit-help" id="alert-max-per-hour-help">
          {t('channel.maxPerHour.help')}
        </p>
      </div>
    </fieldset>
  );
}
