import Decimal from 'decimal.js';
import { canonicalLocale } from '../../domain/locale';
import { countryName, kindLabel, planDescriptionHtml, planSummary } from '../plan-text';
import type { ExportRowView } from '../row-builder';

// Cell values more than one preset writes, so each store sees the same figure the same way.

const minorUnits = new Map<string, number>();

/** Digits after the point a currency is priced in (USD 2, JPY 0, KWD 3), from the runtime's ICU data. */
export function currencyDecimals(currency: string): number {
  let digits = minorUnits.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    minorUnits.set(currency, digits);
  }
  return digits;
}

/**
 * An amount a store can take as a price: rounded half-up to the currency's minor unit. Only costs need it
 * (converted costs carry six decimals); sale prices are already rounded by the merchant's rules.
 */
export function storeAmount(amount: string, currency: string): string {
  const places = currencyDecimals(currency);
  return new Decimal(amount).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}

/** The product's identity in the store (Shopify handle and SKU, WooCommerce SKU, Dujiao-Next slug). */
export const storeSku = (view: ExportRowView) => view.handle;

export const salePrice = (view: ExportRowView) => view.price ?? '';

export const storeCost = (view: ExportRowView) => (view.row.bestCost ? storeAmount(view.row.bestCost.amount, view.row.bestCost.currency) : '');

export const trackedQuantity = (view: ExportRowView) => (view.quantity === null ? '' : String(view.quantity));

/** `title_en`, `title_zh-CN`: one column per language, named by its canonical tag. */
export const titleColumnName = (language: string) => `title_${canonicalLocale(language)}`;

export const titleIn = (index: number) => (view: ExportRowView) => view.titles[index] ?? '';

/** The language of the store's product texts: the first one asked for. */
export const mainLanguage = (view: ExportRowView) => view.languages[0] ?? 'en';

export const kindName = (view: ExportRowView) => kindLabel(view.row.kind, mainLanguage(view));

export const descriptionHtml = (view: ExportRowView) => planDescriptionHtml(view.row.attributes, mainLanguage(view));

export const summaryLine = (view: ExportRowView) => planSummary(view.row.attributes, mainLanguage(view));

/** Tags a shopper can filter on: the kind and every country covered, in the main language, comma-separated. */
export function storeTags(view: ExportRowView): string {
  const language = mainLanguage(view);
  const countries = view.row.attributes.type === 'plan' ? view.row.attributes.countries.map((code) => countryName(code, language)) : [];
  return [kindLabel(view.row.kind, language), ...countries].join(', ');
}
