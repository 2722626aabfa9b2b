import { describe, expect, it } from 'vitest';
import { EXPORT_PRESETS, exportPreset } from '../../src-main/export/presets/registry';
import { buildCells } from '../../src-main/export/presets/preset';
import { buildRowView, type RowBuildContext } from '../../src-main/export/row-builder';
import { exportPresets } from '../../src-main/export/service';
import type { ExportPresetId, OutOfStockMode } from '../../src-shared/export-types';
import type { PlanRow } from '../../src-shared/grid-types';
import { gridOffer, planRow, soldOutRow } from './export-test-rows';

const LANGUAGES = ['en', 'zh-CN'];

/** One row through a preset, as header → cell. */
function cellsOf(
  presetId: ExportPresetId,
  row: PlanRow,
  context: Partial<RowBuildContext> = {},
  lastSentPrice: string | null = null,
) {
  const columns = exportPreset(presetId).columns(context.languages ?? LANGUAGES);
  const draft = buildRowView(
    row,
    { currency: 'USD', languages: LANGUAGES, outOfStock: 'draft', ...context },
    lastSentPrice,
  );
  if (!draft) return null;
  const cells = buildCells(columns, { ...draft, handle: 'hong-kong-5gb-7-days' });
  return Object.fromEntries(columns.map((column, index) => [column.header, cells[index]]));
}

describe('export presets: header rows', () => {
  it('generic: every useful column, then one title column per language', () => {
    expect(
      exportPreset('generic')
        .columns(LANGUAGES)
        .map((c) => c.header),
    ).toEqual([
      'title',
      'plan_key',
      'sku',
      'kind',
      'countries',
      'data_mb',
      'unlimited',
      'per_day',
      'days',
      'goods_name',
      'face_value',
      'face_value_currency',
      'best_supplier',
      'upstream_product_id',
      'upstream_sku_id',
      'upstream_variant',
      'cost',
      'cost_currency',
      'converted_cost',
      'converted_currency',
      'sale_price',
      'sale_currency',
      'margin',
      'margin_percent',
      'stock',
      'stock_quantity',
      'status',
      'suppliers',
      'changes',
      'title_en',
      'title_zh-CN',
    ]);
  });

  it("shopify: Shopify's current template names", () => {
    expect(
      exportPreset('shopify')
        .columns(LANGUAGES)
        .map((c) => c.header),
    ).toEqual([
      'Title',
      'URL handle',
      'Description',
      'Type',
      'Tags',
      'Published on online store',
      'Status',
      'SKU',
      'Option1 name',
      'Option1 value',
      'Price',
      'Compare-at price',
      'Cost per item',
      'Inventory tracker',
      'Inventory quantity',
      'Continue selling when out of stock',
      'Requires shipping',
      'Fulfillment service',
    ]);
  });

  it('shopify-legacy: the pre-2024 template names, in that template order', () => {
    expect(
      exportPreset('shopify-legacy')
        .columns(LANGUAGES)
        .map((c) => c.header),
    ).toEqual([
      'Handle',
      'Title',
      'Body (HTML)',
      'Type',
      'Tags',
      'Published',
      'Option1 Name',
      'Option1 Value',
      'Variant SKU',
      'Variant Inventory Tracker',
      'Variant Inventory Qty',
      'Variant Inventory Policy',
      'Variant Fulfillment Service',
      'Variant Price',
      'Variant Compare At Price',
      'Variant Requires Shipping',
      'Cost per item',
      'Status',
    ]);
  });

  it("woocommerce: the built-in importer's default column names", () => {
    expect(
      exportPreset('woocommerce')
        .columns(LANGUAGES)
        .map((c) => c.header),
    ).toEqual([
      'ID',
      'Type',
      'SKU',
      'Name',
      'Published',
      'Short description',
      'Description',
      'In stock?',
      'Stock',
      'Backorders allowed?',
      'Sale price',
      'Regular price',
      'Categories',
      'Tags',
    ]);
  });

  it('dujiao-next: one row per SKU with a title column per language', () => {
    expect(
      exportPreset('dujiao-next')
        .columns(['zh-CN', 'en', 'zh-TW'])
        .map((c) => c.header),
    ).toEqual([
      'slug',
      'sku_code',
      'title_zh-CN',
      'title_en',
      'title_zh-TW',
      'price_amount',
      'cost_amount',
      'currency',
      'stock_quantity',
      'is_active',
      'upstream_supplier',
      'upstream_product_id',
      'upstream_sku_id',
    ]);
  });

  it('lists every preset for the UI with its header for the languages asked', () => {
    const infos = exportPresets(['zh-CN']);
    expect(infos.map((p) => p.id)).toEqual(['generic', 'shopify', 'shopify-legacy', 'woocommerce', 'dujiao-next']);
    expect(infos.every((p) => p.label && p.description && p.columns.length > 5)).toBe(true);
    expect(infos.find((p) => p.id === 'dujiao-next')!.columns).toContain('title_zh-CN');
    expect(EXPORT_PRESETS).toHaveLength(5);
  });
});

