import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { codedText, decodeCodedIssue, wordCodedText } from '../../src-shared/coded-issue';
import { ISSUE_TEXT_CODES } from '../../src-shared/issue-codes';
import { issueAsText, issuesText } from '../../src-main/suppliers/shared/issue-text';
import { decimalAmount, isoCurrency } from '../../src-main/suppliers/shared/decimal-schema';
import { translator } from '../../src-renderer/i18n/fill-template';
import { problemsDictionary } from '../../src-renderer/i18n/problems';

const en = translator(problemsDictionary.en);
const zh = translator(problemsDictionary['zh-CN']);

function failure(schema: z.ZodType, input: unknown, reportInput = true): z.ZodError {
  const parsed = schema.safeParse(input, { reportInput });
  if (parsed.success) throw new Error(`expected ${JSON.stringify(input)} to fail`);
  return parsed.error;
}

const inBoth = (text: string) => ({ en: wordCodedText(text, en), zh: wordCodedText(text, zh) });

/** Every code in a coded text, its coded parameters' included. */
function codesIn(text: string): string[] {
  return text.split(/;\s+/).flatMap((part) => {
    const coded = decodeCodedIssue(part);
    if (!coded) return [];
    return [
      coded.code,
      ...Object.values(coded.params).flatMap((value) => (value.startsWith('@') ? codesIn(value) : [])),
    ];
  });
}

/**
 * The coded text with every value it carries (a supplier's field path, key or value, and our numbers) replaced by a
 * neutral "x": what is left to word is our templates alone, so a supplier's key that itself reads "{0}" can neither
 * pass for an unfilled placeholder nor hide one.
 */
function neutralized(text: string): string {
  return text
    .split(/;\s+/)
    .map((part) => {
      const coded = decodeCodedIssue(part);
      if (!coded) return part;
      const params = Object.fromEntries(
        Object.entries(coded.params).map(([name, value]) => [name, value.startsWith('@') ? neutralized(value) : 'x']),
      );
      return codedText(coded.code, params);
    })
    .join('; ');
}

/** Worded in both languages: every code it holds has words in each, and every placeholder of ours is filled. */
function expectWordedInBoth(text: string) {
  const codes = codesIn(text);
  expect(codes.length, text).toBeGreaterThan(0);
  for (const code of codes) {
    expect(ISSUE_TEXT_CODES, code).toContain(code);
    expect(problemsDictionary.en[code], `${code} in English`).toBeTruthy();
    expect(problemsDictionary['zh-CN'][code], `${code} in Chinese`).toBeTruthy();
  }
  for (const worded of Object.values(inBoth(neutralized(text)))) expect(worded, text).not.toMatch(/\{\w+\}/);
  for (const worded of Object.values(inBoth(text))) expect(worded, text).not.toMatch(/@(issue|problem)\./);
}

