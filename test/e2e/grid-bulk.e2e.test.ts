import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src-shared/contract';
import { createHandlers } from '../../src-main/api/handlers';
import { listRuns } from '../../src-main/db/catalog-repo';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 20_000 };
const POLL = { timeout: 20_000, interval: 100 };
const LOADED_ROW = '.grid-row:not(.skeleton)';

async function settled(page: Page) {
  await page.locator(LOADED_ROW).first().waitFor(WAIT);
  await page.waitForFunction(
    () => !document.querySelector('.grid-row.skeleton, .grid-summary .updating'),
    undefined,
    WAIT,
  );
}

const bulkCount = (page: Page) => page.getByTestId('bulk-count').textContent();
const planKeyAt = (page: Page, index: number) =>
  page.locator(`${LOADED_ROW}[data-index="${index}"]`).getAttribute('data-plan-key');

describe('acting on many grid rows at once', () => {
  let app: E2eApp;
  let server: ApiContract;

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 800 } });
    server = createHandlers(app.preview.services);
    await app.preview.services.sync();
    await settled(app.page);
  }, 90_000);
  afterAll(async () => {
    await app?.close();
  });

  it('ticks rows by click and Shift-click, then every row the filter matches, and keeps them out of exports', async () => {
    const { page } = app;
    const checks = page.locator(`${LOADED_ROW} .row-check`);
    await checks.nth(1).click();
    await checks.nth(4).click({ modifiers: ['Shift'] });
    await expect.poll(() => bulkCount(page), POLL).toBe('4 selected');
    expect(await page.locator('.grid-row.checked').count()).toBe(4);
    // Ctrl-click on a row toggles it too, without opening it.
    await page.locator(`${LOADED_ROW}[data-index="4"]`).click({ modifiers: ['Control'], position: { x: 100, y: 18 } });
    await expect.poll(() => bulkCount(page), POLL).toBe('3 selected');
    expect(await page.locator('.detail-panel').count()).toBe(0);

    // All matching a search: resolved by main, never listed in the page.
    await page.getByRole('searchbox', { name: 'Search plans' }).fill('Japan');
    const japan = await server['grid.query']({ search: 'Japan', language: 'en', limit: 1000 });
    expect(japan.total).toBeGreaterThan(5);
    await expect.poll(() => page.getByTestId('grid-count').textContent(), POLL).toBe(`${japan.total} plans`);
    await settled(page);
    // A new filter is a new list: the earlier ticks are gone.
    expect(await page.getByTestId('bulk-count').count()).toBe(0);
    await page.getByRole('checkbox', { name: `Select all ${japan.total} matching` }).click();
    await expect.poll(() => bulkCount(page), POLL).toBe(`${japan.total} selected`);
    await page.getByRole('button', { name: 'Exclude from export' }).click();
    await page.getByText('Kept out of exports.').waitFor(WAIT);
    await expect
      .poll(
        async () =>
          (await server['grid.query']({ search: 'Japan', language: 'en', limit: 1000 })).rows.filter(
            (r) => r.excludedFromExport,
          ).length,
        POLL,
      )
      .toBe(japan.total);
    await expect.poll(() => page.locator(`${LOADED_ROW} .excluded-badge`).count(), POLL).toBeGreaterThan(0);
    const csv = (await server['export.csv']({ preset: 'generic' })).csv;
    for (const row of japan.rows) expect(csv).not.toContain(row.planKey);
    await app.screenshot('grid-bulk-excluded');

    await page.getByRole('button', { name: 'Include in export' }).click();
    await expect
      .poll(
        async () =>
          (await server['grid.query']({ search: 'Japan', language: 'en', limit: 1000 })).rows.filter(
            (r) => r.excludedFromExport,
          ).length,
        POLL,
      )
      .toBe(0);
    await page.getByRole('button', { name: 'Clear selection' }).first().click();
    await page.getByRole('searchbox', { name: 'Search plans' }).fill('');
  }, 90_000);

  it('locks ticked rows at a margin over cost, and shows the loss per sale before locking below cost', async () => {
    const { page } = app;
    const total = (await server['grid.query']({ limit: 1 })).total;
    await expect
      .poll(() => page.getByTestId('grid-count').textContent(), POLL)
      .toBe(`${total.toLocaleString('en')} plans`);
    await settled(page);
    const checks = page.locator(`${LOADED_ROW} .row-check`);
    await checks.nth(0).click();
    await checks.nth(1).click();
    const keys = [await planKeyAt(page, 0), await planKeyAt(page, 1)] as string[];
    const locks = async () =>
      (await server['pricing.rules']()).locks.filter(
        (l) => l.target.type === 'plan' && keys.includes(l.target.planKey),
      );

    await page.getByRole('combobox', { name: 'Lock how' }).selectOption('lockMargin');
    await page.getByRole('textbox', { name: /Margin over each plan/ }).fill('-0.5');
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: 'This sells below cost' });
    await confirm.waitFor(WAIT);
    // Cost − 0.50, rounded up to the cent: each sale loses 0.50 or a fraction of a cent less.
    expect(await confirm.textContent()).toMatch(
      /2 of the 2 plans would sell below cost.*loses 0\.(49|50) USD per sale \(cost \d+\.\d\d USD, price \d+\.\d\d USD\)/,
    );
    expect(await locks()).toEqual([]);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await locks()).toEqual([]);

    await page.getByRole('textbox', { name: /Margin over each plan/ }).fill('2');
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect.poll(async () => (await locks()).length, POLL).toBe(2);
    const rows = (await server['grid.query']({ search: '', language: 'en', limit: 5 })).rows.filter((r) =>
      keys.includes(r.planKey),
    );
    expect(rows).toHaveLength(2);
    // Best cost + 2.00, rounded up to the cent: the margin is 2 and less than a cent more.
    for (const row of rows) {
      expect(row.locked).toBe(true);
      expect(Number(row.margin!.amount)).toBeGreaterThanOrEqual(2);
      expect(Number(row.margin!.amount)).toBeLessThan(2.01);
    }
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(async () => (await locks()).length, POLL).toBe(0);
    await page.getByRole('button', { name: 'Clear selection' }).first().click();
  }, 60_000);

  it('moves with the arrow keys, ticks with Space and opens with Enter', async () => {
    const { page } = app;
    await settled(page);
    await page.locator(`${LOADED_ROW}[data-index="0"]`).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-index')), POLL).toBe('2');
    await page.keyboard.press('Space');
    await expect.poll(() => bulkCount(page), POLL).toBe('1 selected');
    expect(await page.locator('.grid-row.checked').getAttribute('data-index')).toBe('2');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => bulkCount(page), POLL).toBe('2 selected');
    await page.keyboard.press('Enter');
    const title = await page.locator(`${LOADED_ROW}[data-index="3"] .grid-title`).textContent();
    await expect.poll(() => page.locator('.detail-panel h2').textContent(), POLL).toBe(title);
    await page.keyboard.press('Escape');
  }, 30_000);

  it('hides and resizes columns, and remembers both after a restart', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('group', { name: 'Columns' }).getByRole('checkbox', { name: 'Kind' }).uncheck();
    expect(await page.locator('.grid-header [data-column="kind"]').count()).toBe(0);
    expect(await page.locator(`${LOADED_ROW} .kind-cell`).count()).toBe(0);
    await page.keyboard.press('Escape');
    const coverage = page.locator('.grid-header [data-column="coverage"]');
    const before = (await coverage.boundingBox())!.width;
    const handle = page.getByRole('separator', { name: 'Resize Coverage' });
    await handle.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect
      .poll(async () => Math.round((await coverage.boundingBox())!.width), POLL)
      .toBe(Math.round(before) + 40);
    // And by dragging the edge.
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2, { steps: 3 });
    await page.mouse.up();
    await expect
      .poll(async () => Math.round((await coverage.boundingBox())!.width), POLL)
      .toBe(Math.round(before) + 70);

    await page.reload();
    await settled(page);
    expect(await page.locator('.grid-header [data-column="kind"]').count()).toBe(0);
    expect(Math.round((await page.locator('.grid-header [data-column="coverage"]').boundingBox())!.width)).toBe(
      Math.round(before) + 70,
    );
    await app.screenshot('grid-columns-remembered');
    await page.getByRole('button', { name: /^Columns/ }).click();
    await page.getByRole('button', { name: 'Show all, default widths' }).click();
    expect(await page.locator('.grid-header [data-column="kind"]').count()).toBe(1);
    await page.keyboard.press('Escape');
  }, 60_000);

  it('syncs from the grid and shows the sync running there', async () => {
    const { page } = app;
    const runsBefore = listRuns(app.preview.services.db, 1000).length;
    const button = page.getByTestId('grid-sync').getByRole('button', { name: 'Sync now' });
    await button.click();
    await page
      .getByTestId('grid-sync')
      .getByText(/Syncing/)
      .first()
      .waitFor(WAIT);
    await expect
      .poll(() => listRuns(app.preview.services.db, 1000).length, { timeout: 60_000, interval: 200 })
      .toBeGreaterThan(runsBefore);
    await expect.poll(() => button.isEnabled(), { timeout: 60_000, interval: 200 }).toBe(true);
  }, 90_000);
});