describe('export presets: cells', () => {
  it('writes a Shopify product a store can import: handle, title, price, cost, tracked quantity', () => {
    const cells = cellsOf('shopify', planRow())!;
    expect(cells).toMatchObject({
      Title: 'Hong Kong 5GB 7 Days',
      'URL handle': 'hong-kong-5gb-7-days',
      Type: 'eSIM',
      Tags: 'eSIM, Hong Kong SAR China',
      'Published on online store': 'TRUE',
      Status: 'active',
      'Option1 name': 'Title',
      'Option1 value': 'Default Title',
      Price: '6.72',
      'Compare-at price': '',
      'Cost per item': '5.60',
      'Inventory tracker': 'shopify',
      'Inventory quantity': '30',
      'Continue selling when out of stock': 'DENY',
      'Requires shipping': 'FALSE',
      'Fulfillment service': 'manual',
    });
    expect(cells.SKU).toBe(cells['URL handle']);
    expect(cells.Description).toBe(
      '<ul><li>Coverage: Hong Kong SAR China</li><li>Data: 5 GB</li><li>Validity: 7 days</li></ul>',
    );
  });

  it('writes the legacy Shopify sheet from the same cells', () => {
    const current = cellsOf('shopify', planRow())!;
    const legacy = cellsOf('shopify-legacy', planRow())!;
    expect(legacy).toMatchObject({
      Handle: current['URL handle'],
      Title: current.Title,
      'Body (HTML)': current.Description,
      Published: 'TRUE',
      'Variant SKU': current.SKU,
      'Variant Inventory Qty': '30',
      'Variant Inventory Policy': 'deny',
      'Variant Price': '6.72',
      'Cost per item': '5.60',
      Status: 'active',
    });
  });

  it('writes WooCommerce simple virtual products matched by SKU, with the price as the regular price', () => {
    expect(cellsOf('woocommerce', planRow())).toMatchObject({
      ID: '',
      Type: 'simple, virtual',
      Name: 'Hong Kong 5GB 7 Days',
      Published: '1',
      'Short description': 'Hong Kong SAR China · 5 GB · 7 days',
      'In stock?': '1',
      Stock: '30',
      'Backorders allowed?': '0',
      'Sale price': '',
      'Regular price': '6.72',
      Categories: 'eSIM',
    });
  });

  it('writes the Dujiao-Next sheet with titles per language and the upstream ids', () => {
    expect(cellsOf('dujiao-next', planRow())).toMatchObject({
      title_en: 'Hong Kong 5GB 7 Days',
      'title_zh-CN': '香港 5GB 7天',
      price_amount: '6.72',
      cost_amount: '5.60',
      currency: 'USD',
      stock_quantity: '30',
      is_active: '1',
      upstream_supplier: 'cn-shop',
      upstream_product_id: '101',
      upstream_sku_id: '1010',
    });
  });

  it("writes every generic column from the grid, amounts in their currency's minor unit", () => {
    expect(cellsOf('generic', planRow())).toEqual({
      title: 'Hong Kong 5GB 7 Days',
      plan_key: 'plan|HK|5120|total|7d',
      sku: 'hong-kong-5gb-7-days',
      kind: 'esim',
      countries: 'HK',
      data_mb: '5120',
      unlimited: 'false',
      per_day: 'false',
      days: '7',
      goods_name: '',
      face_value: '',
      face_value_currency: '',
      best_supplier: 'cn-shop',
      upstream_product_id: '101',
      upstream_sku_id: '1010',
      upstream_variant: '',
      cost: '40.00',
      cost_currency: 'CNY',
      converted_cost: '5.60',
      converted_currency: 'USD',
      sale_price: '6.72',
      sale_currency: 'USD',
      margin: '1.12',
      margin_percent: '16.7',
      stock: '30',
      stock_quantity: '30',
      status: 'active',
      suppliers: '1',
      changes: 'price_down',
      title_en: 'Hong Kong 5GB 7 Days',
      'title_zh-CN': '香港 5GB 7天',
    });
  });

  it('leaves a language column empty when no supplier wrote that language, never another language in its place', () => {
    const cells = cellsOf('dujiao-next', planRow(), { languages: ['zh-TW', 'fr'] }, null);
    expect(cells).toMatchObject({ 'title_zh-TW': '', title_fr: '' });
    const englishOnly = planRow({ offers: [gridOffer({ titles: { en: 'Japan 10GB 30 Days' } })] });
    expect(cellsOf('generic', englishOnly)).toMatchObject({
      title: 'Japan 10GB 30 Days',
      title_en: 'Japan 10GB 30 Days',
      'title_zh-CN': '',
    });
    // The store's product title is never empty: it falls back as the grid does.
    expect(cellsOf('shopify', englishOnly, { languages: ['zh-CN'] })).toMatchObject({ Title: 'Japan 10GB 30 Days' });
  });

  it('takes a language from another supplier of the same plan when the cheapest has none', () => {
    const row = planRow({
      offers: [
        gridOffer({ titles: { en: 'HK 5GB 7d' } }),
        gridOffer({ supplier: 'other', titles: { 'zh-Hans': '香港 5GB 七天', en: 'Hong Kong' } }),
      ],
    });
    expect(cellsOf('dujiao-next', row)).toMatchObject({ title_en: 'HK 5GB 7d', 'title_zh-CN': '香港 5GB 七天' });
  });

  it('fills missing languages from the nearest one only when asked: zh-TW reads Simplified, the rest English', () => {
    const cells = cellsOf('dujiao-next', planRow(), { languages: ['zh-TW', 'fr'], fillMissingLanguages: true }, null);
    expect(cells).toMatchObject({ 'title_zh-TW': '香港 5GB 7天', title_fr: 'Hong Kong 5GB 7 Days' });
  });

  it('writes amounts in minor units: no six-decimal conversions, JPY without decimals, prices never rounded down', () => {
    const row = planRow({
      bestCost: { amount: '5.338844', currency: 'USD' },
      salePrice: { amount: '6.40', currency: 'USD' },
    });
    expect(cellsOf('generic', row)).toMatchObject({
      converted_cost: '5.34',
      sale_price: '6.40',
      margin: '1.06',
      margin_percent: '16.6',
    });
    const yen = planRow({
      bestCost: { amount: '812.345678', currency: 'JPY' },
      salePrice: { amount: '1024.5', currency: 'JPY' },
      offers: [gridOffer({ converted: { amount: '812.345678', currency: 'JPY' } })],
    });
    expect(cellsOf('generic', yen, { currency: 'JPY' })).toMatchObject({
      converted_cost: '812',
      sale_price: '1025',
      margin: '213',
    });
  });

  it('names goods by their face value', () => {
    const goods = planRow({
      planKey: 'goods|steam wallet|100 CNY',
      kind: 'card',
      attributes: { type: 'goods', name: 'steam wallet', faceValue: { amount: '100', currency: 'CNY' }, confidence: 1 },
      offers: [gridOffer({ kind: 'card', titles: { en: 'Steam Wallet 100 CNY' } })],
    });
    expect(cellsOf('generic', goods)).toMatchObject({
      goods_name: 'steam wallet',
      face_value: '100.00',
      face_value_currency: 'CNY',
      countries: '',
      data_mb: '',
    });
    expect(cellsOf('woocommerce', goods)).toMatchObject({ 'Short description': '100 CNY', Categories: 'Gift card' });
    expect(cellsOf('shopify', goods, { languages: ['zh-CN'] })).toMatchObject({
      Type: '礼品卡',
      Description: '<ul><li>面值: 100 CNY</li></ul>',
    });
  });

  it('neutralizes formula-looking titles but keeps a negative margin a number', () => {
    const row = planRow({
      offers: [gridOffer({ titles: { en: '=HYPERLINK("http://x","HK")' } })],
      salePrice: { amount: '4.40', currency: 'USD' },
    });
    const cells = cellsOf('generic', row)!;
    expect(cells.title).toBe('\'=HYPERLINK("http://x","HK")');
    expect(cells.margin).toBe('-1.20');
    expect(cellsOf('shopify', row)!.Title).toBe('\'=HYPERLINK("http://x","HK")');
  });

  it('leaves quantities untracked when a supplier has unlimited stock (Dujiao-Next: -1)', () => {
    const row = planRow({ offers: [gridOffer({ stock: { status: 'unlimited', quantity: null } })] });
    expect(cellsOf('shopify', row)).toMatchObject({ 'Inventory tracker': '', 'Inventory quantity': '' });
    expect(cellsOf('woocommerce', row)).toMatchObject({ 'In stock?': '1', Stock: '' });
    expect(cellsOf('dujiao-next', row)).toMatchObject({ stock_quantity: '-1', is_active: '1' });
    expect(cellsOf('generic', row)).toMatchObject({ stock: 'unlimited', stock_quantity: '' });
  });
});

