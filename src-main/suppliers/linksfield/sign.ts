import { md5Hex } from '../shared/digest';

/**
 * Linksfield Mall / Vshop signing: md5 (lowercase hex) of the compact JSON of every non-empty parameter
 * except `sign`, keys sorted, non-ASCII left as UTF-8. No secret is involved.
 *
 * The FMS (eSIM QR Mall) endpoints this supplier uses authenticate with a login token and are not documented
 * as signed, so nothing sends this yet; it is kept for the Mall endpoints the orders work may need.
 */
export function mallSignContent(params: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(params)
    .filter((key) => key !== 'sign' && !isEmpty(params[key]))
    .sort();
  // Built by hand: an object literal would move integer-like keys ahead of the others and break the order.
  return `{${keys.map((key) => `${JSON.stringify(key)}:${JSON.stringify(params[key])}`).join(',')}}`;
}

export function mallSign(params: Readonly<Record<string, unknown>>): string {
  return md5Hex(mallSignContent(params));
}

/** The parameters as sent: signed over exactly these values. */
export function withMallSign<T extends Record<string, unknown>>(params: T): T & { sign: string } {
  return { ...params, sign: mallSign(params) };
}

// The vendor's rule says "non-null" in one place and "non-empty" in another; an empty string is left out
// too, since a field the sender left blank is one the server cannot have signed differently.
function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}
