import type { ExportRowView } from '../row-builder';
import { stockToken } from '../row-stock';
import {
  mainTitle,
  salePrice,
  storeCost,
  storeMargin,
  storeMarginPercent,
  storeSku,
  supplierCost,
  titleColumnName,
  titleIn,
  trackedQuantity,
} from './cells';
import { numeric, text, type ExportColumn, type ExportPreset } from './preset';
import { storeAmount } from '../store-amount';

// Everything the grid knows about a row, in plain snake_case columns, amounts in each currency's minor unit
// (the exact ones stay in the database): for the merchant's own spreadsheets and for stores without a preset of their own.

const planFact =
  <T>(
    read: (attributes: Extract<ExportRowView['row']['attributes'], { type: 'plan' }>) => T,
    format: (value: T) => string,
  ) =>
  (view: ExportRowView) =>
    view.row.attributes.type === 'plan' ? format(read(view.row.attributes)) : '';
const goodsFact =
  (read: (attributes: Extract<ExportRowView['row']['attributes'], { type: 'goods' }>) => string) =>
  (view: ExportRowView) => (view.row.attributes.type === 'goods' ? read(view.row.attributes) : '');
const flag = (value: boolean) => (value ? 'true' : 'false');
const orEmpty = (value: number | null) => (value === null ? '' : String(value));

export const genericPreset: ExportPreset = {
  id: 'generic',
  label: 'Generic CSV',
  description:
    'Every column the grid has: attributes, best supplier, original and converted cost, price, margin, stock, titles in each language.',
  columns(languages) {
    const columns: ExportColumn[] = [
      text('title', mainTitle),
      text('plan_key', (v) => v.row.planKey),
      text('sku', storeSku),
      text('kind', (v) => v.row.kind),
      text(
        'countries',
        planFact(
          (a) => a.countries,
          (countries) => countries.join(', '),
        ),
      ),
      numeric(
        'data_mb',
        planFact((a) => a.dataMB, orEmpty),
      ),
      text(
        'unlimited',
        planFact((a) => a.unlimited, flag),
      ),
      text(
        'per_day',
        planFact((a) => a.perDay, flag),
      ),
      numeric(
        'days',
        planFact((a) => a.days, orEmpty),
      ),
      text(
        'goods_name',
        goodsFact((a) => a.name),
      ),
      numeric(
        'face_value',
        goodsFact((a) => (a.faceValue ? storeAmount(a.faceValue.amount, a.faceValue.currency) : '')),
      ),
      text(
        'face_value_currency',
        goodsFact((a) => a.faceValue?.currency ?? ''),
      ),
      text('best_supplier', (v) => v.best?.supplier ?? ''),
      text('upstream_product_id', (v) => v.best?.productId ?? ''),
      text('upstream_sku_id', (v) => v.best?.skuId ?? ''),
      text('upstream_variant', (v) => v.best?.variant ?? ''),
      numeric('cost', supplierCost),
      text('cost_currency', (v) => v.best?.cost.currency ?? ''),
      numeric('converted_cost', storeCost),
      text('converted_currency', (v) => v.cost?.currency ?? ''),
      numeric('sale_price', salePrice),
      text('sale_currency', (v) => (v.price === null ? '' : v.currency)),
      numeric('margin', storeMargin),
      numeric('margin_percent', storeMarginPercent),
      text('stock', (v) => stockToken(v.stock)),
      numeric('stock_quantity', trackedQuantity),
      text('status', (v) => v.listing),
      numeric('suppliers', (v) => String(new Set(v.row.offers.map((o) => o.supplier)).size)),
      text('changes', (v) => v.row.changes.join(', ')),
    ];
    return [...columns, ...languages.map((language, index) => text(titleColumnName(language), titleIn(index)))];
  },
};