describe('export presets: sold-out plans', () => {
  const modes: OutOfStockMode[] = ['skip', 'draft', 'zero'];

  it('skips them in skip mode, in every preset', () => {
    for (const preset of EXPORT_PRESETS) expect(cellsOf(preset.id, soldOutRow(), { outOfStock: 'skip' })).toBeNull();
  });

  it('hides them in draft mode: Shopify draft and unpublished, WooCommerce draft (-1), Dujiao-Next inactive', () => {
    expect(cellsOf('shopify', soldOutRow(), { outOfStock: 'draft' })).toMatchObject({
      Status: 'draft',
      'Published on online store': 'FALSE',
      'Inventory tracker': 'shopify',
      'Inventory quantity': '0',
    });
    expect(cellsOf('shopify-legacy', soldOutRow(), { outOfStock: 'draft' })).toMatchObject({
      Status: 'draft',
      Published: 'FALSE',
      'Variant Inventory Qty': '0',
    });
    expect(cellsOf('woocommerce', soldOutRow(), { outOfStock: 'draft' })).toMatchObject({
      Published: '-1',
      'In stock?': '0',
      Stock: '0',
    });
    expect(cellsOf('dujiao-next', soldOutRow(), { outOfStock: 'draft' })).toMatchObject({
      is_active: '0',
      stock_quantity: '0',
    });
    expect(cellsOf('generic', soldOutRow(), { outOfStock: 'draft' })).toMatchObject({
      status: 'draft',
      stock: 'out',
      stock_quantity: '0',
    });
  });

  it('keeps them listed with quantity 0 in zero mode', () => {
    expect(cellsOf('shopify', soldOutRow(), { outOfStock: 'zero' })).toMatchObject({
      Status: 'active',
      'Published on online store': 'TRUE',
      'Inventory tracker': 'shopify',
      'Inventory quantity': '0',
    });
    expect(cellsOf('woocommerce', soldOutRow(), { outOfStock: 'zero' })).toMatchObject({
      Published: '1',
      'In stock?': '0',
      Stock: '0',
    });
    expect(cellsOf('dujiao-next', soldOutRow(), { outOfStock: 'zero' })).toMatchObject({
      is_active: '1',
      stock_quantity: '0',
    });
    expect(cellsOf('generic', soldOutRow(), { outOfStock: 'zero' })).toMatchObject({
      status: 'active',
      stock_quantity: '0',
    });
  });

  const ruleSet = {
    currency: 'USD',
    locks: [],
    rules: [{ id: 'all', scope: { type: 'all' as const }, percent: '20', rounding: { mode: 'none' as const } }],
  };

  it('prices them by the rules from their cheapest supplier, as if in stock, rather than blanking the price', () => {
    for (const mode of modes.filter((m) => m !== 'skip')) {
      expect(cellsOf('shopify', soldOutRow(), { outOfStock: mode, ruleSet }, '9.99')).toMatchObject({
        Price: '6.72',
        'Cost per item': '5.60',
      });
      expect(cellsOf('generic', soldOutRow(), { outOfStock: mode, ruleSet })).toMatchObject({
        sale_price: '6.72',
        converted_cost: '5.60',
        margin: '1.12',
      });
    }
  });

  it('keeps the price the store last received when no rule can price them, and has none before the first export', () => {
    const noRate = soldOutRow({ offers: [gridOffer({ converted: null, stock: { status: 'out', quantity: 0 } })] });
    expect(cellsOf('shopify', noRate, { ruleSet }, '6.72')).toMatchObject({ Price: '6.72' });
    expect(cellsOf('woocommerce', noRate, { ruleSet }, null)).toMatchObject({ 'Regular price': '' });
  });
});
