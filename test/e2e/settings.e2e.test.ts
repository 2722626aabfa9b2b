import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src-main/pricing/rules-store';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 15_000 };

async function open(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen, exact: true }).click();
  await page.locator('main.screen').evaluate((main) => main.scrollTo(0, 0));
}

const background = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);

/** Relative luminance of an rgb() colour, 0 (black) to 1 (white). */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+/g) ?? [])
    .slice(0, 3)
    .map(Number)
    .map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('Settings: currency, rates URL, schedule, language and theme', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 800 } });
    await app.preview.services.sync();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('shows the data folder, the version and the secrets warning', async () => {
    const { page } = app;
    await open(page, 'Settings');
    await page.locator('.data-dir').waitFor(WAIT);
    expect(await page.locator('.data-dir').textContent()).toBe(app.dataDir);
    const warning = app.preview.services.options.secretBox.warning;
    expect(warning).toBeTruthy();
    // Main sends a code with the key file's path; the renderer words it.
    expect(await page.locator('.secrets-warning').textContent()).toContain(
      `Supplier secrets are encrypted with a key kept in ${join(app.dataDir, 'secret.key')} (readable only by you).`,
    );
    expect(await page.getByLabel('Merchant currency').inputValue()).toBe('USD');
    await app.screenshot('settings');
  }, 30_000);

  it('saves the rates URL, or shows why main refused it', async () => {
    const { page } = app;
    const input = page.getByLabel('Exchange rates URL');
    const row = page.locator('.setting-row', { has: input });
    await input.fill('not a url');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.locator('.error', { hasText: 'Enter a full address starting with https://' }).waitFor(WAIT);
    await input.fill('file:///etc/passwd');
    await row.getByRole('button', { name: 'Save' }).click();
    await row
      .locator('.error', { hasText: 'Only http:// and https:// addresses are allowed, not file:' })
      .waitFor(WAIT);
    await input.fill('https://rates.example.com/eurofxref-daily.xml');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Saved.').waitFor(WAIT);
    expect(app.preview.services.settings().ratesUrl).toBe('https://rates.example.com/eurofxref-daily.xml');
    await row.getByRole('button', { name: 'Use the ECB default' }).click();
    await expect
      .poll(() => app.preview.services.settings().ratesUrl, WAIT)
      .toBe('https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml');
  }, 30_000);

  it('sets the sync schedule, the same one the Sync screen shows', async () => {
    const { page } = app;
    await page.locator('.settings-screen .sync-schedule').getByLabel('Sync automatically').check();
    await expect.poll(() => app.preview.services.settings().syncIntervalMinutes, WAIT).toBe(60);
    await open(page, 'Sync');
    expect(await page.locator('.sync-screen .sync-schedule').getByLabel('Sync automatically').isChecked()).toBe(true);
    await open(page, 'Settings');
    await page.locator('.settings-screen .sync-schedule').getByLabel('Sync automatically').uncheck();
    await expect.poll(() => app.preview.services.settings().syncIntervalMinutes, WAIT).toBe(0);
  }, 30_000);

  it('sets how often catalogs are listed in full and when a sync gives up, refusing numbers out of bounds', async () => {
    const { page } = app;
    const hours = page.getByLabel('Full listing at least every');
    const hoursRow = page.locator('.setting-row', { has: hours });
    expect(await hours.inputValue()).toBe('24');
    expect(await hoursRow.locator('.setting-help').textContent()).toContain('Default 24.');
    await hours.fill('0');
    await hours.press('Enter');
    await hoursRow.locator('.error', { hasText: 'Enter whole hours from 1 to 168.' }).waitFor(WAIT);
    expect(app.preview.services.settings().fullListingEveryHours).toBe(24);
    await hours.fill('6');
    await hours.press('Enter');
    await expect.poll(() => app.preview.services.settings().fullListingEveryHours, WAIT).toBe(6);
    expect(await hoursRow.locator('.error').count()).toBe(0);

    const minutes = page.getByLabel('Give up a sync after');
    const minutesRow = page.locator('.setting-row', { has: minutes });
    expect(await minutes.inputValue()).toBe('60');
    await minutes.fill('721');
    await minutes.press('Enter');
    await minutesRow.locator('.error', { hasText: 'Enter whole minutes from 1 to 720.' }).waitFor(WAIT);
    await minutes.fill('90');
    await minutes.blur();
    await expect.poll(() => app.preview.services.settings().syncDeadlineMinutes, WAIT).toBe(90);
    await page.locator('.settings-section', { has: hours }).scrollIntoViewIfNeeded();
    await app.screenshot('settings-sync-timing');
    // Main refuses out of bounds too, whoever calls it.
    expect(() => app.preview.services.updateSettings({ syncDeadlineMinutes: 0 })).toThrow(/1 to 720 minutes/);
    expect(() => app.preview.services.updateSettings({ fullListingEveryHours: 1.5 })).toThrow(/1 to 168 hours/);
    app.preview.services.updateSettings({ fullListingEveryHours: 24, syncDeadlineMinutes: 60 });
  }, 30_000);

  it('changes the merchant currency only after a warning, since rules are written in one currency', async () => {
    const { page } = app;
    const input = page.getByLabel('Merchant currency');
    const row = page.locator('.setting-row', { has: input });
    await input.fill('eur');
    await row.getByRole('button', { name: 'Change…' }).click();
    await row.locator('.setting-warning').waitFor(WAIT);
    await row.getByRole('button', { name: 'Switch to EUR' }).click();
    await expect.poll(() => app.preview.services.settings().currency, WAIT).toBe('EUR');
    expect(loadRuleSet(app.preview.services.db, 'EUR').currency).toBe('EUR');
    await open(page, 'Pricing');
    await page.getByText('your sale price, in EUR.').waitFor(WAIT);
    await page.locator('.rates-table th', { hasText: '1 unit in EUR' }).waitFor(WAIT);
  }, 30_000);

  it('switches to 简体中文 and the dark theme, and every screen follows', async () => {
    const { page } = app;
    await open(page, 'Settings');
    const lightBackground = await background(page, '.settings-section');
    await page.getByRole('radio', { name: '简体中文' }).click();
    await page.getByRole('radio', { name: '深色' }).click();
    await page.locator('main h1', { hasText: '设置' }).waitFor(WAIT);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme])).toEqual([
      'zh-CN',
      'dark',
    ]);
    expect(luminance(await background(page, '.settings-section'))).toBeLessThan(0.05);
    expect(luminance(lightBackground)).toBeGreaterThan(0.9);
    await app.screenshot('settings-zh-dark');
    const zhHours = page.getByLabel('完整拉取间隔');
    await zhHours.scrollIntoViewIfNeeded();
    expect(await page.locator('.setting-row', { has: zhHours }).textContent()).toContain('小时（最长）');
    expect(await page.locator('.setting-row', { has: page.getByLabel('同步超时放弃') }).textContent()).toContain(
      '默认 60。',
    );
    await app.screenshot('settings-sync-timing-zh-dark');

    const screens: Array<[nav: string, heading: string, ready: string, shot: string]> = [
      ['供应商', '供应商', '.suppliers-table', 'suppliers-zh-dark'],
      ['同步', '同步', '.run-item', 'sync-zh-dark'],
      ['定价', '定价', '.rates-table', 'pricing-zh-dark'],
    ];
    for (const [nav, heading, ready, shot] of screens) {
      await open(page, nav);
      await page.locator('main h1', { hasText: heading }).waitFor(WAIT);
      await page.locator(ready).first().waitFor(WAIT);
      expect(luminance(await background(page, 'main .card'))).toBeLessThan(0.05);
      // No English left over from the screen's own dictionary: a few telling labels.
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).not.toMatch(/Sync all|Add supplier|Markup rules|Never synced|History/);
      await app.screenshot(shot);
    }
    await open(page, '同步');
    await page.locator('.run-item').first().click();
    await page.locator('.change-list').waitFor(WAIT);
    await page.locator('.sync-split').scrollIntoViewIfNeeded();
    await app.screenshot('sync-diff-zh-dark');
  }, 60_000);
});
