import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/api/handlers';
import { exportHistory, exportPresets } from '../../src-main/export/service';
import { parseCsv } from '../integration/export-fixtures';
import { launchApp, reloadIn, type E2eApp } from './harness';

const WAIT = { timeout: 15_000 };
const SYNC_TIMEOUT = 60_000;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

async function open(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen, exact: true }).click();
  await page.locator('main.screen').evaluate((main) => main.scrollTo(0, 0));
}

const previewHeader = (page: Page) => page.locator('.export-preview .preview-table thead th').allTextContents();

/** Until the preview shows exactly these header columns, with its rows, and is not refreshing. */
async function waitForPreview(page: Page, columns: string[]): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const panel = document.querySelector('.export-preview');
      if (!panel || panel.getAttribute('aria-busy') === 'true') return false;
      const header = [...panel.querySelectorAll('.preview-table thead th')].map((th) => th.textContent);
      return JSON.stringify(header) === JSON.stringify(expected);
    },
    columns,
    WAIT,
  );
}

/**
 * Presses "Export…" and returns the browser download it causes, saved to disk and read back. The demo's prices rest on
 * the built-in sample exchange rates, which the export says first: `beforeGoingOn` looks at that, then it goes on.
 */
async function exportAndDownload(
  app: E2eApp,
  name: string,
  beforeGoingOn: (dialog: Locator) => Promise<void> = async () => undefined,
): Promise<{ download: Download; bytes: Buffer; records: string[][] }> {
  const { page } = app;
  const [download] = await Promise.all([
    page.waitForEvent('download', WAIT),
    (async () => {
      await page.getByRole('button', { name: 'Export…' }).click(WAIT);
      const dialog = page.getByRole('dialog', { name: 'Check the exchange rates before exporting' });
      await beforeGoingOn(dialog);
      await dialog.getByRole('button', { name: 'Export anyway' }).click(WAIT);
    })(),
  ]);
  const path = join(app.dataDir, name);
  await download.saveAs(path);
  const bytes = readFileSync(path);
  return { download, bytes, records: parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, '')) };
}

/** The rows the banner says were written. */
async function reportedRows(page: Page): Promise<number> {
  const banner = page.locator('.export-screen .export-banner.ok');
  await banner.waitFor(WAIT);
  return Number(await banner.getAttribute('data-rows'));
}

