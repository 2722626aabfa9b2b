import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src-main/suppliers/adapter';
import { freeLoopbackPort } from '../../src-main/demo/free-port';
import { supplierKind } from '../../src-main/suppliers/registry';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 15_000 };

/**
 * The harness records both directions of the bridge in one list. Requests are the only JSON bodies that
 * carry a `method`; answers are `{ ok, result | error }` and events are SSE frames. A secret may appear in
 * the request that carries it to main (test, save) and nowhere else, ever.
 */
function leaksOf(traffic: readonly string[], secret: string, from = 0): string[] {
  return traffic.slice(from).filter((text) => {
    if (!text.includes(secret)) return false;
    try {
      const body = JSON.parse(text) as { method?: string };
      return body.method !== 'suppliers.test' && body.method !== 'suppliers.save';
    } catch {
      return true;
    }
  });
}

/** Opens the supplier form from a screen's "add" button (names in the page's language), once it is on screen. */
async function openAddForm(
  page: Page,
  where: { screen: string; from: string; button: string; title: string },
): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: where.screen, exact: true }).click();
  await page.locator(where.from).getByRole('button', { name: where.button }).click();
  const dialog = page.getByRole('dialog', { name: where.title });
  await dialog.waitFor(WAIT);
  return dialog;
}

/** Whether the element lies wholly inside the 1280×720 window (not scrolled away, not cut off). */
async function inWindow(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= 720 && box.x + box.width <= 1280;
}

