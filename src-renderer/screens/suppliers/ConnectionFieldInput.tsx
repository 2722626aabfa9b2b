import type { SupplierKindInfo } from '../../../src-main/api/contract';
import type { ConnectionField } from '../../../src-main/services/connection-fields';
import { useT } from '../../i18n';
import { suppliersDictionary } from '../../i18n/suppliers';
import { useIssueText } from './issue-text';

interface Props {
  field: ConnectionField;
  value: string;
  /** A stored secret: the input stays empty (the renderer never receives it) and empty means "keep it". */
  secretSet: boolean;
  error: string | null;
  baseUrls?: SupplierKindInfo['baseUrls'];
  onChange: (value: string) => void;
}

export function ConnectionFieldInput({ field, value, secretSet, error, baseUrls, onChange }: Props) {
  const t = useT(suppliersDictionary);
  const issueText = useIssueText();
  const quickFills = (['sandbox', 'production'] as const).filter((env) => baseUrls?.[env]);
  return (
    <label className="field connection-field">
      <span className="field-label">
        {field.key === 'requestsPerMinute' ? t('form.requestsPerMinute') : field.label}
        {field.optional && <span className="muted"> {t('form.optional')}</span>}
        {field.secret && secretSet && <span className="badge ok secret-set">{t('form.secretSet')}</span>}
      </span>
      <input
        type={field.secret ? 'password' : 'text'}
        name={field.key}
        value={value}
        autoComplete={field.secret ? 'new-password' : 'off'}
        spellCheck={false}
        placeholder={field.secret && secretSet ? t('form.secretKeep') : field.defaultValue ?? ''}
        aria-invalid={Boolean(error)}
        onChange={(event) => onChange(event.target.value)}
      />
      {quickFills.length > 0 && (
        <span className="quick-fill">
          {quickFills.map((env) => (
            <button key={env} type="button" className="button small" onClick={() => onChange(baseUrls![env]!)} title={baseUrls![env]}>
              {t(`form.baseUrl.${env}`)}
            </button>
          ))}
        </span>
      )}
      {field.secret && !secretSet && <small className="muted">{t('form.secretOnce')}</small>}
      {field.key === 'requestsPerMinute' && <small className="muted">{t('form.requestsPerMinute.help', { default: field.defaultValue ?? '' })}</small>}
      {error && <small className="error">{issueText(error, true)}</small>}
    </label>
  );
}
