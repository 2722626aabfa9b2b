import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('Suppliers: adding a real supplier', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 800 } });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('shows the demo connections read-only with a prominent way to add a real one', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Suppliers', exact: true }).click();
    const table = page.locator('.suppliers-table');
    await table.getByText('Demo Dujiao-Next').waitFor(WAIT);
    expect(await table.locator('tbody tr').count()).toBe(app.preview.services.activeConnections().length);
    expect(await table.getByText('Read-only').count()).toBe(app.preview.services.activeConnections().length);
    expect(await table.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await page.locator('.demo-notice').getByRole('button', { name: 'Add a real supplier' }).waitFor(WAIT);
    await app.screenshot('suppliers');
  }, 60_000);

  it('tests a Dujiao-Next connection: the exact upstream error for a wrong secret, the balance for the right one; the secret never comes back', async () => {
    const { page } = app;
    const demo = app.preview.services.activeConnections().find((c) => c.kind === 'dujiao-next') as unknown as { baseUrl: string; apiKey: string; apiSecret: string };
    const wrongSecret = `wrong-${'x'.repeat(24)}-secret`;
    const trafficBeforeTyping = app.traffic.length;

    await page.locator('.demo-notice').getByRole('button', { name: 'Add a real supplier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a supplier' });
    await dialog.waitFor(WAIT);
    await dialog.getByLabel('Kind').selectOption('dujiao-next');
    // Exactly this kind's fields, the secret as a password input.
    expect(await dialog.locator('.connection-field input').evaluateAll((inputs) => inputs.map((i) => `${(i as HTMLInputElement).name}:${(i as HTMLInputElement).type}`)))
      .toEqual(['baseUrl:text', 'apiKey:text', 'apiSecret:password', 'requestsPerMinute:text']);

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
    const failureText = (await failure.textContent()) ?? '';
    expect(failureText).toContain('invalid_signature');
    expect(failureText).toContain('signature verification failed');

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
