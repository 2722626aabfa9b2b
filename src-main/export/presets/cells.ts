import Decimal from 'decimal.js';
import { canonicalLocale } from '../../domain/locale';
import { currencyDecimals } from '../../domain/minor-units';
import { countryName, kindLabel, planDescriptionHtml, planSummary } from '../plan-text';
import { chargedPrice, type ExportRowView } from '../row-builder';
import { storeAmount } from '../store-amount';

// Cell values more than one preset writes, so each store sees the same figure the same way.

const amountOrEmpty = (money: { amount: string; currency: string } | null | undefined) =>
  money ? storeAmount(money.amount, money.currency) : '';

/** The product's identity in the store (Shopify handle and SKU, WooCommerce SKU, Dujiao-Next slug). */
export const storeSku = (view: ExportRowView) => view.handle;

export const salePrice = (view: ExportRowView) => chargedPrice(view) ?? '';

/** What the plan costs the merchant, in the export currency: the cost its price is set against. */
export const storeCost = (view: ExportRowView) => amountOrEmpty(view.cost);

/** The supplier's own price, in the supplier's currency. */
export const supplierCost = (view: ExportRowView) => amountOrEmpty(view.best?.cost);

/** Sale price − cost, as written (both in minor units), so the columns of one row always add up. */
export function storeMargin(view: ExportRowView): string {
  const price = salePrice(view);
  const cost = storeCost(view);
  if (!price || !cost) return '';
  return new Decimal(price).minus(cost).toFixed(currencyDecimals(view.currency));
}

/** The margin as a percent of the sale price, one decimal. */
export function storeMarginPercent(view: ExportRowView): string {
  const margin = storeMargin(view);
  const price = salePrice(view);
  if (!margin || new Decimal(price).isZero()) return '';
  return new Decimal(margin).div(price).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);
}

export const trackedQuantity = (view: ExportRowView) => (view.quantity === null ? '' : String(view.quantity));

/** `title_en`, `title_zh-CN`: one column per language, named by its canonical tag. */
export const titleColumnName = (language: string) => `title_${canonicalLocale(language)}`;

export const titleIn = (index: number) => (view: ExportRowView) => view.titles[index] ?? '';

/** The store's product title: never empty while any supplier has a title. */
export const mainTitle = (view: ExportRowView) => view.mainTitle;

/** The language of the store's product texts: the first one asked for. */
export const mainLanguage = (view: ExportRowView) => view.languages[0] ?? 'en';

export const kindName = (view: ExportRowView) => kindLabel(view.row.kind, mainLanguage(view));

export const descriptionHtml = (view: ExportRowView) => planDescriptionHtml(view.row.attributes, mainLanguage(view));

export const summaryLine = (view: ExportRowView) => planSummary(view.row.attributes, mainLanguage(view));

/** Tags a shopper can filter on: the kind and every country covered, in the main language, comma-separated. */
export function storeTags(view: ExportRowView): string {
  const language = mainLanguage(view);
  const countries =
    view.row.attributes.type === 'plan' ? view.row.attributes.countries.map((code) => countryName(code, language)) : [];
  return [kindLabel(view.row.kind, language), ...countries].join(', ');
}
