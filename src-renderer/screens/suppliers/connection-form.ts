import type { SupplierKindInfo, SupplierSummary } from '../../../src-shared/contract';
import { encodeCodedIssue } from '../../../src-shared/coded-issue';
import type { ConnectionInput } from '../../../src-shared/connection-types';

export interface ConnectionFormValues {
  /** Set when editing: the server then updates this connection and falls back to its stored secrets. */
  id?: string;
  kind: string;
  name: string;
  values: Record<string, string>;
  /** Secrets already stored for this connection; their inputs may stay empty. */
  secretsSet: Record<string, boolean>;
}

export type FieldErrors = Record<string, string>;

export function blankForm(kind: SupplierKindInfo | undefined): ConnectionFormValues {
  return { kind: kind?.kind ?? '', name: '', values: {}, secretsSet: {} };
}

export function formFromSupplier(supplier: SupplierSummary): ConnectionFormValues {
  return {
    id: supplier.id,
    kind: supplier.kind,
    name: supplier.name,
    values: { ...supplier.settings },
    secretsSet: { ...supplier.secrets },
  };
}

/** Only the chosen kind's fields go out, secrets apart from settings; an empty secret means "keep the stored one". */
export function toConnectionInput(form: ConnectionFormValues, kind: SupplierKindInfo): ConnectionInput {
  const settings: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const field of kind.fields) {
    const value = (form.values[field.key] ?? '').trim();
    // Empty inputs are left out: the test merges the form over the stored connection, where '' would win.
    if (!value) continue;
    (field.secret ? secrets : settings)[field.key] = value;
  }
  return { ...(form.id && { id: form.id }), kind: kind.kind, name: form.name.trim(), settings, secrets };
}

/** What can be said before asking main: the name and every required field that is still empty. */
export function missingFields(form: ConnectionFormValues, kind: SupplierKindInfo): string[] {
  const missing = form.name.trim() ? [] : ['name'];
  for (const field of kind.fields) {
    if (field.optional || (form.values[field.key] ?? '').trim()) continue;
    if (field.secret && form.secretsSet[field.key]) continue;
    missing.push(field.key);
  }
  return missing;
}

/**
 * Splits the server's validation message ("baseUrl: @url.invalid; apiKey: @field.required") so each part can
 * sit next to its field (kept whole, so the field's name words it); whatever names no field stays for the whole form.
 */
export function splitServerErrors(
  message: string,
  fieldKeys: readonly string[],
): { fields: FieldErrors; general: string | null } {
  const fields: FieldErrors = {};
  const rest: string[] = [];
  for (const part of message.split(/;\s+/)) {
    const match = /^([A-Za-z0-9_.]+):\s*(.+)$/.exec(part);
    const key = match?.[1];
    if (key && match && fieldKeys.includes(key) && !fields[key]) fields[key] = part;
    else rest.push(part);
  }
  return { fields, general: rest.length ? rest.join('; ') : null };
}

/** Main's problems (per field) narrowed to the fields the merchant has already left. */
export function errorsForTouched(issues: Record<string, string>, touched: ReadonlySet<string>): FieldErrors {
  return Object.fromEntries(Object.entries(issues).filter(([field]) => touched.has(field)));
}

/**
 * The form's messages once Save finds required fields empty: each of those says it is required, and a message a
 * field already shows (a pace above the server's most, an address without https://) stays until that field is edited.
 */
export function errorsWithMissing(errors: FieldErrors, missing: readonly string[]): FieldErrors {
  const kept = Object.fromEntries(
    Object.entries(errors).filter(([field, message]) => message && !missing.includes(field)),
  );
  return {
    ...kept,
    ...Object.fromEntries(missing.map((key) => [key, encodeCodedIssue(key, { code: 'field.required', params: {} })])),
  };
}

/** What a check on blur sends: whether each secret is typed, never its value (a check is no reason to send one). */
export function withoutSecretValues(input: ConnectionInput): ConnectionInput {
  return {
    ...input,
    secrets: Object.fromEntries(Object.entries(input.secrets ?? {}).map(([key, value]) => [key, value ? 'typed' : ''])),
  };
}
