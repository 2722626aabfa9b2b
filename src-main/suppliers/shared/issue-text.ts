import type { z } from 'zod';
import { decodeCodedIssue } from '../../../src-shared/coded-issue';
import { issueText, type IssueTextCode } from '../../../src-shared/issue-codes';

type Issue = z.core.$ZodIssue;

/** At most this many issues of one value are told: the first few say what is wrong, the rest repeat it. */
export const MAX_ISSUES = 3;

/**
 * Why a value does not fit its schema, as coded texts ("; "-joined, one per issue): the field's path as the supplier
 * names it, and the problem as a code the renderer words in the merchant's language. Zod's own messages are English
 * and never shown; a schema's message that is itself a code (`problem.*`, issue-codes.ts) is the problem. A value parsed
 * with `reportInput` says which fields are missing rather than of another type or value.
 */
export function issuesText(error: z.ZodError): string {
  return error.issues.slice(0, MAX_ISSUES).map(issueAsText).join('; ');
}

export function issueAsText(issue: Issue): string {
  const problem = problemOf(issue);
  return issue.path.length
    ? issueText('issue.field', { path: asData(issue.path.map(String).join('.')), problem })
    : issueText('issue.item', { problem });
}

/**
 * A supplier's own text put in a parameter: quoted when it would read as a coded text itself (a field named "@type"),
 * which the renderer would otherwise word as a code of ours.
 */
function asData(text: string): string {
  return decodeCodedIssue(text) ? JSON.stringify(text) : text;
}

function problemOf(issue: Issue): string {
  if (issue.message.startsWith('@') && decodeCodedIssue(issue.message)) return issue.message;
  // The input is there only when the caller asked for it (`reportInput`); then undefined means absent.
  if ('input' in issue && issue.input === undefined) return issueText('problem.missing');
  switch (issue.code) {
    case 'invalid_type':
      return typeProblem(issue.expected);
    case 'too_small':
    case 'too_big':
      return rangeProblem(issue);
    case 'invalid_format':
      return formatProblem(issue);
    case 'not_multiple_of':
      return issueText('problem.multipleOf', { divisor: issue.divisor });
    case 'unrecognized_keys':
      return issueText('problem.unknownKeys', { keys: asData(issue.keys.join(', ')) });
    case 'invalid_union':
      if (issue.inclusive === false) return issueText('problem.ambiguous');
      if (issue.options?.length) return valuesProblem(issue.options);
      return issueText('problem.union');
    case 'invalid_key':
      return issueText('problem.key');
    case 'invalid_element':
      return issueText('problem.element');
    case 'invalid_value':
      return valuesProblem(issue.values);
    default:
      return issueText('problem.invalid');
  }
}

/** Types zod names alike for a merchant: a whole number is a whole number, a tuple a list, a record an object. */
const SAME_TYPE: Record<string, string> = {
  bigint: 'int',
  tuple: 'array',
  record: 'object',
  void: 'undefined',
};

const TYPES = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'symbol',
  'undefined',
  'never',
  'null',
  'nan',
  'date',
  'array',
  'set',
  'object',
  'map',
  'file',
  'function',
  'promise',
  'nonoptional',
]);

function typeProblem(expected: string): string {
  const type = SAME_TYPE[expected] ?? expected;
  return TYPES.has(type)
    ? issueText(`problem.type.${type}` as IssueTextCode)
    : issueText('problem.type.other', { expected });
}

function rangeProblem(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const raw = small ? issue.minimum : issue.maximum;
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set') {
    // A length is whole: "more than 2" is "at least 3".
    const bound = Number(raw) + (inclusive ? 0 : small ? 1 : -1);
    const text = issue.origin === 'string';
    if (issue.exact)
      return issueText(text ? 'problem.length' : 'problem.count', { [text ? 'length' : 'count']: bound });
    if (small && bound === 1) return issueText('problem.empty');
    if (small) return issueText(text ? 'problem.tooShort' : 'problem.tooFew', { minimum: bound });
    return issueText(text ? 'problem.tooLong' : 'problem.tooMany', { maximum: bound });
  }
  const bound = issue.origin === 'date' ? new Date(Number(raw)).toISOString() : String(raw);
  if (small) return issueText(inclusive ? 'problem.tooSmall' : 'problem.tooSmallExclusive', { minimum: bound });
  return issueText(inclusive ? 'problem.tooBig' : 'problem.tooBigExclusive', { maximum: bound });
}

/** String formats a merchant knows by another name, or alike. */
const FORMATS: Record<string, IssueTextCode> = {
  email: 'problem.format.email',
  url: 'problem.format.url',
  uuid: 'problem.format.uuid',
  guid: 'problem.format.uuid',
  datetime: 'problem.format.datetime',
  date: 'problem.format.date',
  time: 'problem.format.time',
  duration: 'problem.format.duration',
  ipv4: 'problem.format.ip',
  ipv6: 'problem.format.ip',
  cidrv4: 'problem.format.ipRange',
  cidrv6: 'problem.format.ipRange',
  base64: 'problem.format.base64',
  base64url: 'problem.format.base64',
  json_string: 'problem.format.json',
  e164: 'problem.format.phone',
  emoji: 'problem.format.emoji',
  lowercase: 'problem.format.lowercase',
  uppercase: 'problem.format.uppercase',
};

function formatProblem(issue: z.core.$ZodIssueInvalidStringFormat): string {
  const rule = issue as z.core.$ZodStringFormatIssues;
  switch (rule.format) {
    case 'regex':
      return issueText('problem.format.regex', { pattern: rule.pattern });
    case 'starts_with':
      return issueText('problem.format.startsWith', { prefix: rule.prefix });
    case 'ends_with':
      return issueText('problem.format.endsWith', { suffix: rule.suffix });
    case 'includes':
      return issueText('problem.format.includes', { includes: rule.includes });
  }
  const code = FORMATS[issue.format];
  return code ? issueText(code) : issueText('problem.format.other', { format: issue.format });
}

/** The allowed values as they are written in JSON: "esim", 3, null. */
function valuesProblem(values: readonly unknown[]): string {
  const written = values.map((value) =>
    typeof value === 'bigint' ? String(value) : (JSON.stringify(value) ?? String(value)),
  );
  return written.length === 1
    ? issueText('problem.equals', { value: written[0] })
    : issueText('problem.oneOf', { values: written.join(', ') });
}
