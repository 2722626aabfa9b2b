import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type E2eApp } from './harness';

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
    await page.getByText('Demo data', { exact: true }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Grid', 'Suppliers', 'Sync', 'Pricing', 'Export', 'Test orders', 'Settings']) {
      await nav.getByRole('button', { name, exact: true }).click();
      await expect(page.locator('main h1').first().textContent()).resolves.toBeTruthy();
    }
    await app.screenshot('shell');
  }, 60_000);
});
