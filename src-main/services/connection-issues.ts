import type { z } from 'zod';
import { encodeCodedIssue } from '../../src-shared/coded-issue';
import type { UrlProblem } from '../http/url-policy';

/**
 * A connection's validation problems as codes the supplier form words per field (en, zh-CN): `field.required` for an
 * empty field, the URL rule's own codes for an address, `field.tooBig` for a number above the field's most, and
 * `field.invalid` for any other value its schema refuses.
 * The schema's English message never reaches the merchant: the form knows what each field wants.
 */
export function connectionFieldIssues(error: z.ZodError, candidate: Record<string, unknown>): Record<string, string> {
  const issues: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('.') : '(item)';
    if (issues[field]) continue;
    const coded = (issue as { params?: Partial<UrlProblem> }).params;
    const value = candidate[field];
    if (coded?.code && coded.params) issues[field] = urlProblemIssue(coded as UrlProblem, field);
    else if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
      issues[field] = encodeCodedIssue(field, { code: 'field.required', params: {} });
    else if (issue.code === 'too_big' && typeof issue.maximum === 'number')
      issues[field] = encodeCodedIssue(field, { code: 'field.tooBig', params: { max: String(issue.maximum) } });
    else issues[field] = encodeCodedIssue(field, { code: 'field.invalid', params: {} });
  }
  return issues;
}

/** The same, as one message (`field: @code; field: @code`): the shape errors travel in across IPC and the bridge. */
export function connectionIssuesText(error: z.ZodError, candidate: Record<string, unknown>): string {
  return Object.values(connectionFieldIssues(error, candidate)).join('; ');
}

export function urlProblemIssue(problem: UrlProblem, field = problem.params.field): string {
  return encodeCodedIssue(field, { code: problem.code, params: { ...problem.params } as Record<string, string> });
}

/**
 * A stored secret is only used with the settings it was saved with: when `changed` settings differ, each of
 * `fields` must be typed again (the form says which settings changed).
 */
export function reenterSecretIssue(fields: readonly string[], changed: readonly string[]): string {
  return fields
    .map((field) => encodeCodedIssue(field, { code: 'secret.reenter', params: { changed: changed.join(', ') } }))
    .join('; ');
}

/** Stored secrets this process cannot open (sealed under another data key, or damaged): each has to be typed again. */
export function unreadableSecretIssue(fields: readonly string[]): string {
  return fields.map((field) => encodeCodedIssue(field, { code: 'secret.unreadable', params: {} })).join('; ');
}
