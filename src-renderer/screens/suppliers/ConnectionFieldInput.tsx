import { useId } from 'react';
import type { SupplierKindInfo } from '../../../src-shared/contract';
import type { ConnectionField } from '../../../src-shared/connection-types';
import { useT } from '../../i18n';
import { suppliersDictionary } from '../../i18n/suppliers';
import { useFieldLabel, useIssueText } from './issue-text';

interface Props {
  kind: string;
  field: ConnectionField;
  value: string;
  /** A stored secret: the input stays empty (the renderer never receives it) and empty means "keep it". */
  secretSet: boolean;
  error: string | null;
  baseUrls?: SupplierKindInfo['baseUrls'];
  onChange: (value: string) => void;
  /** The field lost focus: the form checks it then. */
  onBlur: () => void;
}

export function ConnectionFieldInput({ kind, field, value, secretSet, error, baseUrls, onChange, onBlur }: Props) {
  const t = useT(suppliersDictionary);
  const issueText = useIssueText();
  const label = useFieldLabel();
  const id = useId();
  const quickFills = (['sandbox', 'production'] as const).filter((env) => baseUrls?.[env]);
  const helpKey = `help.${kind}.${field.key}`;
  const help =
    field.key === 'requestsPerMinute'
      ? t('form.requestsPerMinute.help', { default: field.defaultValue ?? '' })
      : t(helpKey);
  const hasHelp = help !== helpKey;
  const describedBy = [
    hasHelp ? `${id}-help` : '',
    field.secret && !secretSet ? `${id}-once` : '',
    error ? `${id}-error` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field connection-field" data-field={field.key}>
      <label className="field-label" htmlFor={id}>
        {label(field.key)}
        {field.optional && <span className="muted"> {t('form.optional')}</span>}
        {field.secret && secretSet && <span className="badge ok secret-set">{t('form.secretSet')}</span>}
      </label>
      <input
        id={id}
        type={field.secret ? 'password' : 'text'}
        name={field.key}
        value={value}
        autoComplete={field.secret ? 'new-password' : 'off'}
        spellCheck={false}
        placeholder={field.secret && secretSet ? t('form.secretKeep') : (field.defaultValue ?? '')}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
      />
      {quickFills.length > 0 && (
        <span className="quick-fill">
          {quickFills.map((env) => (
            <button
              key={env}
              type="button"
              className="button small"
              onClick={() => onChange(baseUrls![env]!)}
              title={baseUrls![env]}
            >
              {t(`form.baseUrl.${env}`)}
            </button>
          ))}
        </span>
      )}
      {error && (
        <small className="error" id={`${id}-error`} role="alert">
          {issueText(error, true)}
        </small>
      )}
      {hasHelp && (
        <small className="muted field-help" id={`${id}-help`}>
          {help}
        </small>
      )}
      {field.secret && !secretSet && (
        <small className="muted" id={`${id}-once`}>
          {t('form.secretOnce')}
        </small>
      )}
    </div>
  );
}
