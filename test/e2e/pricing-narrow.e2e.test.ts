import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, reloadIn, type E2eApp } from './harness';

const WAIT = { timeout: 20_000 };

/**
 * A window of 1024 pixels (the app opens down to 900): every rule's buttons, the edit and remove ones included, must
 * be in sight without scrolling the rules table sideways, in both languages.
 */
describe.each(['en', 'zh-CN'] as const)('Pricing in a narrow window, %s', (language) => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1024, height: 700 } });
    await app.preview.services.sync();
    await reloadIn(app.page, { language, theme: 'light' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('shows every rule’s buttons without a sideways scroll', async () => {
    const { page } = app;
    await page.locator('nav.sidebar .nav-item').nth(3).click();
    await page.locator('.rules-table .rule-row').first().waitFor(WAIT);
    const wrap = page.locator('.rules-table-wrap');
    expect(await wrap.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
    const box = (await wrap.boundingBox())!;
    const buttons = page.locator('.rule-row .rule-actions button');
    expect(await buttons.count()).toBeGreaterThan(0);
    for (const button of await buttons.all()) {
      const at = (await button.boundingBox())!;
      expect(at.x + at.width, `${await button.getAttribute('aria-label')} within the rules table`).toBeLessThanOrEqual(
        box.x + box.width,
      );
    }
    await app.screenshot(`pricing-1024-${language}`);
    // Editing a rule keeps the table as wide as it was: no column pushed out of sight.
    await page.locator('.rule-row').first().locator('button[aria-expanded]').click();
    await page.locator('.rule-editor').waitFor(WAIT);
    expect(await wrap.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
    expect(await wrap.evaluate((element) => element.scrollLeft)).toBe(0);
    await app.screenshot(`pricing-1024-${language}-editing`);
  }, 60_000);
});