describe('Export: presets, live preview, browser download and history', () => {
  let app: E2eApp;
  let firstExportRows = 0;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 800 } });
    // Every click, fill and reload below is bounded, not only the explicit waits.
    app.page.setDefaultTimeout(WAIT.timeout);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('suggests syncing while the grid has no rows', async () => {
    const { page } = app;
    await open(page, 'Export');
    await page.getByText('Nothing to export yet').waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Go to Sync' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Export…' }).count()).toBe(0);
    await page.getByText('Nothing exported yet.').waitFor(WAIT);
    await app.screenshot('export-empty');
  }, 30_000);

  it('fills in once the demo is synced: every preset with its columns, and a preview of the first rows', async () => {
    const { page } = app;
    await app.preview.services.sync();
    // The screen hears grid.changed by itself: no reload, no navigation.
    await page.locator('.preset-card').first().waitFor({ timeout: SYNC_TIMEOUT });
    const presets = exportPresets(['en']);
    expect(await page.locator('.preset-card').count()).toBe(presets.length);
    for (const preset of presets) {
      const card = page.locator(`.preset-card[data-preset="${preset.id}"]`);
      expect(await card.locator('.preset-label').textContent()).toBe(preset.label);
      expect(await card.locator('.preset-column-count').textContent()).toBe(`${preset.columns.length} columns`);
    }
    await waitForPreview(page, presets[0].columns);
    expect(await page.locator('.preview-table tbody tr').count()).toBe(10);
    await page.waitForFunction(() => !document.querySelector('.export-screen .loading-state'), undefined, WAIT);
    await app.screenshot('export');
  }, 90_000);

  it('previews Shopify with Shopify’s header, long cells cut with their full text in a tooltip', async () => {
    const { page } = app;
    await page.getByRole('radio', { name: 'Shopify products CSV', exact: true }).click();
    const shopify = exportPresets(['en']).find((preset) => preset.id === 'shopify')!;
    await waitForPreview(page, shopify.columns);
    expect(
      await page.getByRole('radio', { name: 'Shopify products CSV', exact: true }).getAttribute('aria-checked'),
    ).toBe('true');
    expect(await page.locator('.preview-table tbody tr').count()).toBe(10);

    // The table scrolls sideways inside its card instead of widening the page.
    const scroll = page.locator('.preview-scroll');
    expect(await scroll.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await page.locator('main.screen').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const description = page
      .locator('.preview-table tbody tr')
      .first()
      .locator('td')
      .nth(shopify.columns.indexOf('Description'));
    const full = await description.getAttribute('title');
    expect(full?.length).toBeGreaterThan(30);
    expect(await description.locator('.cell').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);

    const matching = Number(await page.locator('.preview-counts').getAttribute('data-matching'));
    expect(matching).toBeGreaterThan(10);
    await page
      .locator('.export-preview')
      .getByText(`${matching.toLocaleString('en')} matching rows`)
      .waitFor(WAIT);
    // Scrolled sideways to the money columns, the way a merchant checks prices before sending the file.
    await scroll.evaluate(
      (el, index) => el.querySelectorAll('thead th')[index].scrollIntoView({ inline: 'start', block: 'nearest' }),
      shopify.columns.indexOf('Option1 value'),
    );
    expect(await scroll.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await app.screenshot('export-preview-shopify');
    await scroll.evaluate((el) => el.scrollTo(0, 0));
  }, 30_000);

  it('shows the server’s reason when a currency cannot be priced, in the preview and on export', async () => {
    const { page } = app;
    const currency = page.getByLabel('Currency');
    await currency.fill('EU');
    await page.getByText('Enter a three-letter code such as USD.').waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Export…' }).isDisabled()).toBe(true);
    await currency.fill('EUR');
    const previewError = page.locator('.export-preview .preview-error');
    await previewError.waitFor(WAIT);
    expect(await previewError.textContent()).toContain('no exchange rate from');
    await page.getByRole('button', { name: 'Export…' }).click(WAIT);
    const failed = page.locator('.export-screen > .export-banner.bad');
    await failed.waitFor(WAIT);
    expect(await failed.textContent()).toMatch(/^The export failed: no exchange rate from .* to EUR/);
    expect(exportHistory(app.preview.services.db)).toHaveLength(0);

    await currency.fill(app.preview.services.settings().currency);
    await waitForPreview(page, exportPresets(['en']).find((preset) => preset.id === 'shopify')!.columns);
    expect(await failed.count()).toBe(0);
  }, 30_000);

  it('exports as a browser download: BOM, the preview’s header, as many rows as reported, and history shows it', async () => {
    const { page } = app;
    const header = await previewHeader(page);
    const { download, bytes, records } = await exportAndDownload(app, 'first.csv', async (dialog) => {
      await dialog
        .getByText(/^Prices convert [A-Z, ]+ with built-in sample exchange rates \(approximate, 2026-11-01\)/)
        .waitFor(WAIT);
      // Nothing is written while the merchant reads it.
      expect(exportHistory(app.preview.services.db)).toHaveLength(0);
      await app.screenshot('export-sample-rates');
    });
    expect([...bytes.subarray(0, 3)]).toEqual(UTF8_BOM);
    expect(download.suggestedFilename()).toMatch(/^supplygrid-shopify-\d{8}-\d{4}\.csv$/);
    expect(records[0]).toEqual(header);
    const reported = await reportedRows(page);
    expect(records.length - 1).toBe(reported);
    expect(reported).toBeGreaterThan(10);
    firstExportRows = reported;
    await page
      .locator('.export-banner.ok')
      .getByText(`Downloaded ${reported.toLocaleString('en')} rows as ${download.suggestedFilename()}`)
      .waitFor(WAIT);

    const row = page.locator('.history-table tbody tr[data-preset=shopify]');
    await row.waitFor(WAIT);
    expect(await row.count()).toBe(1);
    expect(await row.locator('.history-rows').textContent()).toBe(reported.toLocaleString('en'));
    expect(await row.locator('.history-file').textContent()).toBe('Browser download');
    expect(await row.locator('.badge').textContent()).toBe('Current');
    expect(await row.locator('.history-options').textContent()).toContain('all rows');
    await page.getByText(/Last export with this format: .*, [\d,]+ rows\./).waitFor(WAIT);
    await page.locator('main.screen').evaluate((main) => main.scrollTo(0, 0));
    await app.screenshot('export-done');
  }, 30_000);

  it('after prices move, “changed since the last export” sends fewer rows', async () => {
    const { page } = app;
    // The demo moves prices on every sync.
    await app.preview.services.sync();
    await page.getByLabel('Only rows changed since the last export with this format').check();
    await page.waitForFunction(
      () => document.querySelector('.export-preview')?.getAttribute('aria-busy') === 'false',
      undefined,
      WAIT,
    );
    const { records } = await exportAndDownload(app, 'changed.csv');
    const reported = await reportedRows(page);
    expect(records.length - 1).toBe(reported);
    expect(reported).toBeGreaterThan(0);
    expect(reported).toBeLessThan(firstExportRows);
    expect(records[0]).toEqual(exportPresets(['en']).find((preset) => preset.id === 'shopify')!.columns);

    await page.waitForFunction(
      () => document.querySelectorAll('.history-table tbody tr[data-preset=shopify]').length === 2,
      undefined,
      WAIT,
    );
    const newest = page.locator('.history-table tbody tr').first();
    expect(await newest.locator('.history-rows').textContent()).toBe(reported.toLocaleString('en'));
    expect(await newest.locator('.history-options').textContent()).toContain('changed rows only');
    expect(await page.locator('.history-table .badge').count()).toBe(1);
    // Nothing has changed since this last export: the preview says the store is up to date.
    await page.getByText('Nothing changed since the last export with this format').waitFor(WAIT);
    await page.locator('main.screen').evaluate((main) => main.scrollTo(0, main.scrollHeight));
    await app.screenshot('export-history');
  }, 90_000);

  it('speaks 简体中文 in the dark theme and restores the last Shopify choices', async () => {
    const { page } = app;
    await reloadIn(page, { language: 'zh-CN', theme: 'dark' });
    await open(page, '导出');
    const shopifyCard = page.getByRole('radio', { name: 'Shopify 商品 CSV', exact: true });
    await shopifyCard.waitFor(WAIT);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme])).toEqual([
      'zh-CN',
      'dark',
    ]);
    // The last export was Shopify with changed rows only: both come back.
    expect(await shopifyCard.getAttribute('aria-checked')).toBe('true');
    const changedOnly = page.getByLabel('只导出自上次用此格式导出以来有变化的行');
    expect(await changedOnly.isChecked()).toBe(true);
    await page.getByText('已按你上次使用此格式导出时的选择填好').waitFor(WAIT);

    await changedOnly.uncheck();
    await page.getByLabel('+ 添加语言').selectOption('zh-CN');
    await page.getByRole('button', { name: '将 简体中文 上移' }).click();
    expect(await page.locator('.language-chip').first().getAttribute('data-language')).toBe('zh-CN');
    await waitForPreview(page, exportPresets(['zh-CN', 'en']).find((preset) => preset.id === 'shopify')!.columns);

    // Rows picked on the Grid: search “日本 天” there, then export that filter (日本 alone also finds plans titled only in
    // English, which sort first; 天 keeps to plans with a Chinese title).
    const server = createHandlers(app.preview.services);
    const gridQuery = {
      language: 'zh-CN',
      sort: { column: 'title' as const, direction: 'asc' as const },
      search: '日本 天',
    };
    const japan = (await server['grid.query']({ ...gridQuery, limit: 1 })).total;
    expect(japan).toBeGreaterThan(0);
    await open(page, '价格表');
    await page.getByRole('searchbox', { name: '搜索套餐' }).fill('日本 天');
    await page.getByText(`${japan.toLocaleString('zh-CN')} 个套餐`, { exact: true }).waitFor(WAIT);
    await open(page, '导出');
    await page.getByLabel('价格表当前的筛选').check();
    await page.locator('.grid-filter-summary').getByText('价格表筛选：“日本 天”').waitFor(WAIT);
    await page
      .locator('.export-preview')
      .getByText(`匹配 ${japan.toLocaleString('zh-CN')} 行`)
      .waitFor(WAIT);

    // The product titles are the Chinese ones, exactly as the server would write them for that filter.
    const expected = await server['export.preview'](
      {
        preset: 'shopify',
        languages: ['zh-CN', 'en'],
        rows: { type: 'filter', query: gridQuery },
        outOfStock: 'draft',
      },
      10,
    );
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('.preview-table tbody tr').length === n &&
        document.querySelector('.export-preview')?.getAttribute('aria-busy') === 'false',
      expected.rows.length,
      WAIT,
    );
    const titles = await page.locator('.preview-table tbody tr td:first-child').allTextContents();
    expect(titles).toEqual(expected.rows.map((row) => row[0]));
    expect(titles.some((title) => /[\u4e00-\u9fff]/.test(title))).toBe(true);
    await page.locator('.export-history').getByText('浏览器下载').first().waitFor(WAIT);
    expect(await page.locator('main.screen').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await app.screenshot('export-zh-dark');
  }, 60_000);
});
