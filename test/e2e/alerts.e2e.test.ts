import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Decimal from 'decimal.js';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBalances } from '../../src-main/db/balances-repo';
import { describeOffenders, latinOffenders } from '../helpers/latin-words';
import { launchApp, reloadIn, type E2eApp } from './harness';
import { seriousAxeFindings } from './screen-tour';

const WAIT = { timeout: 20_000 };

describe('Alerts: the notification centre and the rules editor', () => {
  let app: E2eApp;
  /** A webhook receiver on loopback: what the rules saved through the form send. */
  const received: Array<{ type: string; ruleId: string }> = [];
  let webhookUrl = '';
  let closeReceiver = () => undefined as unknown;

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 720 } });
    app.preview.services.alerts.saveDocument({
      rules: [{ id: 'any-rise', type: 'cost_rise', percent: '0' }],
      channels: { desktop: false },
    });
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push(JSON.parse(body) as { type: string; ruleId: string });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    closeReceiver = () => server.close();
  }, 60_000);
  afterAll(async () => {
    closeReceiver();
    await app?.close();
  });

  const rulesCard = () => app.page.locator('.alert-rules');
  const card = (type: string, nth = 0): Locator =>
    rulesCard().locator(`.alert-rule[data-rule-type="${type}"]`).nth(nth);
  const openAlerts = async () => {
    await app.page.getByRole('navigation').first().locator('button.nav-item').nth(6).click();
    await rulesCard().locator('.alert-rule').first().waitFor(WAIT);
  };
  const addRule = async (typeName: string) => {
    await rulesCard().getByLabel('New rule').selectOption({ label: typeName });
    await rulesCard().getByRole('button', { name: '+ Add rule' }).click();
  };

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
    expect(await first.locator('.alert-text').textContent()).toMatch(
      /^Demo [A-Za-z]+: cost rose more than 0 % on \d+ offers \(largest: “.+” .+ → .+, \+[\d.]+ %\)$/,
    );
    await app.screenshot('alerts');

    await first.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('heading', { name: 'Sync', exact: true }).waitFor(WAIT);
    expect(services.alerts.view().unread).toBe(unread - 1);

    await nav.getByRole('button', { name: /^Alerts/ }).click();
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await count.waitFor({ state: 'detached', ...WAIT });
    expect(services.alerts.view().unread).toBe(0);
  }, 90_000);

  it('adds a rule of every type through the form, saves, and finds them all after a reload', async () => {
    const { page } = app;
    const services = app.preview.services;
    const balance = listBalances(services.db).find((b) => b.supplierId === 'demo-dujiao')!;
    expect(balance).toBeDefined();
    // A minimum just above Dujiao's balance: exact decimal text, in the balance's own currency.
    const minimum = new Decimal(balance.amount).plus('0.01').toFixed();
    await openAlerts();
    expect(await card('cost_rise').getByLabel('Rise of more than').inputValue()).toBe('0');
    await expect.poll(() => rulesCard().locator('.alert-unsaved').count()).toBe(0);

    await addRule('Low margin');
    // The new rule's field takes the focus, ready for its threshold.
    await expect
      .poll(() =>
        card('margin_below')
          .getByLabel('Margin below')
          .evaluate((input) => input === document.activeElement),
      )
      .toBe(true);
    await card('margin_below').getByLabel('Margin below').fill('7.5');
    await addRule('Out of stock');
    await addRule('Cost rise');
    await card('cost_rise', 1).getByLabel('Rise of more than').fill('15');
    await addRule('Sync failing');
    await card('sync_failing').getByLabel('Failures in a row').fill('2');
    await addRule('Low balance');
    await card('balance_below').getByLabel('Balance below').fill(minimum);
    await card('balance_below').getByLabel('Currency').selectOption(balance.currency);
    await card('balance_below').getByLabel('Supplier').selectOption({ label: 'Demo Dujiao-Next' });
    await addRule('Order needs attention');
    await card('order_attention').getByRole('checkbox', { name: 'Order needs attention' }).uncheck();

    const channels = page.getByRole('group', { name: 'Channels' });
    await channels.getByRole('checkbox', { name: 'Send to a webhook' }).check();
    await channels.getByLabel('Webhook URL').fill(webhookUrl);
    await channels.getByLabel('Most alerts sent per hour').fill('50');
    await rulesCard().locator('.alert-unsaved', { hasText: 'Unsaved changes' }).waitFor(WAIT);
    await app.screenshot('alerts-rules-form');
    expect(await seriousAxeFindings(page, '.alert-rules')).toEqual([]);
    // Fits the window: nothing on the screen is wider than it.
    expect(await page.locator('main.screen').evaluate((main) => main.scrollWidth <= main.clientWidth)).toBe(true);

    await rulesCard().getByRole('button', { name: 'Save rules' }).click();
    await rulesCard().getByText('Saved.').waitFor(WAIT);
    const expected = {
      rules: [
        { id: 'any-rise', enabled: true, type: 'cost_rise', percent: '0' },
        { id: 'margin-below-1', enabled: true, type: 'margin_below', percent: '7.5' },
        { id: 'best-out-of-stock-1', enabled: true, type: 'best_out_of_stock' },
        { id: 'cost-rise-1', enabled: true, type: 'cost_rise', percent: '15' },
        { id: 'sync-failing-1', enabled: true, type: 'sync_failing', times: 2 },
        {
          id: 'balance-below-1',
          enabled: true,
          type: 'balance_below',
          amount: minimum,
          currency: balance.currency,
          supplierId: 'demo-dujiao',
        },
        { id: 'order-attention-1', enabled: false, type: 'order_attention' },
      ],
      channels: {
        desktop: false,
        webhook: { enabled: true, url: webhookUrl, allowInsecureHttp: false },
        telegram: null,
        language: 'en',
      },
      maxPerHour: 50,
    };
    expect(services.alerts.document()).toEqual(expected);
    expect(await rulesCard().locator('.alert-unsaved').count()).toBe(0);

    await page.reload();
    await openAlerts();
    expect(
      await rulesCard()
        .locator('.alert-rule')
        .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-rule-type'))),
    ).toEqual(expected.rules.map((rule) => rule.type));
    expect(await card('margin_below').getByLabel('Margin below').inputValue()).toBe('7.5');
    expect(await card('cost_rise', 1).getByLabel('Rise of more than').inputValue()).toBe('15');
    expect(await card('sync_failing').getByLabel('Failures in a row').inputValue()).toBe('2');
    expect(await card('balance_below').getByLabel('Balance below').inputValue()).toBe(minimum);
    expect(await card('balance_below').getByLabel('Currency').inputValue()).toBe(balance.currency);
    expect(await card('balance_below').getByLabel('Supplier').inputValue()).toBe('demo-dujiao');
    expect(await card('order_attention').getByRole('checkbox').isChecked()).toBe(false);
    expect(await channels.getByLabel('Webhook URL').inputValue()).toBe(webhookUrl);
    expect(await channels.getByLabel('Most alerts sent per hour').inputValue()).toBe('50');
  }, 90_000);

  it('fires the rules saved through the form, in the app and to the webhook it names', async () => {
    const { page } = app;
    const services = app.preview.services;
    // Two failed runs in a row for a supplier, written as the engine writes them.
    const failed = services.db.prepare(
      `INSERT INTO sync_runs (supplier_id, supplier_kind, started_at, status) VALUES ('demo-seagm', 'seagm', ?, 'failed')`,
    );
    failed.run(new Date().toISOString());
    failed.run(new Date().toISOString());
    await services.alerts.evaluate();
    await services.alerts.idle();

    const raised = services.alerts.view().alerts.map((alert) => [alert.type, alert.ruleId]);
    expect(raised).toContainEqual(['balance_below', 'balance-below-1']);
    expect(raised).toContainEqual(['sync_failing', 'sync-failing-1']);
    await expect
      .poll(() => received.map((alert) => alert.ruleId).sort())
      .toEqual(expect.arrayContaining(['balance-below-1', 'sync-failing-1']));

    await page.locator('.alert-item', { hasText: 'Demo Dujiao-Next: balance' }).waitFor(WAIT);
    await page.locator('.alert-item', { hasText: 'Demo SEAGM: the last 2 syncs failed' }).waitFor(WAIT);
    // What became of each delivery, worded: not main's record ("webhook sent").
    const meta = page.locator('.alert-item', { hasText: 'Demo SEAGM: the last 2 syncs failed' }).locator('.alert-meta');
    await expect.poll(() => meta.innerText()).toContain('Delivery: webhook sent');
  }, 60_000);

  it('words an invalid value where it is typed, refuses to save it, and carries one document between the form and JSON', async () => {
    const services = app.preview.services;
    const before = services.alerts.document();
    const percent = card('margin_below').getByLabel('Margin below');
    await percent.fill('7,5');
    // Worded once the field is left, not while typing.
    expect(await card('margin_below').locator('.field-error').count()).toBe(0);
    await percent.blur();
    await card('margin_below').getByText('A percentage such as 12.5 (at most 6 decimals)').waitFor(WAIT);
    expect(await percent.getAttribute('aria-invalid')).toBe('true');
    await card('sync_failing').getByLabel('Failures in a row').fill('0');
    await rulesCard().getByRole('button', { name: 'Save rules' }).click();
    await card('sync_failing').getByText('A whole number from 1 to 100').waitFor(WAIT);
    await rulesCard().getByText('Not saved: fix the fields marked in red first.').waitFor(WAIT);
    expect(services.alerts.document()).toEqual(before);
    await app.screenshot('alerts-rules-invalid');

    // Cancel: back to what is saved.
    await rulesCard().getByRole('button', { name: 'Cancel' }).click();
    expect(await percent.inputValue()).toBe('7.5');
    expect(await rulesCard().locator('.field-error').count()).toBe(0);

    // The form's edit shows in the JSON, the JSON's edit shows in the form: one document.
    await card('margin_below').getByLabel('Margin below').fill('9');
    await rulesCard().getByRole('checkbox', { name: 'Advanced: edit as JSON' }).check();
    const json = rulesCard().getByLabel('Rules and channels as JSON');
    const document = JSON.parse(await json.inputValue()) as typeof before;
    expect(document).toEqual({
      ...before,
      rules: before.rules.map((rule) => (rule.type === 'margin_below' ? { ...rule, percent: '9' } : rule)),
    });
    await json.fill(
      JSON.stringify({ ...document, rules: [...document.rules, { id: 'late', type: 'sync_failing', times: 0 }] }),
    );
    await rulesCard().getByRole('button', { name: 'Save rules' }).click();
    await rulesCard()
      .locator('.alert-json-problems li', { hasText: 'Rule 8 (late) · times: A whole number from 1 to 100' })
      .waitFor(WAIT);
    await rulesCard().locator('.alert-json-problems').scrollIntoViewIfNeeded();
    await app.screenshot('alerts-rules-json');
    expect(await seriousAxeFindings(app.page, '.alert-rules')).toEqual([]);
    // A document the schema refuses cannot become the form either.
    const asJson = rulesCard().getByRole('checkbox', { name: 'Advanced: edit as JSON' });
    await asJson.click();
    expect(await asJson.isChecked()).toBe(true);
    expect(await json.isVisible()).toBe(true);
    expect(services.alerts.document()).toEqual(before);

    await json.fill(
      JSON.stringify({ ...document, rules: [...document.rules, { id: 'late', type: 'sync_failing', times: 4 }] }),
    );
    await rulesCard().getByRole('checkbox', { name: 'Advanced: edit as JSON' }).uncheck();
    expect(await card('sync_failing', 1).getByLabel('Failures in a row').inputValue()).toBe('4');
    expect(await card('margin_below').getByLabel('Margin below').inputValue()).toBe('9');
    await rulesCard().getByRole('button', { name: 'Save rules' }).click();
    await rulesCard().getByText('Saved.').waitFor(WAIT);
    expect(services.alerts.document().rules.slice(-1)).toEqual([
      { id: 'late', enabled: true, type: 'sync_failing', times: 4 },
    ]);
    expect(services.alerts.document().rules.find((rule) => rule.type === 'margin_below')).toMatchObject({
      percent: '9',
    });

    // Removing a rule is an edit like any other.
    await card('sync_failing', 1).getByRole('button', { name: 'Remove rule “Sync failing”' }).click();
    await rulesCard().getByRole('button', { name: 'Save rules' }).click();
    await rulesCard().getByText('Saved.').waitFor(WAIT);
    expect(services.alerts.document().rules.map((rule) => rule.id)).not.toContain('late');

    // Plain http:// to another computer: refused where it is typed until the channel opts in, as a supplier's address.
    const channels = app.page.getByRole('group', { name: 'Channels' });
    const url = channels.getByLabel('Webhook URL');
    await url.fill('http://192.168.1.20/hook');
    await url.blur();
    await channels
      .getByText('Unencrypted http:// to another computer: use https://, or allow insecure HTTP for it')
      .waitFor(WAIT);
    await channels.getByText('192.168.1.20').first().waitFor(WAIT);
    await rulesCard().getByRole('button', { name: 'Save rules' }).click();
    await rulesCard().getByText('Not saved: fix the fields marked in red first.').waitFor(WAIT);
    expect(services.alerts.document().channels.webhook?.url).toBe(webhookUrl);
    await app.screenshot('alerts-webhook-insecure-http');
    await channels.getByRole('checkbox', { name: 'Allow insecure HTTP for this address' }).check();
    await rulesCard().getByRole('button', { name: 'Save rules' }).click();
    await rulesCard().getByText('Saved.').waitFor(WAIT);
    expect(services.alerts.document().channels.webhook).toEqual({
      enabled: true,
      url: 'http://192.168.1.20/hook',
      allowInsecureHttp: true,
    });
    // Back to the receiver on this machine, which needs no opt-in.
    await channels.getByRole('checkbox', { name: 'Allow insecure HTTP for this address' }).uncheck();
    await url.fill(webhookUrl);
    expect(await channels.getByRole('checkbox', { name: 'Allow insecure HTTP for this address' }).count()).toBe(0);
    await rulesCard().getByRole('button', { name: 'Save rules' }).click();
    await rulesCard().getByText('Saved.').waitFor(WAIT);
    expect(services.alerts.document().channels.webhook).toEqual({
      enabled: true,
      url: webhookUrl,
      allowInsecureHttp: false,
    });
  }, 90_000);

  it('says the same in Simplified Chinese, and seals a channel secret', async () => {
    const { page } = app;
    const services = app.preview.services;
    const before = services.alerts.document();
    await reloadIn(page, { language: 'zh-CN', theme: 'light' });
    await openAlerts();
    await card('balance_below').getByLabel('余额低于').fill('12.5.0');
    await card('balance_below').getByLabel('余额低于').blur();
    await card('balance_below').getByText('请输入金额，例如 50 或 12.50（最多 6 位小数）').waitFor(WAIT);
    await page.getByRole('group', { name: '渠道' }).getByLabel('每小时最多发送').fill('');
    await rulesCard().getByRole('button', { name: '保存规则' }).click();
    await page.getByRole('group', { name: '渠道' }).getByText('必填').waitFor(WAIT);
    await rulesCard().getByText('未保存：请先修正标红的字段。').waitFor(WAIT);
    expect(services.alerts.document()).toEqual(before);
    await rulesCard().locator('.alert-rule[data-rule-type="balance_below"]').scrollIntoViewIfNeeded();
    await app.screenshot('alerts-rules-invalid-zh');
    expect(await seriousAxeFindings(page, '.alert-rules')).toEqual([]);
    expect(await page.locator('main.screen').evaluate((main) => main.scrollWidth <= main.clientWidth)).toBe(true);
    // Every rule type, its fields, errors and every option of its pickers, in Chinese (codes and names aside).
    const texts = await rulesCard().evaluate((root) => {
      const found: Array<{ text: string; where: string }> = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement!;
        const text = (node.textContent ?? '').trim();
        if (
          text &&
          !element.closest('[translate="no"]') &&
          element.closest('[lang]')?.getAttribute('lang')?.startsWith('zh')
        )
          found.push({ text, where: element.className || element.tagName });
      }
      return found;
    });
    expect(texts.length).toBeGreaterThan(100);
    expect(describeOffenders(latinOffenders(texts, ['Dujiao-Next']))).toBe('');
    await rulesCard().getByRole('button', { name: '取消' }).click();

    await page.getByLabel('Telegram 机器人令牌').fill('123:secret-token');
    await page
      .locator('.alert-secret', { hasText: 'Telegram 机器人令牌' })
      .getByRole('button', { name: '设置' })
      .click();
    await page.locator('.alert-secret', { hasText: 'Telegram 机器人令牌' }).getByText('已保存（加密）').waitFor(WAIT);
    // Sealed at rest, and never sent back to the renderer.
    expect(JSON.stringify(services.alerts.settings())).not.toContain('secret-token');
    expect(JSON.stringify(services.db.prepare('SELECT * FROM app_state').all())).not.toContain('secret-token');
    await page.locator('.alert-secrets').scrollIntoViewIfNeeded();
    await app.screenshot('alerts-rules-zh');
  }, 90_000);
});
