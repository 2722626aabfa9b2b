import { z } from 'zod';
import { compareAmounts } from '../money';
import { CHARM_ENDING } from './rounding';
import type { RuleSet } from './rules';

/**
 * The rules file (`supplygrid rules set --file rules.json`). Amounts are decimal strings, never JSON
 * numbers: a number has already been through a binary float by the time we see it. Objects are strict so
 * a misspelt field ("percentage") is an error rather than a silently ignored markup.
 */

const DECIMAL = /^-?\d+(\.\d+)?$/;

const DECIMAL_HINT = 'a decimal string such as "12.5" (quoted, so it stays exact)';
const decimal = () =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined ? 'is required' : `must be ${DECIMAL_HINT}, got ${describeValue(issue.input)}`,
    })
    .regex(DECIMAL, { error: (issue) => `must be ${DECIMAL_HINT}, got ${JSON.stringify(issue.input)}` });

const positiveDecimal = () =>
  decimal().refine((value) => !/^-/.test(value) && /[1-9]/.test(value), { error: 'must be greater than 0' });

const id = () => z.string().min(1, { error: 'must not be empty' });

const currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, {
    error: (issue) => `must be a 3-letter currency code such as "USD", got ${JSON.stringify(issue.input)}`,
  });

const offerTarget = {
  supplierId: id(),
  productId: id(),
  skuId: id(),
  // '' is the usual variant: most SKUs have only one offer.
  variant: z.string(),
};

const scopeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('all') }),
  z.strictObject({ type: z.literal('supplier'), supplierId: id() }),
  z.strictObject({ type: z.literal('category'), supplierId: id(), categoryId: id() }),
  z.strictObject({ type: z.literal('plan'), planKey: id() }),
  z.strictObject({ type: z.literal('offer'), ...offerTarget }),
]);

const roundingSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({ mode: z.literal('up'), step: positiveDecimal() }),
  z.strictObject({
    mode: z.literal('charm'),
    ending: z.string().regex(CHARM_ENDING, {
      error: (issue) => `must be a fractional ending such as ".99", ".49" or ".9", got ${JSON.stringify(issue.input)}`,
    }),
  }),
]);

const costRangeSchema = z
  .strictObject({ min: decimal().optional(), max: decimal().optional() })
  .refine((range) => range.min === undefined || range.max === undefined || compareAmounts(range.min, range.max) < 0, {
    error: 'min must be below max (min is inclusive, max exclusive)',
  });

const ruleSchema = z
  .strictObject({
    id: id(),
    name: z.string().optional(),
    scope: scopeSchema,
    costRange: costRangeSchema.optional(),
    percent: decimal().optional(),
    fixed: decimal().optional(),
    minMargin: decimal().optional(),
    rounding: roundingSchema,
  })
  .refine((rule) => rule.percent !== undefined || rule.fixed !== undefined, {
    error: 'give percent or fixed (or both); use "percent": "0" to sell at cost',
    path: ['percent'],
  });

const lockSchema = z.strictObject({
  target: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('plan'), planKey: id() }),
    z.strictObject({ type: z.literal('offer'), ...offerTarget }),
  ]),
  price: z.strictObject({ amount: decimal(), currency }),
  note: z.string().optional(),
});

export const ruleSetSchema = z
  .strictObject({
    currency,
    rules: z.array(ruleSchema).default([]),
    locks: z.array(lockSchema).default([]),
  })
  .superRefine((set, ctx) => {
    const ids = new Map<string, number>();
    set.rules.forEach((rule, index) => {
      const first = ids.get(rule.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'id'],
          message: `id "${rule.id}" is already used by rules[${first}]`,
        });
      } else ids.set(rule.id, index);
    });
    const targets = new Map<string, number>();
    set.locks.forEach((lock, index) => {
      if (lock.price.currency !== set.currency) {
        ctx.addIssue({
          code: 'custom',
          path: ['locks', index, 'price', 'currency'],
          message: `must be the rule set currency ${set.currency}, got ${lock.price.currency}`,
        });
      }
      const key = JSON.stringify(lock.target);
      const first = targets.get(key);
      // Two locks on one target would make the price depend on their order in the file.
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['locks', index, 'target'],
          message: `locks the same ${lock.target.type} as locks[${first}]`,
        });
      } else targets.set(key, index);
    });
  });

/** Validates a parsed rules file; the error lists every problem, each naming the rule (index and id) and field. */
export function parseRuleSet(json: unknown): RuleSet {
  const parsed = ruleSetSchema.safeParse(json, { error: readableIssue });
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${where(issue.path, json)}: ${issue.message}`);
  const shown = lines.slice(0, MAX_LISTED);
  if (lines.length > MAX_LISTED) shown.push(`  … and ${lines.length - MAX_LISTED} more`);
  throw new Error(`invalid rule set (${lines.length} problem${lines.length === 1 ? '' : 's'}):\n${shown.join('\n')}`);
}

const MAX_LISTED = 10;

/** Zod's defaults ("Invalid input") say nothing a merchant can act on; these name what was expected. */
function readableIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${article(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const options = (issue.options as unknown[] | undefined) ?? [];
        return `must be one of ${options.map((option) => JSON.stringify(option)).join(', ')}`;
      }
      return undefined;
    case 'invalid_value':
      return `must be ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    default:
      return undefined;
  }
}

/** "rules[2] (id "asia") scope.supplierId" — the id is read from the raw input, since the rule did not parse. */
function where(path: readonly PropertyKey[], json: unknown): string {
  if (path.length === 0) return '(file)';
  let text = '';
  let separator = '';
  let node: unknown = json;
  path.forEach((segment, index) => {
    text += typeof segment === 'number' ? `[${segment}]` : `${separator}${String(segment)}`;
    separator = '.';
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
    if (index === 1 && path[0] === 'rules' && node && typeof node === 'object') {
      const ruleId = (node as { id?: unknown }).id;
      if (typeof ruleId === 'string' && ruleId) {
        text += ` (id "${ruleId}")`;
        separator = ' ';
      }
    }
  });
  return text;
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}
