import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type E2eApp } from './harness';

describe('the app in Chromium over the bridge', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await launchApp();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('opens on the demo suppliers and syncs them', async () => {
    const { page } = app;
    await page.getByText('Demo data').waitFor();
    await page.getByRole('button', { name: /sync all/i }).click();
    await page.getByText(/\+\d+ −0/).first().waitFor({ timeout: 30_000 });
    await app.screenshot('smoke-synced');
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
