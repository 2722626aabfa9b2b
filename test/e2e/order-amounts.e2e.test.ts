import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/api/handlers';
import type { ApiContract } from '../../src-shared/contract';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 20_000 };

/**
 * Amounts main puts inside an order's texts (the daily cap's refusal: the order's cost, the cap, what is spent and
 * left) read like every other amount on screen: in the currency's minor units, grouped. In yen that is no decimals,
 * though main computes the cap's figures to two ("100.00 JPY").
 */
describe('amounts inside order texts, in 简体中文, in yen', () => {
  let app: E2eApp;
  let server: ApiContract;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
    server = createHandlers(app.preview.services);
    await app.preview.services.sync();
    await server['settings.update']({ currency: 'JPY', orderDailyCap: '100' });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("the daily cap's refusal says its amounts in whole yen, grouped, as the dialog's own figures do", async () => {
    const { page } = app;
    await page.reload();
    await page.locator('nav.sidebar .nav-item').nth(5).click();
    await page.getByRole('button', { name: '新建测试订单' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('.picker-row .picker-offer').first().click();
    const refusal = dialog.locator('.quote-refusal');
    await refusal.waitFor(WAIT);
    await app.screenshot('order-cap-refused-jpy-zh');
    const text = (await refusal.textContent())!;
    expect(text).toContain('将超过今日消费上限 100 JPY');
    expect(text).toContain('今日已用 0 JPY，剩余 100 JPY');
    // Every yen amount in it (the order's cost too): whole, digits grouped.
    const amounts = [...text.matchAll(/(\S+) JPY/g)].map((match) => match[1]);
    expect(amounts.length).toBe(4);
    for (const amount of amounts) expect(amount).toMatch(/^\d{1,3}(,\d{3})*$/);
    // The same figures as the dialog's own cap line, which the renderer formats.
    expect(await dialog.getByTestId('quote-cap').textContent()).toContain('上限 100 JPY');
  }, 60_000);
});
