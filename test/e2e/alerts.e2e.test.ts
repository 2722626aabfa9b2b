import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 20_000 };

describe('Alerts: the notification centre and the rules editor', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 860 } });
    app.preview.services.alerts.saveDocument({ rules: [{ id: 'any-rise', type: 'cost_rise', percent: '0' }], channels: { desktop: false } });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('counts unread alerts in the nav, lists them worded, and opens what each is about', async () => {
    const { page } = app;
    const services = app.preview.services;
    await services.sync();
    await services.sync();
    await services.alerts.idle();
    const nav = page.getByRole('navigation', { name: 'Main' });
    const count = nav.locator('.nav-count');
    await count.waitFor(WAIT);
    const unread = services.alerts.view().unread;
    expect(unread).toBeGreaterThan(0);
    expect(await count.textContent()).toBe(String(unread));

    await nav.getByRole('button', { name: /^Alerts/ }).click();
    const first = page.locator('.alert-item.unread').first();
    await first.waitFor(WAIT);
    expect(await first.locator('.alert-text').textContent()).toMatch(/^Demo [A-Za-z]+: cost rose more than 0 % on \d+ offers \(largest: “.+” .+ → .+, \+[\d.]+ %\)$/);
    await app.screenshot('alerts');

    await first.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('heading', { name: 'Sync', exact: true }).waitFor(WAIT);
    expect(services.alerts.view().unread).toBe(unread - 1);

    await nav.getByRole('button', { name: /^Alerts/ }).click();
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await count.waitFor({ state: 'detached', ...WAIT });
    expect(services.alerts.view().unread).toBe(0);
  }, 90_000);

  it('edits the rules document, refuses a bad one with the reason, and seals a channel secret', async () => {
    const { page } = app;
    const editor = page.getByLabel('Rules and channels');
    const document = JSON.parse(await editor.inputValue()) as { rules: Array<Record<string, unknown>>; maxPerHour: number };
    expect(document.rules).toEqual([{ id: 'any-rise', enabled: true, type: 'cost_rise', percent: '0' }]);
    await editor.fill(JSON.stringify({ ...document, rules: [...document.rules, { id: 'late', type: 'sync_failing', times: 0 }] }));
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.locator('.alert-rules .error', { hasText: 'rules.1.times' }).waitFor(WAIT);
    await editor.fill(JSON.stringify({ ...document, maxPerHour: 5, rules: [...document.rules, { id: 'late', type: 'sync_failing', times: 2 }] }));
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.locator('.alert-rules').getByText('Saved.').waitFor(WAIT);
    expect(app.preview.services.alerts.document()).toMatchObject({ maxPerHour: 5, rules: [{ id: 'any-rise' }, { id: 'late', times: 2 }] });

    await page.getByLabel('Telegram bot token').fill('123:secret-token');
    await page.locator('.alert-secret', { hasText: 'Telegram bot token' }).getByRole('button', { name: 'Set' }).click();
    await page.locator('.alert-secret', { hasText: 'Telegram bot token' }).getByText('Stored (sealed)').waitFor(WAIT);
    // Sealed at rest, and never sent back to the renderer.
    expect(JSON.stringify(app.preview.services.alerts.settings())).not.toContain('secret-token');
    expect(JSON.stringify(app.preview.services.db.prepare('SELECT * FROM app_state').all())).not.toContain('secret-token');
    await page.locator('.alert-rules').scrollIntoViewIfNeeded();
    await app.screenshot('alerts-rules');
  }, 60_000);
});
