import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/api/handlers';
import { startWebPreview } from '../../src-main/web/preview';
import { bridgeCall } from '../helpers/bridge-call';
import { readRows } from './export-fixtures';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('export API', () => {
  it('lists presets, previews, exports to a file or as a download, and keeps history and last options', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'supplygrid-export-api-'));
    const preview = await startWebPreview({ dataDir });
    cleanups.push(
      () => rmSync(dataDir, { recursive: true, force: true }),
      () => preview.close(),
    );
    await bridgeCall(preview, 'sync.run');

    const presets = await bridgeCall(preview, 'export.presets', ['en', 'zh-CN']);
    expect(presets.map((p) => p.id)).toEqual(['generic', 'shopify', 'shopify-legacy', 'woocommerce', 'dujiao-next']);
    expect(presets.find((p) => p.id === 'generic')!.columns.slice(-2)).toEqual(['title_en', 'title_zh-CN']);

    const options = { preset: 'shopify' as const, languages: ['en', 'zh-CN'] };
    const shown = await bridgeCall(preview, 'export.preview', options, 5);
    expect(shown.rows).toHaveLength(5);
    expect(shown.columns).toEqual(presets.find((p) => p.id === 'shopify')!.columns);
    expect(shown.matching).toBeGreaterThan(100);
    // The demo prices every plan above its cost: the preflight finds no row to ask about, but its prices rest on the
    // built-in sample exchange rates.
    expect(await bridgeCall(preview, 'export.preflight', options)).toEqual({
      currency: 'USD',
      rows: shown.matching,
      belowCost: 0,
      noPrice: 0,
      flagged: [],
      sampleRates: { currencies: expect.arrayContaining(['CNY', 'MYR']), asOf: '2026-11-01' },
    });
    // Options that do not fit the export's own schema are refused where the call arrives, by code and path.
    await expect(
      bridgeCall(preview, 'export.preflight', { ...options, flaggedRows: 'sometimes' }),
    ).rejects.toMatchObject({
      code: 'invalid_arguments',
      params: { method: 'export.preflight', path: '0.flaggedRows' },
    });

    // Over the bridge no path was chosen by the merchant (no save dialog): a file export is refused, whatever the path.
    const file = join(dataDir, 'products.csv');
    await expect(bridgeCall(preview, 'export.run', { ...options, file })).rejects.toThrow(
      /refused: in the browser an export is a download/,
    );
    expect(existsSync(file)).toBe(false);
    await expect(
      bridgeCall(preview, 'export.preview', { preset: 'shopify', outOfStock: 'hide' }),
    ).rejects.toMatchObject({ code: 'invalid_arguments', params: { path: '0.outOfStock' } });

    // The desktop path (its shell passes only a file just chosen in the save dialog): the same handlers, in process.
    const api = createHandlers(preview.services);
    await expect(api['export.run']({ ...options, file: 'products.csv' })).rejects.toThrow(
      /absolute path ending in \.csv/,
    );
    await expect(api['export.run']({ ...options, file: join(dataDir, '.profile') })).rejects.toThrow(
      /absolute path ending in \.csv/,
    );
    const written = await api['export.run']({ ...options, file });
    expect(written).toMatchObject({ preset: 'shopify', currency: 'USD', file, rows: shown.matching });
    const { header, rows } = readRows(readFileSync(file, 'utf8'));
    expect(rows.slice(0, 5).map((row) => header.map((h) => row[h]))).toEqual(shown.rows);

    const download = await bridgeCall(preview, 'export.csv', { preset: 'woocommerce', inStockOnly: true });
    expect(download.csv.charCodeAt(0)).toBe(0xfeff);
    expect(download.filename).toMatch(/^supplygrid-woocommerce-.*\.csv$/);
    expect(readRows(download.csv).rows).toHaveLength(download.rows);

    const history = await bridgeCall(preview, 'export.history');
    expect(history.map((e: { preset: string; delivery: string }) => [e.preset, e.delivery])).toEqual([
      ['woocommerce', 'download'],
      ['shopify', 'file'],
    ]);
    expect(await bridgeCall(preview, 'export.lastOptions', 'shopify')).toMatchObject({
      file,
      options: { preset: 'shopify', languages: ['en', 'zh-CN'], outOfStock: 'draft' },
    });
    expect(await bridgeCall(preview, 'export.lastOptions', 'generic')).toBeNull();
    expect(existsSync(file)).toBe(true);
  }, 120_000);
});
