const minorUnits = new Map<string, number>();

/** Digits after the point a currency is priced in (USD 2, JPY 0, KWD 3), from the runtime's ICU data. */
export function currencyDecimals(currency: string): number {
  let digits = minorUnits.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    minorUnits.set(currency, digits);
  }
  return digits;
}