describe('Suppliers: adding a real supplier, at 1280×720', () => {
  let app: E2eApp;
  // The merchant's "real" wholesaler: a simulator of its own, which keeps running when the demo steps aside.
  let wholesaler: RunningSimulator & { connection: { baseUrl: string; apiKey: string; apiSecret: string } };
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 720 } });
    wholesaler = (await supplierKind('dujiao-next')!.startSimulator({ seed: 91, size: 30 })) as typeof wholesaler;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await wholesaler?.close();
  });

  it('shows the demo connections read-only with a prominent way to add a real one', async () => {
    const { page } = app;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Suppliers', exact: true })
      .click();
    const table = page.locator('.suppliers-table');
    await table.getByText('Demo Dujiao-Next').waitFor(WAIT);
    expect(await table.locator('tbody tr').count()).toBe(app.preview.services.activeConnections().length);
    expect(await table.getByText('Read-only').count()).toBe(app.preview.services.activeConnections().length);
    expect(await table.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await page.locator('.demo-notice').getByRole('button', { name: 'Add a real supplier' }).waitFor(WAIT);
    await app.screenshot('suppliers');
  }, 60_000);

  it('the banner\'s "Add a real supplier" opens the form itself, from any screen', async () => {
    const { page } = app;
    const dialog = await openAddForm(page, {
      screen: 'Grid',
      from: '.demo-banner',
      button: 'Add a real supplier',
      title: 'Add a supplier',
    });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
  }, 30_000);

  it('explains every field, checks each as it is left, and keeps Save in view at 1280×720', async () => {
    const { page } = app;
    await page.locator('.demo-notice').getByRole('button', { name: 'Add a real supplier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a supplier' });
    await dialog.waitFor(WAIT);
    await dialog.getByLabel('Kind').selectOption('billionconnect');
    // Labels in words, each field with its help: where to find it, what it does.
    for (const label of [
      'API address',
      'App key',
      'App secret',
      'Sales method',
      'Notification receiver',
      'Requests per minute',
    ]) {
      await dialog.getByLabel(label, { exact: false }).first().waitFor(WAIT);
    }
    const help = (field: string) => dialog.locator(`.connection-field[data-field=${field}] .field-help`);
    expect(await help('appKey').textContent()).toContain('“API Authorization” page');
    expect(await help('salesMethod').textContent()).toContain('ask your BillionConnect sales representative');
    expect(await help('notifyListen').textContent()).toContain('“Notification Callback URL”');
    // The body scrolls; the title and Save/Cancel stay in the window.
    const body = dialog.locator('.dialog-body');
    expect(await body.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
    for (const button of ['Save', 'Cancel', 'Test connection'])
      expect(await inWindow(dialog.getByRole('button', { name: button }))).toBe(true);
    expect(await inWindow(dialog.getByRole('heading', { name: 'Add a supplier' }))).toBe(true);
    await app.screenshot('suppliers-form-billionconnect');

    // Checked as each field is left, in words, per field: never a config key or the schema's English.
    const error = (field: string) => dialog.locator(`.connection-field[data-field=${field}] .error`);
    await dialog.locator('input[name=baseUrl]').fill('api-flow.billionconnect');
    await dialog.locator('input[name=baseUrl]').press('Tab');
    await expect
      .poll(() => error('baseUrl').textContent(), { timeout: 10_000 })
      .toBe('Enter a full address starting with https://');
    expect(await error('appKey').count()).toBe(0);
    await dialog.locator('input[name=appKey]').focus();
    await dialog.locator('input[name=appKey]').press('Tab');
    await expect.poll(() => error('appKey').textContent(), { timeout: 10_000 }).toBe('Enter the App key.');
    await dialog.locator('input[name=salesMethod]').fill('five');
    await dialog.locator('input[name=salesMethod]').press('Tab');
    await expect.poll(() => error('salesMethod').textContent(), { timeout: 10_000 }).toBe('A number, e.g. 5.');
    await dialog.locator('input[name=notifyListen]').fill('my computer');
    await dialog.locator('input[name=notifyListen]').press('Tab');
    await expect
      .poll(() => error('notifyListen').textContent(), { timeout: 10_000 })
      .toBe('An address and port on this computer, e.g. 127.0.0.1:8787.');
    // Fixing a field clears its message the next time it is left.
    await dialog.locator('input[name=salesMethod]').fill('5');
    await dialog.locator('input[name=salesMethod]').press('Tab');
    await expect.poll(() => error('salesMethod').count(), { timeout: 10_000 }).toBe(0);
    expect(await dialog.textContent()).not.toMatch(/baseUrl|appKey|notifyListen|Invalid input|must be/);
    await app.screenshot('suppliers-form-blur-errors');

    await dialog.getByLabel('Kind').selectOption('dujiao-next');
    expect(await help('apiKey').textContent()).toContain('“API 对接权限”');
    expect(await help('apiSecret').textContent()).toContain('Shown once');
    await dialog.getByLabel('Kind').selectOption('linksfield');
    expect(await help('partnerCode').textContent()).toContain('P followed by 6 digits');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
  }, 60_000);

  it('tests a Dujiao-Next connection: the exact upstream error for a wrong secret, the balance for the right one; the secret never comes back', async () => {
    const { page } = app;
    const demo = wholesaler.connection;
    const wrongSecret = `wrong-${'x'.repeat(24)}-secret`;
    const trafficBeforeTyping = app.traffic.length;

    await page.locator('.demo-notice').getByRole('button', { name: 'Add a real supplier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a supplier' });
    await dialog.waitFor(WAIT);
    await dialog.getByLabel('Kind').selectOption('dujiao-next');
    // Exactly this kind's fields, the secret as a password input.
    expect(
      await dialog
        .locator('.connection-field input')
        .evaluateAll((inputs) => inputs.map((i) => `${(i as HTMLInputElement).name}:${(i as HTMLInputElement).type}`)),
    ).toEqual(['baseUrl:text', 'apiKey:text', 'apiSecret:password', 'requestsPerMinute:text']);

    // Validation from main, shown next to the field it is about.
    await dialog.getByLabel('Name').fill('My Dujiao shop');
    await dialog.locator('input[name=baseUrl]').fill('shop.example.com');
    await dialog.locator('input[name=apiKey]').fill(demo.apiKey);
    await dialog.locator('input[name=apiSecret]').fill(wrongSecret);
    await dialog.getByRole('button', { name: 'Save' }).click();
    const baseUrlError = dialog.locator('.connection-field:has(input[name=baseUrl]) .error');
    await baseUrlError.waitFor(WAIT);
    expect(await baseUrlError.textContent()).toMatch(/Enter a full address starting with https:\/\//);
    await app.screenshot('suppliers-form-error');

    // Plain http to another machine: a warning, an explicit opt-in, and main refuses it without one.
    await dialog.locator('input[name=baseUrl]').fill('http://shop.example.com');
    await dialog.getByText('This address uses plain http:// to shop.example.com').waitFor(WAIT);
    expect(await dialog.getByLabel('Allow insecure HTTP for this address').isChecked()).toBe(false);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await baseUrlError.filter({ hasText: 'Plain http:// to shop.example.com is not encrypted' }).waitFor(WAIT);

    await dialog.locator('input[name=baseUrl]').fill(demo.baseUrl);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const failure = dialog.locator('.test-result.bad');
    await failure.waitFor(WAIT);
    // The cause and what to do, in words; the supplier's own answer folded away beneath.
    expect(await failure.getAttribute('data-cause')).toBe('credentials');
    expect(await failure.locator('strong').textContent()).toBe('Wrong key or secret');
    expect(await failure.locator('.test-fix').textContent()).toContain('Copy them again from the supplier’s portal');
    const technical = (await failure.locator('.test-technical').textContent()) ?? '';
    expect(technical).toContain('invalid_signature');
    expect(await inWindow(failure)).toBe(true);
    await app.screenshot('suppliers-test-failed');

    await dialog.locator('input[name=apiSecret]').fill(demo.apiSecret);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const success = dialog.locator('.test-result.ok');
    await success.waitFor(WAIT);
    expect(await success.textContent()).toContain('Balance: 5,000.00 CNY');
    await app.screenshot('suppliers-test-ok');

    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    await page.getByText('“My Dujiao shop” is saved').waitFor(WAIT);
    const row = page.locator('.suppliers-table tbody tr', { hasText: 'My Dujiao shop' });
    await row.waitFor(WAIT);
    // The first real supplier replaces the demo ones, and the shell's demo banner goes.
    await page.locator('.demo-banner').waitFor({ state: 'detached', ...WAIT });
    expect(await page.locator('.suppliers-table tbody tr').count()).toBe(1);
    await app.screenshot('suppliers-real');

    // Reopened for editing, the secret is only "set": an empty password input, never its value.
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit “My Dujiao shop”' });
    await edit.waitFor(WAIT);
    expect(await edit.locator('input[name=apiSecret]').inputValue()).toBe('');
    expect(await edit.locator('.connection-field:has(input[name=apiSecret]) .secret-set').textContent()).toBe('set');
    expect(await edit.locator('input[name=apiKey]').inputValue()).toBe(demo.apiKey);
    expect(await edit.getByLabel('Kind').isDisabled()).toBe(true);
    await edit.getByRole('button', { name: 'Cancel' }).click();

    const sentSecret = app.traffic.slice(trafficBeforeTyping).filter((text) => text.includes(demo.apiSecret));
    expect(sentSecret.length).toBeGreaterThanOrEqual(2);
    expect(leaksOf(app.traffic, demo.apiSecret, trafficBeforeTyping)).toEqual([]);
    expect(leaksOf(app.traffic, wrongSecret, trafficBeforeTyping)).toEqual([]);
    expect(app.preview.services.connections.view('my-dujiao-shop')?.secrets).toEqual({ apiSecret: true });
  }, 90_000);

  it("the grid asks for the new supplier's first sync, and its button syncs it", async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Grid', exact: true }).click();
    const empty = page.locator('[data-testid=grid-empty][data-state=never-synced]');
    await empty.waitFor(WAIT);
    expect(await empty.getByRole('heading').textContent()).toBe('Sync My Dujiao shop to see its plans');
    expect(await empty.textContent()).not.toContain('finished without offers');
    await app.screenshot('grid-sync-new-supplier');
    await empty.getByRole('button', { name: 'Sync My Dujiao shop' }).click();
    await page.locator('.grid-row').first().waitFor({ timeout: 60_000 });
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Suppliers', exact: true })
      .click();
  }, 90_000);

  it('removes a supplier after an inline confirmation, and the demo returns when none is left', async () => {
    const { page } = app;
    const row = page.locator('.suppliers-table tbody tr', { hasText: 'My Dujiao shop' });
    await row.getByRole('button', { name: 'Remove' }).click();
    await row.getByText('Remove “My Dujiao shop”?').waitFor(WAIT);
    await app.screenshot('suppliers-remove-confirm');
    await row.getByRole('button', { name: 'Remove' }).click();
    await page.locator('.suppliers-table').getByText('Demo Dujiao-Next').waitFor(WAIT);
    await page.locator('.demo-banner').waitFor(WAIT);
    expect(app.preview.services.connections.list()).toEqual([]);
  }, 60_000);
});

