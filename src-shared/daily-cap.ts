import { isDecimalString } from '../src-main/domain/money';

/** A cap as the merchant types it: a non-negative decimal, or empty/"off" for none. */
export function parseCap(text: string | null): string | null {
  if (text === null) return null;
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'off') return null;
  if (!isDecimalString(trimmed) || trimmed.startsWith('-'))
    throw new Error(`the daily spending cap must be an amount such as 50 or 49.90, or "off"; got "${text}"`);
  return trimmed;
}
