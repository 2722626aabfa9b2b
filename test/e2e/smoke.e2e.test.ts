import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, reloadIn, type E2eApp } from './harness';

const WAIT = { timeout: 15_000 };

describe('the app shell in Chromium over the bridge', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await launchApp();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('opens on the demo suppliers with a visible Demo data banner and every screen in the navigation', async () => {
    const { page } = app;
    await page.getByText('Demo data', { exact: true }).waitFor(WAIT);
    const nav = page.getByRole('navigation', { name: 'Main' });
    // Navigation label → the screen's own heading.
    const screens: Array<[string, string]> = [
      ['Grid', 'Grid'],
      ['Suppliers', 'Suppliers'],
      ['Sync', 'Sync'],
      ['Pricing', 'Pricing'],
      ['Export', 'Export'],
      ['Test orders', 'Test orders'],
      ['Alerts', 'Alerts'],
      ['Settings', 'Settings'],
    ];
    expect(await nav.getByRole('button').allTextContents()).toEqual(screens.map(([name]) => name));
    for (const [name, heading] of screens) {
      const button = nav.getByRole('button', { name, exact: true });
      await button.click();
      await expect.poll(() => button.getAttribute('aria-current'), WAIT).toBe('page');
      // Only the screen shown is marked current.
      expect(await nav.locator('[aria-current]').count()).toBe(1);
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor(WAIT);
      expect(await page.locator('main h1').allTextContents()).toEqual([heading]);
    }
    await app.screenshot('shell');
  }, 60_000);

  it("words a call main refused at its boundary, in the reader's language", async () => {
    const { page } = app;
    // The page's own grid query with its sort column bent on the way: the real bridge refuses it by code before any
    // SQL runs, and the renderer words the code. The app never sends such a call; a fault in it would.
    await page.route('**/api/invoke', async (route) => {
      const call = route.request().postDataJSON() as { method: string; args: Array<Record<string, unknown>> };
      if (call.method !== 'grid.query') return route.continue();
      const bent = { ...call.args[0], sort: { column: 'price; DROP TABLE plan_rows', direction: 'asc' } };
      return route.continue({ postData: JSON.stringify({ ...call, args: [bent] }) });
    });
    await reloadIn(page, { language: 'en', theme: 'light' });
    await page
      .getByRole('alert')
      .getByText('SupplyGrid refused a request it sent itself (grid.query: the value at 0.sort.column does not fit)')
      .first()
      .waitFor(WAIT);
    await reloadIn(page, { language: 'zh-CN', theme: 'light' });
    await page
      .getByRole('alert')
      .getByText('SupplyGrid 拒绝了自身发出的请求（grid.query：0.sort.column 处的值不符合要求）')
      .first()
      .waitFor(WAIT);
    await app.screenshot('boundary-refused-zh');
    await page.unroute('**/api/invoke');
  }, 60_000);
});