describe("a zod issue as a code: the field's path as sent, the problem worded", () => {
  it('names the field and the type expected, in English and Chinese', () => {
    const text = issuesText(failure(z.object({ price: z.number() }), { price: 'free' }));
    expect(decodeCodedIssue(text)).toEqual({
      code: 'issue.field',
      params: { path: 'price', problem: '@problem.type.number' },
    });
    expect(inBoth(text)).toEqual({ en: 'field price: a number was expected', zh: '字段 price：应为数字' });
  });

  it('says a field is missing when the input was reported, and only expects a type when it was not', () => {
    const schema = z.object({ product: z.object({ title: z.string() }) });
    expect(inBoth(issuesText(failure(schema, { product: {} })))).toEqual({
      en: 'field product.title: missing',
      zh: '字段 product.title：缺失',
    });
    expect(wordCodedText(issuesText(failure(schema, { product: {} }, false)), en)).toBe(
      'field product.title: a text was expected',
    );
  });

  it("keeps a supplier's field or key that looks like one of our codes as the supplier's own text", () => {
    // A JSON-LD style key ("@type") would otherwise be worded as a code of ours, and its name lost.
    expect(inBoth(issuesText(failure(z.record(z.string(), z.number()), { '@type': [] })))).toEqual({
      en: 'field "@type": a number was expected',
      zh: '字段 "@type"：应为数字',
    });
    expect(wordCodedText(issuesText(failure(z.strictObject({}), { '@id': 1 })), en)).toContain('"@id"');
  });

  it("shows a supplier's key that reads like a placeholder as it was sent, not filled in", () => {
    // Not "{keys}" itself: the template left unfilled would read the same.
    expect(inBoth(issuesText(failure(z.strictObject({}), { 'a{keys}b': 1 })))).toEqual({
      en: 'the item: has keys that do not belong: a{keys}b',
      zh: '整条数据：含有不应出现的键：a{keys}b',
    });
  });

  it('words a problem of the whole item, and at most three issues', () => {
    expect(inBoth(issuesText(failure(z.object({ id: z.number() }), 'text')))).toEqual({
      en: 'the item: an object was expected',
      zh: '整条数据：应为对象',
    });
    const many = failure(z.object({ a: z.string(), b: z.string(), c: z.string(), d: z.string() }), {});
    expect(wordCodedText(issuesText(many), en)).toBe('field a: missing; field b: missing; field c: missing');
  });

  it("takes a schema's coded message as the problem, with the value the supplier sent", () => {
    const schema = z.object({ unit_price: decimalAmount, currency: isoCurrency });
    expect(inBoth(issuesText(failure(schema, { unit_price: 'n/a', currency: 'dollars' })))).toEqual({
      en: 'field unit_price: not a decimal amount: "n/a"; field currency: not an ISO 4217 currency code: "dollars"',
      zh: '字段 unit_price：不是十进制金额："n/a"; 字段 currency：不是 ISO 4217 货币代码："dollars"',
    });
  });

  it('states bounds as limits of a value, a length or a count, a length of one as "not empty"', () => {
    const word = (schema: z.ZodType, input: unknown) => wordCodedText(issuesText(failure(schema, input)), en);
    expect(word(z.number().min(1), 0)).toBe('the item: must be at least 1');
    expect(word(z.number().positive(), 0)).toBe('the item: must be more than 0');
    expect(word(z.number().lt(10), 10)).toBe('the item: must be less than 10');
    expect(word(z.string().min(1), '')).toBe('the item: must not be empty');
    expect(word(z.string().max(3), 'abcd')).toBe('the item: must have at most 3 characters');
    expect(word(z.string().length(2), 'a')).toBe('the item: must have exactly 2 characters');
    expect(word(z.array(z.string()).min(2), ['a'])).toBe('the item: must have at least 2 entries');
    expect(word(z.int(), 1.5)).toBe('the item: a whole number was expected');
  });

  it('quotes the values allowed, the keys not allowed, the pattern not matched', () => {
    const word = (schema: z.ZodType, input: unknown) => inBoth(issuesText(failure(schema, input))).zh;
    expect(word(z.object({ stock: z.enum(['in', 'out']) }), { stock: 'plenty' })).toBe(
      '字段 stock：必须是以下之一："in", "out"',
    );
    expect(word(z.literal(3), 4)).toBe('整条数据：必须为 3');
    expect(word(z.strictObject({}), { extra: 1 })).toBe('整条数据：含有不应出现的键：extra');
    expect(word(z.string().regex(/^\d+$/), 'x')).toBe('整条数据：不符合格式 /^\\d+$/');
    const kind = z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })]);
    expect(word(kind, { kind: 'c' })).toBe('字段 kind：必须是以下之一："a", "b"');
  });
});

/** Schemas that between them make zod raise every issue code it has, each check and type of it. */
const SCHEMAS: z.ZodType[] = [
  z.string(),
  z.number(),
  z.int(),
  z.boolean(),
  z.bigint(),
  z.symbol(),
  z.undefined(),
  z.void(),
  z.null(),
  z.nan(),
  z.never(),
  z.date(),
  z.date().min(new Date('2026-01-01')),
  z.file(),
  z.array(z.number()).min(2).max(3),
  z.array(z.string()).length(2),
  z.tuple([z.string(), z.number()]),
  z.set(z.string()).min(1),
  z.map(z.string(), z.number()),
  z.map(z.object({ id: z.string() }), z.number()),
  z.set(z.number()),
  z.record(z.string().min(2), z.number()),
  z.record(z.enum(['a', 'b']), z.number()),
  z.strictObject({ id: z.string() }),
  z.object({ price: decimalAmount, currency: isoCurrency, nested: z.object({ n: z.number().nonnegative() }) }),
  z.object({ id: z.number() }).required(),
  z.string().min(3).max(5),
  z.string().length(4),
  z.number().min(1).max(9),
  z.number().gt(0).lt(10),
  z.number().multipleOf(3),
  z.bigint().min(5n),
  z.email(),
  z.url(),
  z.uuid(),
  z.guid(),
  z.iso.datetime(),
  z.iso.date(),
  z.iso.time(),
  z.iso.duration(),
  z.ipv4(),
  z.ipv6(),
  z.cidrv4(),
  z.cidrv6(),
  z.base64(),
  z.base64url(),
  z.e164(),
  z.emoji(),
  z.nanoid(),
  z.cuid(),
  z.cuid2(),
  z.ulid(),
  z.xid(),
  z.ksuid(),
  z.jwt(),
  z.hostname(),
  z.hex(),
  z.string().regex(/^\d+$/),
  z.string().startsWith('LPA:'),
  z.string().endsWith('.png'),
  z.string().includes('$'),
  z.string().lowercase(),
  z.string().uppercase(),
  z.union([z.string(), z.number()]),
  z.xor([z.string(), z.string().min(1)]),
  z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })]),
  z.literal('esim'),
  z.enum(['in', 'out', 'low']),
  z.custom<string>((value) => typeof value === 'string'),
  z.string().refine((value) => value.trim() !== '', 'plain English the merchant must not see'),
  z.string().optional().nonoptional(),
];

