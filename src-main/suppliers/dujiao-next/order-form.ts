/**
 * manual_form_data as the server's manual-form validator reads it: each field typed by the product's
 * manual_form_schema (`{fields: [{key, type, options …}]}`). A number field wants a JSON number, a checkbox field
 * (several choices) a JSON array of its options; text, textarea, phone, email, select and radio want strings.
 * The buyer's input arrives as text, so it is converted here; a field the schema does not know is sent as typed.
 */
export type FormData = Record<string, string | number | string[]>;

interface FormField {
  key: string;
  type: string;
}

function fieldsOf(schema: unknown): FormField[] {
  const fields = schema && typeof schema === 'object' ? (schema as { fields?: unknown }).fields : undefined;
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((field) => {
    if (!field || typeof field !== 'object') return [];
    const { key, type } = field as { key?: unknown; type?: unknown };
    return typeof key === 'string' ? [{ key: key.trim(), type: typeof type === 'string' ? type.trim() : 'text' }] : [];
  });
}

/** Several choices typed in one box: commas (either width), semicolons or new lines between them. */
const CHOICE_SEPARATOR = /[,，;；\n]/;

export function typedFormData(
  schema: unknown,
  input: Record<string, string>,
): { data: FormData } | { badField: string; expected: 'number' } {
  const types = new Map(fieldsOf(schema).map((field) => [field.key, field.type]));
  const data: FormData = {};
  for (const [key, raw] of Object.entries(input)) {
    const text = raw.trim();
    const type = types.get(key);
    if (type === 'number') {
      if (text === '') continue;
      const number = Number(text);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) || !Number.isFinite(number))
        return { badField: key, expected: 'number' };
      data[key] = number;
    } else if (type === 'checkbox') {
      const choices = text
        .split(CHOICE_SEPARATOR)
        .map((choice) => choice.trim())
        .filter(Boolean);
      if (choices.length) data[key] = choices;
    } else {
      data[key] = raw;
    }
  }
  return { data };
}
