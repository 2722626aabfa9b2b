import { describe, expect, it } from 'vitest';
import { parseExportOptions } from '../../src-main/export/options';
import type { ExportSettings } from '../../src-shared/export-types';
import {
  addLanguage,
  currencyCode,
  defaultForm,
  describeGridFilter,
  describePreflight,
  describeSettings,
  estimateRows,
  exportOptionsOf,
  formFromSettings,
  gridFilterQuery,
  moveLanguageUp,
  removeLanguage,
  suggestedFileName,
  type ExportForm,
} from '../../src-renderer/stores/export-form';
import { DEFAULT_SORT, EMPTY_FILTERS } from '../../src-renderer/stores/grid-query';

// Echoes the key and its params, so the tests check which phrase is picked without depending on the wording.
const t = (key: string, params: Record<string, string | number> = {}) =>
  Object.keys(params).length
    ? `${key}(${Object.entries(params)
        .map(([name, value]) => `${name}=${value}`)
        .join(',')})`
    : key;

const settings = (patch: Partial<ExportSettings> = {}): ExportSettings => ({
  preset: 'shopify',
  languages: ['zh-CN', 'en'],
  currency: 'USD',
  rows: { type: 'all' },
  inStockOnly: false,
  outOfStock: 'draft',
  changedSinceLastExport: false,
  fillMissingLanguages: false,
  flaggedRows: 'exclude',
  ...patch,
});

describe('the export form', () => {
  it('starts from the server’s defaults in the merchant’s currency', () => {
    const form = defaultForm('woocommerce', 'CNY');
    expect(form).toEqual({
      preset: 'woocommerce',
      languages: ['en'],
      currency: 'CNY',
      rowChoice: 'all',
      outOfStock: 'draft',
      changedSinceLastExport: false,
      fillMissingLanguages: false,
    });
    expect(exportOptionsOf(form, {})).toEqual({
      preset: 'woocommerce',
      languages: ['en'],
      currency: 'CNY',
      rows: { type: 'all' },
      inStockOnly: false,
      outOfStock: 'draft',
      changedSinceLastExport: false,
      fillMissingLanguages: false,
    });
  });

  it('restores a remembered choice and sends it back unchanged', () => {
    const { flaggedRows: _askedEachTime, ...remembered } = settings({
      outOfStock: 'zero',
      changedSinceLastExport: true,
      fillMissingLanguages: true,
    });
    const form = formFromSettings({ ...remembered, flaggedRows: 'exclude' });
    expect(form).toMatchObject({
      preset: 'shopify',
      languages: ['zh-CN', 'en'],
      rowChoice: 'all',
      outOfStock: 'zero',
      changedSinceLastExport: true,
    });
    expect(exportOptionsOf(form, {})).toEqual({ ...remembered, rows: { type: 'all' } });
    expect(formFromSettings(settings({ inStockOnly: true })).rowChoice).toBe('inStock');
    // The filter of that day is not revived: "the Grid's current filter" is what the choice means now.
    expect(formFromSettings(settings({ rows: { type: 'filter', query: { search: 'old' } } })).rowChoice).toBe('filter');
    expect(formFromSettings(settings({ rows: { type: 'selected', count: 3 } })).rowChoice).toBe('all');
  });

  it('sends the Grid’s current filter without paging, and in-stock-only as its own flag', () => {
    const query = gridFilterQuery(
      { ...EMPTY_FILTERS, search: ' 日本 ', countries: 'jp, hk', marginBelow: '1,5' },
      DEFAULT_SORT,
      'zh-CN',
    );
    expect(query).toEqual({
      language: 'zh-CN',
      sort: DEFAULT_SORT,
      search: '日本',
      countries: ['JP', 'HK'],
      marginBelow: '1.5',
    });
    const form: ExportForm = { ...defaultForm('generic', 'USD'), rowChoice: 'filter' };
    const options = exportOptionsOf(form, query)!;
    expect(options.rows).toEqual({ type: 'filter', query });
    expect(options.inStockOnly).toBe(false);
    expect(exportOptionsOf({ ...form, rowChoice: 'inStock' }, query)).toMatchObject({
      rows: { type: 'all' },
      inStockOnly: true,
    });
    // Whatever the form builds, the server's own schema accepts; what to do with flagged rows is asked at each export.
    expect(parseExportOptions(options)).toEqual({ ...options, flaggedRows: 'ask' });
  });

  it('holds back a half-typed currency and normalizes a typed one', () => {
    expect(currencyCode(' usd ')).toBe('USD');
    expect(currencyCode('US')).toBeNull();
    expect(currencyCode('U5D')).toBeNull();
    expect(exportOptionsOf({ ...defaultForm('generic', 'USD'), currency: 'eu' }, {})).toBeNull();
    expect(exportOptionsOf({ ...defaultForm('generic', 'USD'), currency: 'eur' }, {})?.currency).toBe('EUR');
  });

  it('keeps title languages ordered, unique and never empty', () => {
    expect(addLanguage(['en'], 'zh-CN')).toEqual(['en', 'zh-CN']);
    expect(addLanguage(['en', 'zh-CN'], 'ZH-cn')).toEqual(['en', 'zh-CN']);
    expect(addLanguage(['en'], '  ')).toEqual(['en']);
    expect(moveLanguageUp(['en', 'zh-CN', 'ja'], 2)).toEqual(['en', 'ja', 'zh-CN']);
    expect(moveLanguageUp(['en', 'zh-CN'], 1)).toEqual(['zh-CN', 'en']);
    expect(moveLanguageUp(['en', 'zh-CN'], 0)).toEqual(['en', 'zh-CN']);
    expect(removeLanguage(['en', 'zh-CN'], 0)).toEqual(['zh-CN']);
    expect(removeLanguage(['en'], 0)).toEqual(['en']);
  });
});

