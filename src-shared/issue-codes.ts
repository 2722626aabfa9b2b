import { codedTextOf } from './coded-issue';

/**
 * Why a value from a supplier does not fit what we expect of it (a zod issue: src-main/suppliers/shared/issue-text.ts),
 * as codes with parameters: `@issue.field?path=price&problem=@problem.type.number`. The renderer's problems
 * dictionary words them (en, zh-CN), the CLI in the same English. Where the value sat (`path`) and what it held are
 * the supplier's data and stay as they came.
 */
export const ISSUE_TEXT_CODES = [
  /** One field's problem: `path` (dotted, as the supplier names it), `problem` (one of the codes below). */
  'issue.field',
  /** The whole item's problem (no field to name): `problem`. */
  'issue.item',
  /** Nothing where a value is required. */
  'problem.missing',
  // Another type than the one expected; `other` names it (`expected`), for a type zod may add.
  'problem.type.string',
  'problem.type.number',
  'problem.type.int',
  'problem.type.boolean',
  'problem.type.symbol',
  'problem.type.undefined',
  'problem.type.never',
  'problem.type.null',
  'problem.type.nan',
  'problem.type.date',
  'problem.type.array',
  'problem.type.set',
  'problem.type.object',
  'problem.type.map',
  'problem.type.file',
  'problem.type.function',
  'problem.type.promise',
  'problem.type.nonoptional',
  'problem.type.other',
  // Out of range: a value (`minimum`/`maximum`), a text's length, a list's size (`length`/`count` when exact).
  'problem.tooSmall',
  'problem.tooSmallExclusive',
  'problem.tooBig',
  'problem.tooBigExclusive',
  'problem.tooShort',
  'problem.tooLong',
  'problem.length',
  'problem.tooFew',
  'problem.tooMany',
  'problem.count',
  'problem.empty',
  // Not in a text format; `pattern`, `prefix`, `suffix`, `includes` quote the rule, `other` names the format (`format`).
  'problem.format.email',
  'problem.format.url',
  'problem.format.uuid',
  'problem.format.datetime',
  'problem.format.date',
  'problem.format.time',
  'problem.format.duration',
  'problem.format.ip',
  'problem.format.ipRange',
  'problem.format.base64',
  'problem.format.json',
  'problem.format.phone',
  'problem.format.emoji',
  'problem.format.lowercase',
  'problem.format.uppercase',
  'problem.format.regex',
  'problem.format.startsWith',
  'problem.format.endsWith',
  'problem.format.includes',
  'problem.format.other',
  /** `divisor`. */
  'problem.multipleOf',
  /** `keys`: the keys that should not be there. */
  'problem.unknownKeys',
  /** None of a union's forms fits; `ambiguous`: more than one does. */
  'problem.union',
  'problem.ambiguous',
  /** A record's key, a map's or set's element that does not fit. */
  'problem.key',
  'problem.element',
  /** Not the one value allowed (`value`) or none of several (`values`). */
  'problem.equals',
  'problem.oneOf',
  /** Refused by a rule that gave no reason we word. */
  'problem.invalid',
  // Our own rules, worded where a schema states them (the schema's message is the code).
  /** `value`: what was sent. */
  'problem.notDecimal',
  /** `value`: what was sent. */
  'problem.notCurrency',
  'problem.negative',
  'problem.notAboveZero',
  'problem.noText',
  'problem.productType',
  'problem.wholeNumber',
  'problem.countryCode',
  /** A code (a card's number or PIN) sent as a number too large to have been read exactly. */
  'problem.codeNotExact',
  /** `first`, `second`: two fields of which one is required. */
  'problem.neitherGiven',
  'problem.hostPort',
  'problem.currencyCode',
] as const;

export type IssueTextCode = (typeof ISSUE_TEXT_CODES)[number];

/** A coded issue text; as a schema's message (`problem.*`), it is the problem of the field the schema checks. */
export const issueText = codedTextOf(ISSUE_TEXT_CODES);

/** The parameters of these codes that quote the supplier's data (a field's path, a value it sent): never translated. */
export const ISSUE_DATA_PARAMS: ReadonlySet<string> = new Set([
  'path',
  'expected',
  'minimum',
  'maximum',
  'length',
  'count',
  'format',
  'pattern',
  'prefix',
  'suffix',
  'includes',
  'divisor',
  'keys',
  'value',
  'values',
  'first',
  'second',
]);
