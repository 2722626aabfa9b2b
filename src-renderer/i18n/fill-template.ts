/** Fills `{name}` placeholders from params; a placeholder without a value stays as it is, so a gap shows. */
export function fillTemplate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A dictionary's words in one language without React (the CLI): the key itself when it has none. */
export function translator(entries: Record<string, string>) {
  return (key: string, params: Record<string, string | number> = {}): string =>
    fillTemplate(entries[key] ?? key, params);
}
