import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ConnectionTest, SupplierKindInfo, SupplierSummary } from '../../../src-shared/contract';
import { encodeCodedIssue } from '../../../src-shared/coded-issue';
import { useT } from '../../i18n';
import { suppliersDictionary } from '../../i18n/suppliers';
import { useIssueText } from './issue-text';
import { useSuppliersStore } from '../../stores/suppliers';
import { ConnectionFieldInput } from './ConnectionFieldInput';
import { InsecureHttpOptIn } from '../../components/InsecureHttpOptIn';
import {
  blankForm,
  errorsForTouched,
  errorsWithMissing,
  formFromSupplier,
  missingFields,
  splitServerErrors,
  toConnectionInput,
  withoutSecretValues,
  type ConnectionFormValues,
  type FieldErrors,
} from './connection-form';
import { TestResult } from './TestResult';

interface Props {
  kinds: SupplierKindInfo[];
  /** Null to add a new connection. */
  supplier: SupplierSummary | null;
  onClose: () => void;
  onSaved: (name: string) => void;
}

const NAME_REQUIRED = encodeCodedIssue('name', { code: 'field.required', params: {} });

export function SupplierForm({ kinds, supplier, onClose, onSaved }: Props) {
  const t = useT(suppliersDictionary);
  const issueText = useIssueText();
  const titleId = useId();
  const { save, test, check } = useSuppliersStore();
  const [form, setForm] = useState<ConnectionFormValues>(() =>
    supplier ? formFromSupplier(supplier) : blankForm(kinds[0]),
  );
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState<ConnectionTest | null>(null);
  const [saving, setSaving] = useState(false);
  // Fields the merchant has left at least once: only they are checked, so an untouched form is not all red.
  const touched = useRef(new Set<string>());
  const latestCheck = useRef(0);
  const kind = kinds.find((k) => k.kind === form.kind);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  // Any edit makes an earlier test result describe values no longer on screen.
  const change = (next: Partial<ConnectionFormValues>, field?: string) => {
    setForm((current) => ({ ...current, ...next }));
    setTestResult(null);
    setFormError(null);
    // The field's message waits for it to be left again: it was about the value being replaced.
    if (field) setFieldErrors((errors) => ({ ...errors, [field]: '' }));
  };
  const setValue = (key: string, value: string) => change({ values: { ...form.values, [key]: value } }, key);

  /** Asks main (the kind's own schema) about the form as it is, and shows what it says about the fields already left. */
  const checkTouched = async (field: string) => {
    if (!kind) return;
    touched.current.add(field);
    const call = ++latestCheck.current;
    let issues: Record<string, string>;
    try {
      issues = await check(withoutSecretValues(toConnectionInput(form, kind)));
    } catch {
      return;
    }
    if (!form.name.trim()) issues.name = NAME_REQUIRED;
    // A slower answer about older values must not overwrite a newer one.
    if (call === latestCheck.current) setFieldErrors(errorsForTouched(issues, touched.current));
  };

  const checkRequired = (): boolean => {
    if (!kind) return false;
    const missing = missingFields(form, kind);
    for (const key of missing) touched.current.add(key);
    setFieldErrors((errors) => errorsWithMissing(errors, missing));
    setFormError(missing.length ? t('fixFields') : null);
    return missing.length === 0;
  };

  const runTest = async () => {
    if (!kind) return;
    setTesting(true);
    setTestResult(null);
    const result = await test(toConnectionInput({ ...form, name: form.name || kind.label }, kind));
    // The form's own problems go beside their fields, as a save would put them.
    if (!result.ok && (result.cause === 'fields' || result.cause === 'secretAgain')) {
      const split = splitServerErrors(
        result.error,
        kind.fields.map((f) => f.key),
      );
      setFieldErrors((errors) => ({ ...errors, ...split.fields }));
    }
    setTestResult(result);
    setTesting(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!kind || !checkRequired()) return;
    setSaving(true);
    try {
      const view = await save(toConnectionInput(form, kind));
      onSaved(view.name);
    } catch (error) {
      const split = splitServerErrors((error as Error).message, ['name', ...kind.fields.map((f) => f.key)]);
      setFieldErrors(split.fields);
      setFormError(split.general ?? t('fixFields'));
      setSaving(false);
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <form
        className="dialog supplier-form"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onSubmit={(event) => void submit(event)}
        noValidate
      >
        <h2 id={titleId} className="dialog-title">
          {supplier ? t('form.editTitle', { name: supplier.name }) : t('form.addTitle')}
        </h2>

        <div className="dialog-body">
          <div className="form-grid">
            <label className="field">
              <span>{t('form.kind')}</span>
              <select
                value={form.kind}
                disabled={Boolean(supplier)}
                onChange={(event) => {
                  change({ kind: event.target.value, values: {} });
                  touched.current.clear();
                  setFieldErrors({});
                }}
              >
                {kinds.map((k) => (
                  <option key={k.kind} value={k.kind}>
                    {k.label}
                  </option>
                ))}
              </select>
              {supplier && <small className="muted">{t('form.kindFixed')}</small>}
            </label>

            <label className="field">
              <span>{t('form.name')}</span>
              <input
                name="name"
                value={form.name}
                placeholder={t('form.namePlaceholder', { kind: kind?.label ?? '' })}
                onChange={(event) => change({ name: event.target.value }, 'name')}
                // The name has the focus when the form opens: leaving it untouched (to pick the kind) is no mistake yet.
                onBlur={() => void (form.name || touched.current.has('name') ? checkTouched('name') : undefined)}
                aria-invalid={Boolean(fieldErrors.name)}
                autoFocus
              />
              {fieldErrors.name && (
                <small className="error" role="alert">
                  {issueText(fieldErrors.name, true)}
                </small>
              )}
            </label>

            {kind?.fields.map((field) =>
              field.input === 'checkbox' ? (
                <InsecureHttpOptIn
                  key={`${kind.kind}.${field.key}`}
                  url={form.values.baseUrl ?? ''}
                  checked={form.values[field.key] === 'true'}
                  error={fieldErrors[field.key] ? issueText(fieldErrors[field.key], true) : null}
                  onChange={(checked) => setValue(field.key, checked ? 'true' : '')}
                />
              ) : (
                <ConnectionFieldInput
                  key={`${kind.kind}.${field.key}`}
                  kind={kind.kind}
                  field={field}
                  value={form.values[field.key] ?? ''}
                  secretSet={Boolean(form.secretsSet[field.key])}
                  error={fieldErrors[field.key] || null}
                  baseUrls={field.key === 'baseUrl' ? kind.baseUrls : undefined}
                  onChange={(value) => setValue(field.key, value)}
                  onBlur={() => void checkTouched(field.key)}
                />
              ),
            )}
          </div>
        </div>

        <div className="dialog-footer">
          {(testing || testResult) && <TestResult testing={testing} result={testResult} />}
          {formError && (
            <div className="form-error" role="alert">
              {issueText(formError)}
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => void runTest()} disabled={!kind || testing}>
              {testing ? t('form.testing') : t('form.test')}
            </button>
            <span className="spacer" />
            <button type="button" className="button" onClick={onClose}>
              {t('action.cancel')}
            </button>
            <button type="submit" className="primary" disabled={saving}>
              {saving ? t('form.saving') : t('action.save')}
            </button>
          </div>
        </div>
      </form>
    </div>
  );
}
