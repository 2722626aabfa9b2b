import { z } from 'zod';
import { isIsoCurrency, toDecimalString } from '../../domain/money';
import { issueText } from '../../../src-shared/issue-codes';

/**
 * A money amount as suppliers send it — a decimal string, or a JSON number — validated and kept as the decimal
 * text it was written as, never as a float.
 */
export const decimalAmount = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    return toDecimalString(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: issueText('problem.notDecimal', { value: JSON.stringify(value) }) });
    return z.NEVER;
  }
});

/** The same check for an upstream that sends every value as a string. */
export function decimalFrom<T extends z.ZodType<string>>(text: T) {
  return text.transform((value, ctx) => {
    try {
      return toDecimalString(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: issueText('problem.notDecimal', { value: JSON.stringify(value) }) });
      return z.NEVER;
    }
  });
}

/**
 * A currency as suppliers send it ("usd", " CNY"), upper-cased and accepted only when it is an ISO 4217 code:
 * it ends up in stored offers, the grid and every export file, so anything else is refused on arrival.
 */
export const isoCurrency = z.string().transform((value, ctx) => {
  const code = value.trim().toUpperCase();
  if (!isIsoCurrency(code)) {
    ctx.addIssue({
      code: 'custom',
      message: issueText('problem.notCurrency', { value: JSON.stringify(value.slice(0, 40)) }),
    });
    return z.NEVER;
  }
  return code;
});
