import { describe, expect, it } from 'vitest';
import {
  ExportOptionsError,
  parseExportOptions,
  parseExportTarget,
  resolveExportOptions,
  settingsOf,
} from '../../src-main/export/options';

describe('export options', () => {
  it('fills in the defaults: English titles, the merchant currency, every row, sold-out plans as drafts', () => {
    expect(resolveExportOptions({ preset: 'shopify' }, 'USD')).toEqual({
      preset: 'shopify',
      languages: ['en'],
      currency: 'USD',
      rows: { type: 'all' },
      inStockOnly: false,
      outOfStock: 'draft',
      changedSinceLastExport: false,
      fillMissingLanguages: false,
      flaggedRows: 'keep',
    });
  });

  it('asks for a decision on flagged rows when options arrive from outside, unless they say exclude or keep', () => {
    expect(parseExportOptions({ preset: 'shopify' }).flaggedRows).toBe('ask');
    expect(parseExportOptions({ preset: 'shopify', flaggedRows: 'exclude', fillMissingLanguages: true })).toMatchObject(
      { flaggedRows: 'exclude', fillMissingLanguages: true },
    );
    expect(() => parseExportOptions({ preset: 'shopify', flaggedRows: 'maybe' })).toThrow(
      /flaggedRows: must be one of ask, keep, exclude/,
    );
  });

  it('canonicalizes and dedupes languages, keeping the first as the main one', () => {
    expect(
      resolveExportOptions({ preset: 'generic', languages: ['zh_cn', 'en', 'zh-Hans', 'EN'] }, 'USD').languages,
    ).toEqual(['zh-CN', 'en']);
  });

  it('keeps only the size of a hand-picked selection in history', () => {
    const resolved = resolveExportOptions(
      { preset: 'generic', rows: { type: 'selected', planKeys: ['a', 'b', 'a'] }, currency: 'eur' },
      'USD',
    );
    expect(resolved.rows).toEqual({ type: 'selected', planKeys: ['a', 'b'] });
    expect(resolved.currency).toBe('EUR');
    expect(settingsOf(resolved).rows).toEqual({ type: 'selected', count: 2 });
  });

  it('accepts what the export screen sends, including the grid filter', () => {
    const options = parseExportOptions({
      preset: 'woocommerce',
      languages: ['en'],
      currency: 'usd',
      inStockOnly: true,
      outOfStock: 'zero',
      changedSinceLastExport: true,
      rows: {
        type: 'filter',
        query: {
          search: '香港',
          countries: ['HK'],
          sort: { column: 'salePrice', direction: 'desc' },
          offset: 100,
          limit: 50,
        },
      },
    });
    expect(options.currency).toBe('USD');
    expect(options.rows).toMatchObject({ type: 'filter', query: { search: '香港' } });
  });

  it('names every bad field', () => {
    expect(() => parseExportOptions({ preset: 'magento' })).toThrow(/preset: must be one of generic, shopify/);
    const both = () => parseExportOptions({ preset: 'shopify', outOfStock: 'hide', currency: 'dollars' });
    expect(both).toThrow(/outOfStock: must be one of skip, draft, zero/);
    expect(both).toThrow(/currency: must be a 3-letter/);
    expect(() => parseExportOptions({ preset: 'shopify', languages: [] })).toThrow(
      /languages: needs at least one language/,
    );
    expect(() => parseExportOptions({ preset: 'shopify', rows: { type: 'selected', ids: [1, 2] } })).toThrow(
      ExportOptionsError,
    );
    expect(() => parseExportOptions({ preset: 'shopify', colour: 'red' })).toThrow(/colour/);
  });

  it('lets the UI write only an absolute .csv path', () => {
    expect(parseExportTarget('/home/me/products.csv')).toBe('/home/me/products.csv');
    expect(parseExportTarget('/home/me/PRODUCTS.CSV')).toBe('/home/me/PRODUCTS.CSV');
    for (const bad of ['products.csv', '/home/me/.bashrc', '/home/me/products.csv.sh', 42, undefined]) {
      expect(() => parseExportTarget(bad)).toThrow(/absolute path ending in \.csv/);
    }
  });
});
