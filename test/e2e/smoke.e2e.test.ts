import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type E2eApp } from './harness';

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
      ['Grid', 'Grid'], ['Suppliers', 'Suppliers'], ['Sync', 'Sync'], ['Pricing', 'Pricing'], ['Export', 'Export'], ['Test orders', 'Test orders'], ['Alerts', 'Alerts'], ['Settings', 'Settings'],
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
});
