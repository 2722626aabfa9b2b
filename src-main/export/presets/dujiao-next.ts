import type { ExportRowView } from '../row-builder';
import { salePrice, storeCost, storeSku, titleColumnName, titleIn } from './cells';
import { numeric, text, type ExportColumn, type ExportPreset } from './preset';

/*
 * A sheet for a Dujiao-Next shop (one row per sellable SKU), for a merchant who lists the plans on their own
 * Dujiao-Next site. No published Dujiao-Next import format was found to follow, so the columns are named
 * after the fields a Dujiao-Next product and SKU carry (slug, title per locale, price_amount,
 * stock_quantity, is_active; see suppliers/dujiao-next/sim/seed.ts), so each column goes into the admin
 * field of the same name, or into a script against its database, without guessing.
 * Stock follows Dujiao-Next's own convention: -1 is unlimited (also used when no supplier says how many).
 * The upstream ids say where each SKU is bought, for a site that re-sells through its upstream API.
 */

const stockQuantity = (view: ExportRowView) => String(view.quantity ?? -1);
const isActive = (view: ExportRowView) => (view.listing === 'active' ? '1' : '0');

export const dujiaoNextPreset: ExportPreset = {
  id: 'dujiao-next',
  label: 'Dujiao-Next sheet',
  description:
    'One row per sellable SKU with a title column per language, price, cost, stock and the upstream supplier ids.',
  columns(languages) {
    const leading: ExportColumn[] = [text('slug', storeSku), text('sku_code', storeSku)];
    const titles = languages.map((language, index) => text(titleColumnName(language), titleIn(index)));
    const trailing: ExportColumn[] = [
      numeric('price_amount', salePrice),
      numeric('cost_amount', storeCost),
      text('currency', (view) => view.currency),
      numeric('stock_quantity', stockQuantity),
      numeric('is_active', isActive),
      text('upstream_supplier', (view) => view.best?.supplier ?? ''),
      text('upstream_product_id', (view) => view.best?.productId ?? ''),
      text('upstream_sku_id', (view) => view.best?.skuId ?? ''),
    ];
    return [...leading, ...titles, ...trailing];
  },
};
