import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/api/handlers';
import { exportHistory } from '../../src-main/export/service';
import type { PlanRow } from '../../src-shared/grid-types';
import { readRows } from '../integration/export-fixtures';
import { openScreen } from './adapter-wrappers';
import { launchApp, reloadIn, type E2eApp } from './harness';
import { seriousAxeFindings } from './screen-tour';

const WAIT = { timeout: 15_000 };
const SYNC_TIMEOUT = 60_000;

/** Serious and critical accessibility findings inside the element, as "rule: targets" lines. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  return (await seriousAxeFindings(page, selector)).map((finding) => `${finding.id}: ${finding.targets.join(', ')}`);
}

/** Presses the export button and, once the dialog's choice is made, returns the browser download as rows. */
async function chooseAndDownload(app: E2eApp, button: string, name: string) {
  const { page } = app;
  const [download] = await Promise.all([
    page.waitForEvent('download', WAIT),
    page.locator('.export-preflight').getByRole('button', { name: button }).click(),
  ]);
  const path = join(app.dataDir, name);
  await download.saveAs(path);
  return readRows(readFileSync(path, 'utf8'));
}

describe('Export preflight: rows below cost or without a price are shown before the file is written', () => {
  let app: E2eApp;
  let below: PlanRow[] = [];
  const losses: string[] = [];
  let giveaway: PlanRow;

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 720 } });
    app.page.setDefaultTimeout(WAIT.timeout);
    await app.preview.services.sync();
    const server = createHandlers(app.preview.services);
    // Two plans locked below their cost, and one whose rule would give it away (no price at all).
    const rows = (
      await server['grid.query']({ stock: 'in_stock', sort: { column: 'bestCost', direction: 'desc' }, limit: 3 })
    ).rows;
    below = rows.slice(0, 2);
    giveaway = rows[2];
    for (const [index, row] of below.entries()) {
      const price = new Decimal(row.bestCost!.amount)
        .minus(index + 1)
        .toDecimalPlaces(2, Decimal.ROUND_DOWN)
        .toFixed(2);
      await server['pricing.lock']({
        target: { type: 'plan', planKey: row.planKey },
        price: { amount: price, currency: row.bestCost!.currency },
      });
      losses.push(
        `${new Decimal(row.bestCost!.amount).minus(price).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)} ${row.bestCost!.currency}`,
      );
    }
    const rules = await server['pricing.rules']();
    await server['pricing.saveRules']({
      ...rules,
      rules: [
        ...rules.rules,
        {
          id: 'giveaway',
          scope: { type: 'plan', planKey: giveaway.planKey },
          percent: '-100',
          rounding: { mode: 'none' },
        },
      ],
    });
  }, SYNC_TIMEOUT + 30_000);

  afterAll(async () => {
    await app?.close();
  });

  it('lists the flagged rows with plan names and the loss per sale, then leaves them out on request', async () => {
    const { page } = app;
    await openScreen(page, 'Export');
    await page.getByRole('radio', { name: 'Shopify products CSV', exact: true }).click();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Check these rows before exporting' });
    await dialog.waitFor(WAIT);
    await dialog
      .getByText(
        /^2 rows would sell below cost and 1 row has no price, among the [\d,]+ rows this export would write\.$/,
      )
      .waitFor(WAIT);
    const rows = dialog.locator('tbody tr');
    expect(await rows.count()).toBe(3);
    // Largest loss first, then the row without a price; names, not plan keys.
    expect(await rows.nth(0).locator('.preflight-title').textContent()).toBe(below[1].title);
    expect(await rows.nth(0).textContent()).toContain(`loses ${losses[1]} per sale`);
    expect(await rows.nth(1).textContent()).toContain(`loses ${losses[0]} per sale`);
    expect(await rows.nth(0).locator('.preflight-notes').textContent()).toBe('locked price');
    expect(await rows.nth(2).locator('.preflight-title').textContent()).toBe(giveaway.title);
    expect(await rows.nth(2).textContent()).toContain('No price: its rule or locked price gives zero or below');
    for (const cell of await dialog.locator('td.num').allTextContents())
      expect(cell).toMatch(/^(—|[\d,]+\.\d{2} [A-Z]{3})$/);
    // The choice stays in view at 1280×720, above everything else on the screen.
    expect(await dialog.getByRole('button', { name: 'Leave these 3 out and export' }).isVisible()).toBe(true);
    expect(await axeViolations(page, '.export-preflight')).toEqual([]);
    await app.screenshot('export-preflight-en');

    const file = await chooseAndDownload(app, 'Leave these 3 out and export', 'excluded.csv');
    expect(await dialog.count()).toBe(0);
    const titles = file.rows.map((row) => row.Title);
    for (const row of [...below, giveaway]) expect(titles).not.toContain(row.title);
    await page
      .locator('.export-banner.ok')
      .getByText('Flagged rows (2 below cost, 1 without a price) were left out.')
      .waitFor(WAIT);
    const history = page.locator('.history-table tbody tr').first();
    expect(await history.locator('.history-preflight').textContent()).toBe(
      'Flagged rows (2 below cost, 1 without a price) were left out.',
    );
    expect(exportHistory(app.preview.services.db)[0]).toMatchObject({
      preflight: { belowCost: 2, noPrice: 1, choice: 'exclude' },
      options: { flaggedRows: 'exclude' },
    });
  }, 60_000);

  it('goes back without writing anything', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Check these rows before exporting' });
    await dialog.waitFor(WAIT);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', ...WAIT });
    expect(exportHistory(app.preview.services.db)).toHaveLength(1);
  }, 30_000);

  it('speaks 简体中文 (in the dark theme) and writes the rows anyway when the merchant says so', async () => {
    const { page } = app;
    await reloadIn(page, { language: 'zh-CN', theme: 'dark' });
    await openScreen(page, '导出');
    await page.getByRole('button', { name: '导出…' }).click();
    const dialog = page.getByRole('dialog', { name: '导出前请检查这些行' });
    await dialog.waitFor(WAIT);
    await dialog.getByText(/^本次导出将写入 [\d,]+ 行，其中 2 行售价低于成本，1 行没有售价。$/).waitFor(WAIT);
    expect(await dialog.locator('tbody tr').nth(0).textContent()).toContain(`每卖一份亏损 ${losses[1]}`);
    expect(await dialog.locator('thead').textContent()).toBe('套餐售价成本问题');
    expect(await axeViolations(page, '.export-preflight')).toEqual([]);
    await app.screenshot('export-preflight-zh-CN-dark');

    const file = await chooseAndDownload(app, '仍然导出这些行', 'kept.csv');
    const titles = file.rows.map((row) => row.Title);
    for (const row of below) expect(titles).toContain(row.title);
    await page
      .locator('.history-table tbody tr')
      .first()
      .getByText('被标记的行（2 行低于成本，1 行没有售价）仍已导出。')
      .waitFor(WAIT);
    expect(exportHistory(app.preview.services.db)[0]).toMatchObject({
      preflight: { belowCost: 2, noPrice: 1, choice: 'keep' },
    });
    await page.locator('main.screen').evaluate((main) => main.scrollTo(0, main.scrollHeight));
    await app.screenshot('export-preflight-history-zh-CN-dark');
  }, 60_000);
});