/** Values that fail the schemas above in each of their ways, beside whatever fast-check makes up. */
const TARGETED: unknown[] = [
  undefined,
  null,
  '',
  'a',
  'abcdef',
  'ABC',
  'abc',
  '12',
  'x y',
  '-1',
  0,
  -1,
  1.5,
  4,
  11,
  NaN,
  4n,
  true,
  [],
  ['a'],
  [1, 2, 3, 4],
  new Set(),
  new Set([1]),
  new Map([['a', 'b']]),
  new Map([[{ id: 1 }, 'b']]),
  new Date('2020-01-01'),
  {},
  { id: 1, extra: true },
  { a: 'x', c: 1 },
  { price: 'free', currency: 'dollars', nested: { n: -1 } },
  { kind: 'c' },
];

describe('every issue zod can raise is worded in both languages', () => {
  it('for any value against any of the schemas (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMAS),
        fc.oneof(fc.constantFrom(...TARGETED), fc.anything()),
        fc.boolean(),
        (schema, input, reportInput) => {
          const parsed = schema.safeParse(input, { reportInput });
          if (!parsed.success) for (const issue of parsed.error.issues) expectWordedInBoth(issueAsText(issue));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the schemas above do make zod raise every one of its issue codes', () => {
    const raised = new Set<string>();
    for (const schema of SCHEMAS)
      for (const input of TARGETED) {
        const parsed = schema.safeParse(input);
        if (!parsed.success) for (const issue of parsed.error.issues) raised.add(issue.code);
      }
    expect([...raised].sort()).toEqual([
      'custom',
      'invalid_element',
      'invalid_format',
      'invalid_key',
      'invalid_type',
      'invalid_union',
      'invalid_value',
      'not_multiple_of',
      'too_big',
      'too_small',
      'unrecognized_keys',
    ]);
  });

  it('for every type zod names and every string format it checks, including ones it may add', () => {
    const types = [
      ...['string', 'number', 'int', 'boolean', 'bigint', 'symbol', 'undefined', 'null', 'never', 'void'],
      ...['date', 'array', 'object', 'tuple', 'record', 'map', 'set', 'file', 'nonoptional', 'nan', 'function'],
      ...['promise', 'a-type-of-tomorrow'],
    ];
    for (const expected of types)
      expectWordedInBoth(issueAsText({ code: 'invalid_type', expected, path: ['x'], message: '' }));
    const formats = [
      ...['email', 'url', 'emoji', 'uuid', 'guid', 'nanoid', 'cuid', 'cuid2', 'ulid', 'xid', 'ksuid', 'datetime'],
      ...['date', 'time', 'duration', 'ipv4', 'ipv6', 'cidrv4', 'cidrv6', 'base64', 'base64url', 'json_string'],
      ...['e164', 'lowercase', 'uppercase', 'regex', 'jwt', 'starts_with', 'ends_with', 'includes', 'mac', 'hash'],
    ];
    for (const format of formats)
      expectWordedInBoth(
        issueAsText({
          code: 'invalid_format',
          format,
          pattern: '^x$',
          prefix: 'p',
          suffix: 's',
          includes: 'i',
          path: [],
          message: '',
        } as z.core.$ZodIssue),
      );
    expectWordedInBoth(issueAsText({ code: 'a_code_of_tomorrow', path: [], message: 'English' } as never));
  });
});