describe('what the preview can promise about the file', () => {
  const preview = (matching: number, shown: number) => ({ matching, rows: Array.from({ length: shown }, () => ['x']) });
  const form = defaultForm('shopify', 'USD');

  it('is exact when no row can be dropped', () => {
    expect(estimateRows(preview(1746, 10), form)).toEqual({ kind: 'exact', rows: 1746 });
    // Sold-out skipping means nothing when only in-stock rows are asked for.
    expect(estimateRows(preview(900, 10), { ...form, rowChoice: 'inStock', outOfStock: 'skip' })).toEqual({
      kind: 'exact',
      rows: 900,
    });
  });

  it('is at most the matching rows while changed-only or skipping may drop some, unless the preview came back short', () => {
    expect(estimateRows(preview(1746, 10), { ...form, changedSinceLastExport: true })).toEqual({
      kind: 'atMost',
      rows: 1746,
    });
    expect(estimateRows(preview(1746, 10), { ...form, outOfStock: 'skip' })).toEqual({ kind: 'atMost', rows: 1746 });
    expect(estimateRows(preview(1746, 4), { ...form, changedSinceLastExport: true })).toEqual({
      kind: 'exact',
      rows: 4,
    });
    expect(estimateRows(preview(1746, 0), { ...form, changedSinceLastExport: true })).toEqual({
      kind: 'exact',
      rows: 0,
    });
  });
});

describe('summaries', () => {
  it('says nothing for an empty filter and one phrase per narrowing part otherwise', () => {
    expect(describeGridFilter({ language: 'en', sort: DEFAULT_SORT }, t, (id) => id, 'en')).toEqual([]);
    expect(
      describeGridFilter(
        {
          search: 'japan',
          suppliers: ['demo-mesim'],
          kinds: ['esim', 'card'],
          countries: ['JP'],
          stock: 'in_stock',
          marginBelow: '1.5',
          changedInLastSync: true,
        },
        t,
        (id) => `<${id}>`,
        'en',
      ),
    ).toEqual([
      'filter.search(text=japan)',
      'filter.suppliers(names=<demo-mesim>)',
      'kind.esim, kind.card',
      'filter.countries(codes=JP)',
      'filter.stock.in_stock',
      'filter.marginBelow(amount=1.5)',
      'filter.changedInLastSync',
    ]);
    // A Chinese reader's lists take the enumeration comma.
    expect(describeGridFilter({ kinds: ['esim', 'card'], countries: ['JP', 'HK'] }, t, (id) => id, 'zh-CN')).toEqual([
      'kind.esim、kind.card',
      'filter.countries(codes=JP、HK)',
    ]);
  });

  it('summarizes a past export’s options in order', () => {
    const name = (tag: string) => tag.toUpperCase();
    expect(describeSettings(settings(), t, name, (id) => id, 'en')).toEqual([
      'ZH-CN → EN',
      'USD',
      'summary.all',
      'summary.outOfStock.draft',
    ]);
    expect(
      describeSettings(
        settings({
          rows: { type: 'filter', query: { search: 'jp' } },
          inStockOnly: true,
          changedSinceLastExport: true,
        }),
        t,
        name,
        (id) => id,
        'en',
      ),
    ).toEqual([
      'ZH-CN → EN',
      'USD',
      'summary.filter(filter=filter.search(text=jp))',
      'summary.inStockOnly',
      'summary.changedOnly',
    ]);
    expect(describeSettings(settings({ rows: { type: 'filter', query: {} } }), t, name, (id) => id, 'en')[2]).toBe(
      'summary.filterNone',
    );
    expect(describeSettings(settings({ rows: { type: 'selected', count: 7 } }), t, name, (id) => id, 'en')[2]).toBe(
      'summary.selected(count=7)',
    );
    expect(describeSettings(settings({ fillMissingLanguages: true }), t, name, (id) => id, 'en')).toContain(
      'summary.fillLanguages',
    );
  });

  it('says what the preflight of a past export found and what the merchant chose, and nothing when it found nothing', () => {
    expect(describePreflight({ belowCost: 2, noPrice: 1, choice: 'exclude' }, t)).toBe(
      'summary.flaggedExcluded(found=summary.belowCost(count=2)summary.andsummary.noPrice(count=1))',
    );
    expect(describePreflight({ belowCost: 0, noPrice: 3, choice: 'keep' }, t)).toBe(
      'summary.flaggedKept(found=summary.noPrice(count=3))',
    );
    expect(describePreflight({ belowCost: 0, noPrice: 0, choice: 'keep' }, t)).toBeNull();
    expect(describePreflight(null, t)).toBeNull();
  });
});

describe('small helpers', () => {
  it('proposes the file name the server gives a download', () => {
    expect(suggestedFileName('dujiao-next', new Date(2026, 0, 5, 9, 7))).toBe(
      'supplygrid-dujiao-next-20260105-0907.csv',
    );
  });
});
