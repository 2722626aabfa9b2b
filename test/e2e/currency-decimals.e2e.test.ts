import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/api/handlers';
import type { ApiContract } from '../../src-shared/contract';
import { launchApp, type E2eApp } from './harness';

/**
 * A merchant who prices in yen or dinar reads every amount in that currency's minor units: the price chart's axis,
 * and the examples in the amount fields (the margin filter, the bulk lock, the drawer's lock) that show what to type.
 */
const WAIT = { timeout: 20_000 };

async function openDrawer(page: Page) {
  await page
    .locator('.grid-row:not(.skeleton)')
    .first()
    .click({ position: { x: 60, y: 18 } });
  await page.locator('aside.detail-panel .price-chart svg').waitFor(WAIT);
}

describe.each([
  // 1 USD is 3.25 KWD here (a test vector, not the real rate); the sample rates know no dinar.
  { currency: 'JPY', decimals: 0, rates: null, lock: '1234.5', lockExample: '1235' },
  {
    currency: 'KWD',
    decimals: 3,
    rates: { USD: '3.25', CNY: '0.45', MYR: '0.69' },
    lock: '12.5',
    lockExample: '12.500',
  },
])('amounts in $currency ($decimals decimals)', ({ currency, decimals, rates, lock, lockExample }) => {
  let app: E2eApp;
  let server: ApiContract;
  /** As typed in a field: no grouping, the currency's decimals. */
  const typedShape = new RegExp(decimals === 0 ? '^\\d+$' : `^\\d+\\.\\d{${decimals}}$`);
  const amountShape = decimals === 0 ? /^−?\d{1,3}(,\d{3})*$/ : new RegExp(`^−?\\d{1,3}(,\\d{3})*\\.\\d{${decimals}}$`);

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 800 } });
    server = createHandlers(app.preview.services);
    await server['settings.update']({ currency });
    if (rates) await server['rates.set'](rates);
    await app.preview.services.sync();
    const first = (await server['grid.query']({ language: 'en', limit: 1 })).rows[0];
    await server['pricing.lock']({
      target: { type: 'plan', planKey: first.planKey },
      price: { amount: lock, currency },
    });
    await app.page.reload();
    await app.page.locator('.grid-row:not(.skeleton)').first().waitFor(WAIT);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('labels the price chart’s amount axis in the currency’s minor units', async () => {
    const { page } = app;
    await openDrawer(page);
    const ticks = await page.locator('.price-chart .chart-grid > g > text').allTextContents();
    expect(ticks.length).toBeGreaterThan(0);
    for (const tick of ticks) expect(tick, `a ${currency} axis label`).toMatch(amountShape);
    await app.screenshot(`currency-decimals-${currency}-chart`);
    await page.keyboard.press('Escape');
  }, 60_000);

  it('gives examples in the amount fields with the currency’s decimals', async () => {
    const { page } = app;
    await openDrawer(page);
    // The locked plan's own price, as it could be typed back.
    expect(await page.locator('.lock-form input').getAttribute('placeholder')).toBe(`e.g. ${lockExample}`);
    await page.keyboard.press('Escape');

    const zero = decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
    expect(await page.getByRole('textbox', { name: `Margin below (${currency})` }).getAttribute('placeholder')).toBe(
      zero,
    );
    await page.locator('.grid-row:not(.skeleton) .row-check').first().check();
    const bulkAmount = page.locator('.bulk-lock input');
    for (const mode of ['lockPrice', 'lockMargin']) {
      await page.locator('.bulk-lock select').selectOption(mode);
      expect(await bulkAmount.getAttribute('placeholder'), `the ${mode} example`).toMatch(typedShape);
    }
    // The price example is the ticked row's own price, a real price of this currency in size.
    await page.locator('.bulk-lock select').selectOption('lockPrice');
    expect(await bulkAmount.getAttribute('placeholder')).toBe(lockExample);
  }, 60_000);

  it('starts a merchant who never saved rules on tiers sized in their currency', async () => {
    const { page } = app;
    await page.locator('nav.sidebar .nav-item').nth(3).click();
    await page.locator('.rules-table .rule-row').first().waitFor(WAIT);
    const rows = await page.locator('.rules-table .rule-row').allInnerTexts();
    const text = rows.join('\n');
    // The yen's tiers are in round thousands of yen (its sample rate). The dinar has none: its tiers are sized through
    // the merchant's own dollar rate set above (1 USD = 3.25 KWD in this test's rates), not left at the dollar's 5 and 20.
    const bounds = currency === 'JPY' ? ['1000', '5000'] : ['20', '100'];
    expect(text).toContain(`Under ${bounds[0]}`);
    expect(text).toContain(`${bounds[1]} and over`);
    expect(text).not.toMatch(currency === 'JPY' ? /\.99/ : /NaN/);
    // The presets are sized the same way.
    expect(await page.locator('.tier-presets .chip').first().innerText()).toBe(
      `<${bounds[0]} +40% · ${bounds[0]}–${bounds[1]} +25% · ≥${bounds[1]} +15%`,
    );
    await app.screenshot(`currency-decimals-${currency}-pricing`);
    if (currency !== 'KWD') return;
    // A new dollar rate typed on this screen resizes the presets shown, as main now makes them: 1 USD = 0.307 KWD puts
    // the cheap tier under 2 dinar and the dear one from 10. The rules stay: locking a price above saved them.
    await page.locator('.rate-row[data-currency="USD"] .rate-value').click();
    const input = page.getByRole('textbox', { name: /USD/ });
    await input.fill('0.307');
    await input.press('Enter');
    await expect
      .poll(() => page.locator('.tier-presets .chip').first().innerText(), WAIT)
      .toBe('<2 +40% · 2–10 +25% · ≥10 +15%');
    expect((await page.locator('.rules-table .rule-row').allInnerTexts()).join('\n')).toContain('Under 20');
  }, 60_000);
});
