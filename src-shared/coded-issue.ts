/**
 * A validation problem the renderer words itself (en, zh-CN): a code and its parameters. Errors cross IPC, the
 * services worker and the bridge as plain messages, so a coded issue travels inside one as `field: @code?k=v&k=v`:
 * the `field: text` shape the supplier form already splits on, with a text no English message starts with.
 * URL-encoding the parameters keeps "; " (the separator between issues) out of them.
 */
export interface CodedIssue {
  code: string;
  params: Record<string, string>;
}

const CODED = /^@([a-z][A-Za-z0-9_.]*)(?:\?(.*))?$/;

export function encodeCodedIssue(field: string, issue: CodedIssue): string {
  return `${field}: ${codedText(issue.code, issue.params)}`;
}

/**
 * A text main makes for the merchant (an order's timeline note, its error, a status we word ourselves, a rate's
 * source) as `@code?k=v`: stored and sent as it is, worded by the renderer (and the CLI) from its dictionaries.
 * Several join with "; " like plain texts do.
 */
export function codedText(code: string, params: Record<string, string | number | undefined> = {}): string {
  const defined = Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  const query = new URLSearchParams(defined.map(([key, value]) => [key, String(value)])).toString();
  return `@${code}${query ? `?${query}` : ''}`;
}

/** codedText for one family of codes (a list `as const`): a code outside the family does not compile. */
export function codedTextOf<const Codes extends readonly string[]>(
  _codes: Codes,
): (code: Codes[number], params?: Record<string, string | number | undefined>) => string {
  return (code, params = {}) => codedText(code, params);
}

/**
 * Words a message in the reader's language: each "; "-separated part that is coded (`@code?params`, or
 * `field: @code?params`) through `word`, any other part (a supplier's own words, a text stored before codes) as it
 * came. A parameter that is itself a coded text (an order note's `error`, the transport failure inside a sync's) is
 * worded first, the same way. `withoutField` drops the field name where the message already sits under that field.
 */
export function wordCodedText(
  message: string,
  word: (code: string, params: Record<string, string>) => string,
  withoutField = false,
): string {
  return message
    .split(/;\s+/)
    .map((part) => {
      const match = /^([A-Za-z0-9_.]+):\s*(.+)$/.exec(part);
      const coded = decodeCodedIssue(match ? match[2] : part);
      if (!coded) return part;
      const text = word(coded.code, wordedParams(coded.params, word));
      return match && !withoutField ? `${match[1]}: ${text}` : text;
    })
    .join('; ');
}

/** The parameters with every coded one worded (a coded text never holds itself, so this ends). */
function wordedParams(
  params: Record<string, string>,
  word: (code: string, params: Record<string, string>) => string,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, value.startsWith('@') ? wordCodedText(value, word) : value]),
  );
}

/** The code and parameters of one field's message, or null when it is plain text. */
export function decodeCodedIssue(text: string): CodedIssue | null {
  const match = CODED.exec(text.trim());
  if (!match) return null;
  return { code: match[1], params: Object.fromEntries(new URLSearchParams(match[2] ?? '')) };
}