describe('Suppliers form in 简体中文, dark, at 1280×720', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN', colorScheme: 'dark' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('labels, help, checks and connection causes all in Chinese', async () => {
    const { page } = app;
    const dialog = await openAddForm(page, {
      screen: '供应商',
      from: '.demo-notice',
      button: '添加真实供应商',
      title: '添加供应商',
    });
    await dialog.getByLabel('类型').selectOption('linksfield');
    const labels = await dialog
      .locator('.connection-field .field-label')
      .evaluateAll((nodes) => nodes.map((node) => node.firstChild?.textContent ?? ''));
    expect(labels).toEqual(['接口地址', '合作伙伴代码', '登录邮箱', '登录密码', '成本币种', '每分钟请求数']);
    const error = (field: string) => dialog.locator(`.connection-field[data-field=${field}] .error`);
    await dialog.locator('input[name=partnerCode]').fill('X1');
    await dialog.locator('input[name=partnerCode]').press('Tab');
    await expect
      .poll(() => error('partnerCode').textContent(), { timeout: 10_000 })
      .toBe('字母 P 加 6 位数字，例如 P012345。');
    await dialog.locator('input[name=email]').press('Tab');
    await expect.poll(() => error('email').textContent(), { timeout: 10_000 }).toBe('请填写登录邮箱。');
    expect(await dialog.textContent()).not.toMatch(/Base URL|Partner code|Password|Currency|Email|Required/);
    await app.screenshot('suppliers-form-linksfield-zh');

    await dialog.getByLabel('类型').selectOption('dujiao-next');
    expect(await dialog.locator('.connection-field[data-field=apiKey] .field-help').textContent()).toContain(
      '“API 对接权限”页面',
    );
    await dialog.locator('input[name=baseUrl]').fill(`http://127.0.0.1:${await freeLoopbackPort()}`);
    await dialog.locator('input[name=apiKey]').fill('k'.repeat(64));
    await dialog.locator('input[name=apiSecret]').fill('s'.repeat(128));
    await dialog.getByRole('button', { name: '测试连接' }).click();
    const failure = dialog.locator('.test-result.bad');
    await failure.waitFor(WAIT);
    expect(await failure.getAttribute('data-cause')).toBe('refused');
    expect(await failure.locator('strong').textContent()).toBe('连接被拒绝');
    expect(await failure.locator('.test-fix').textContent()).toContain('请检查地址和端口');
    expect(await inWindow(dialog.getByRole('button', { name: '保存' }))).toBe(true);
    await app.screenshot('suppliers-form-refused-zh');

    await dialog.getByLabel('类型').selectOption('billionconnect');
    await app.screenshot('suppliers-form-billionconnect-zh');

    // A pace refused on blur keeps its message when Save then finds required fields still empty.
    const pace = dialog.locator('input[name=requestsPerMinute]');
    await pace.fill('1.5');
    await pace.press('Tab');
    await expect.poll(() => error('requestsPerMinute').textContent(), { timeout: 10_000 }).toBe('至少为 1 的整数。');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => error('appKey').textContent(), { timeout: 10_000 }).toBe('请填写应用密钥。');
    expect(await error('requestsPerMinute').textContent()).toBe('至少为 1 的整数。');
    await app.screenshot('suppliers-form-save-keeps-pace-zh');
  }, 60_000);
});
