import { z } from 'zod';
import { toDecimalString } from '../../domain/money';

/**
 * A money amount as suppliers send it — a decimal string, or a JSON number — validated and kept as the decimal
 * text it was written as, never as a float.
 */
export const decimalAmount = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    return toDecimalString(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `not a decimal amount: ${JSON.stringify(value)}` });
    return z.NEVER;
  }
});

/** The same check for an upstream that sends every value as a string. */
export function decimalFrom<T extends z.ZodType<string>>(text: T) {
  return text.transform((value, ctx) => {
    try {
      return toDecimalString(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `not a decimal amount: ${JSON.stringify(value)}` });
      return z.NEVER;
    }
  });
}
