import type { ExportRowView } from '../row-builder';
import {
  descriptionHtml,
  mainTitle,
  kindName,
  salePrice,
  storeSku,
  storeTags,
  summaryLine,
  trackedQuantity,
} from './cells';
import { constant, numeric, text, type ExportPreset } from './preset';

/*
 * WooCommerce's built-in product CSV importer (Products → Import). Column names from WooCommerce's own
 * source, in the copy consulted when this preset was written: the default columns of
 * WC_Product_CSV_Exporter::get_default_column_names() (plugins/woocommerce/includes/export/
 * class-wc-product-csv-exporter.php), which the importer's auto-mapping recognizes by the same names; values
 * as the importer parses them (plugins/woocommerce/includes/import/class-wc-product-csv-importer.php):
 *   Published: 1 = published, 0 = private, -1 = draft (so a hidden sold-out plan is -1, not 0, which would
 *   make it private: still visible to shop managers, and "private" is not what the merchant chose).
 *   In stock?: 1 / 0. Stock: a number turns stock management on; empty turns it off.
 *   Type: a comma list, where "virtual" marks a product that needs no shipping.
 *   ID empty: the importer then finds an existing product by SKU, so re-imports update in place.
 *
 * As for Shopify, only columns SupplyGrid knows are written: the importer overwrites every mapped column, so
 * "Is featured?", "Visibility in catalog", tax, images and reviews (the merchant's settings, or the defaults
 * WooCommerce applies anyway) are left out. "Sale price" is written empty on purpose: in WooCommerce it is
 * a discount price that overrides the regular one, and a stale one would sell below the price we set.
 */

const published = (view: ExportRowView) => (view.listing === 'active' ? '1' : '-1');
const inStock = (view: ExportRowView) => (view.stock.state === 'out' ? '0' : '1');

const columns = [
  constant('ID', ''),
  constant('Type', 'simple, virtual'),
  text('SKU', storeSku),
  text('Name', mainTitle),
  numeric('Published', published),
  text('Short description', summaryLine),
  text('Description', descriptionHtml),
  numeric('In stock?', inStock),
  numeric('Stock', trackedQuantity),
  constant('Backorders allowed?', '0'),
  constant('Sale price', ''),
  numeric('Regular price', salePrice),
  text('Categories', kindName),
  text('Tags', storeTags),
];

export const woocommercePreset: ExportPreset = {
  id: 'woocommerce',
  label: 'WooCommerce products CSV',
  description: "For WooCommerce's built-in importer (Products → Import): simple virtual products matched by SKU.",
  columns: () => columns,
};
