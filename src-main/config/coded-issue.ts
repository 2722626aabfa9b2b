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
  return `${field}: ${codedText(issue)}`;
}

/** A code and its parameters alone (`@code?k=v`), for a text that names no field (an order's status, say). */
export function codedText(issue: CodedIssue): string {
  const query = new URLSearchParams(Object.entries(issue.params).filter(([, value]) => value !== undefined)).toString();
  return `@${issue.code}${query ? `?${query}` : ''}`;
}

/** The code and parameters of one field's message, or null when it is plain text. */
export function decodeCodedIssue(text: string): CodedIssue | null {
  const match = CODED.exec(text.trim());
  if (!match) return null;
  return { code: match[1], params: Object.fromEntries(new URLSearchParams(match[2] ?? '')) };
}
