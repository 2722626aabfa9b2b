import type { ExportRowView } from '../row-builder';
import {
  descriptionHtml,
  mainTitle,
  kindName,
  salePrice,
  storeCost,
  storeSku,
  storeTags,
  trackedQuantity,
} from './cells';
import { constant, numeric, text, type ExportColumn, type ExportPreset } from './preset';

/*
 * Shopify's product CSV. Column names and values from Shopify Help, "Using CSV files to import and export
 * products" (https://help.shopify.com/en/manual/products/import-export/using-csv) and the sample file
 * product_template.csv linked there, in the copy consulted when this preset was written. That page renamed
 * the columns in 2024 ("Handle" → "URL handle", "Body (HTML)" → "Description", "Variant SKU" → "SKU",
 * "Variant Inventory Qty" → "Inventory quantity", …); the older names are still what many apps and older
 * guides expect (the Korean and beta versions of the same page still list them), so `shopify-legacy`
 * writes the same cells under those names.
 *
 * A column is written only when SupplyGrid knows its value. Shopify leaves a column that is absent from the
 * file untouched when it overwrites a product, but resets one that is present: so Vendor, Product category,
 * Charge tax, images, SEO and Google Shopping (the merchant's own settings, or Shopify's defaults) are left
 * out, and a re-import to update prices never wipes them. The one deliberate blank is the compare-at price:
 * a leftover "was" price from an old promotion would advertise a discount against a price we no longer charge.
 *
 * One plan = one product with one variant, so the option is Shopify's convention for that: Title / Default Title.
 * eSIMs and codes are delivered digitally: no shipping, fulfilled by the merchant ("manual").
 */

const published = (view: ExportRowView) => (view.listing === 'active' ? 'TRUE' : 'FALSE');

// Untracked (blank) when no supplier says how many: Shopify then never marks the product sold out by itself.
const inventoryTracker = (view: ExportRowView) => (view.quantity === null ? '' : 'shopify');

const listingStatus = (view: ExportRowView) => view.listing;

const shopifyColumns: ExportColumn[] = [
  text('Title', mainTitle),
  text('URL handle', storeSku),
  text('Description', descriptionHtml),
  text('Type', kindName),
  text('Tags', storeTags),
  text('Published on online store', published),
  text('Status', listingStatus),
  text('SKU', storeSku),
  constant('Option1 name', 'Title'),
  constant('Option1 value', 'Default Title'),
  numeric('Price', salePrice),
  constant('Compare-at price', ''),
  numeric('Cost per item', storeCost),
  text('Inventory tracker', inventoryTracker),
  numeric('Inventory quantity', trackedQuantity),
  constant('Continue selling when out of stock', 'DENY'),
  constant('Requires shipping', 'FALSE'),
  constant('Fulfillment service', 'manual'),
];

const legacyColumns: ExportColumn[] = [
  text('Handle', storeSku),
  text('Title', mainTitle),
  text('Body (HTML)', descriptionHtml),
  text('Type', kindName),
  text('Tags', storeTags),
  text('Published', published),
  constant('Option1 Name', 'Title'),
  constant('Option1 Value', 'Default Title'),
  text('Variant SKU', storeSku),
  text('Variant Inventory Tracker', inventoryTracker),
  numeric('Variant Inventory Qty', trackedQuantity),
  constant('Variant Inventory Policy', 'deny'),
  constant('Variant Fulfillment Service', 'manual'),
  numeric('Variant Price', salePrice),
  constant('Variant Compare At Price', ''),
  constant('Variant Requires Shipping', 'FALSE'),
  numeric('Cost per item', storeCost),
  text('Status', listingStatus),
];

export const shopifyPreset: ExportPreset = {
  id: 'shopify',
  label: 'Shopify products CSV',
  description:
    "Shopify's current product import template (URL handle, Description, Price, Inventory quantity, Status…).",
  columns: () => shopifyColumns,
};

export const shopifyLegacyPreset: ExportPreset = {
  id: 'shopify-legacy',
  label: 'Shopify products CSV (classic column names)',
  description:
    'The same sheet under the pre-2024 names (Handle, Body (HTML), Variant SKU, Variant Price…), for apps that expect them.',
  columns: () => legacyColumns,
};
