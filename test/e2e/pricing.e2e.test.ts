import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Decimal from 'decimal.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/api/handlers';
import { listRates } from '../../src-main/db/rates-repo';
import { queryGrid } from '../../src-main/grid/query';
import { loadRuleSet } from '../../src-main/pricing/rules-store';
import { launchApp, reloadIn, type E2eApp } from './harness';

const WAIT = { timeout: 15_000 };
const ECB_XML = readFileSync(new URL('../fixtures/eurofxref-daily.xml', import.meta.url), 'utf8');

async function open(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen, exact: true }).click();
  await page.locator('main.screen').evaluate((main) => main.scrollTo(0, 0));
}

describe('Pricing: rules with a live preview, locks and currency rates', () => {
  let app: E2eApp;
  let ratesServer: Server;
  let ratesBase: string;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 800 } });
    await app.preview.services.sync();
    // A stand-in for the ECB: the same daily XML, served on loopback, so the test needs no internet.
    ratesServer = createServer((req, res) => {
      if (req.url === '/eurofxref-daily.xml') {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(ECB_XML);
      } else {
        res.writeHead(404);
        res.end('not here');
      }
    });
    await new Promise<void>((resolve) => ratesServer.listen(0, '127.0.0.1', resolve));
    ratesBase = `http://127.0.0.1:${(ratesServer.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise((resolve) => ratesServer?.close(resolve));
    await app?.close();
  });

  const services = () => app.preview.services;
  const currency = () => services().settings().currency;

  it('lists the saved rules and shows the server’s validation message when a save is refused', async () => {
    const { page } = app;
    await open(page, 'Pricing');
    await page.locator('.rules-table .rule-row').first().waitFor(WAIT);
    expect(await page.locator('.rules-table .rule-row').count()).toBe(
      loadRuleSet(services().db, currency()).rules.length,
    );
    await page.getByText('Change a rule to see how sale prices would move').waitFor(WAIT);
    await app.screenshot('pricing');

    await page.getByRole('button', { name: '+ Add rule' }).click();
    const editor = page.locator('.rule-editor');
    await editor.waitFor(WAIT);
    await editor.locator('input[name=min]').fill('20');
    await editor.locator('input[name=max]').fill('5');
    await page.getByRole('button', { name: 'Save rules' }).click();
    const refusal = page.locator('.save-error');
    await refusal.waitFor(WAIT);
    expect(await refusal.textContent()).toContain('min must be below max');
    await app.screenshot('pricing-save-error');

    // A typo is caught in the editor itself, before main is asked.
    await editor.locator('input[name=percent]').fill('12,5');
    await editor.getByText('A number such as 12.5').waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Save rules' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Remove rule 4' }).click();
    await page.locator('.save-error').waitFor({ state: 'detached', ...WAIT });
    await page.getByText('Change a rule to see how sale prices would move').waitFor(WAIT);
  }, 60_000);

  it('previews all +50% live before saving, then the Grid’s sale prices follow the saved rule', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Flat +30%' }).click();
    expect(await page.locator('.rules-table .rule-row').count()).toBe(1);
    await page.getByRole('button', { name: 'Edit rule 1' }).click();
    const editor = page.locator('.rule-editor');
    await editor.locator('input[name=percent]').fill('50');
    await editor.locator('select[name=rounding]').selectOption('none');

    const draft = {
      currency: currency(),
      rules: [{ id: 'tier-1', scope: { type: 'all' as const }, percent: '50', rounding: { mode: 'none' as const } }],
      locks: [],
    };
    const expected = await createHandlers(services())['pricing.preview'](draft);
    expect(expected.changed).toBeGreaterThan(0);
    const result = page.locator('[data-testid=preview-result]:not(.stale)');
    await result.getByText(`${expected.changed.toLocaleString('en-US')} sale prices change`).waitFor(WAIT);
    expect(await result.locator('.preview-stats').textContent()).toContain(`${expected.up.toLocaleString('en-US')} up`);
    expect(await result.locator('.preview-example').count()).toBe(Math.min(6, expected.examples.length));
    await page.getByText('Unsaved changes').waitFor(WAIT);
    await app.screenshot('pricing-preview');

    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Saved — sale prices in the Grid are updated.').waitFor(WAIT);
    const saved = loadRuleSet(services().db, currency());
    expect(saved.rules).toEqual([{ id: 'tier-1', scope: { type: 'all' }, percent: '50', rounding: { mode: 'none' } }]);

    const page1 = queryGrid(services().db, { limit: 200 }, services().gridScope());
    const priced = page1.rows.filter((row) => row.bestCost && !row.locked);
    expect(priced.length).toBeGreaterThan(50);
    for (const row of priced) {
      const want = new Decimal(row.bestCost!.amount).times('1.5').toDecimalPlaces(2, Decimal.ROUND_CEIL);
      expect(
        new Decimal(row.salePrice!.amount).equals(want),
        `${row.title}: ${row.bestCost!.amount} → ${row.salePrice!.amount}`,
      ).toBe(true);
      expect(row.ruleId).toBe('tier-1');
    }
  }, 60_000);

  it('lists locked prices and unlocks them', async () => {
    const { page } = app;
    const row = queryGrid(services().db, { limit: 1 }, services().gridScope()).rows[0];
    await createHandlers(services())['pricing.lock']({
      target: { type: 'plan', planKey: row.planKey },
      price: { amount: '9.99', currency: currency() },
      note: 'launch offer',
    });
    await open(page, 'Sync');
    await open(page, 'Pricing');
    const lockRow = page.locator('.locks-table tbody tr');
    await lockRow.first().waitFor(WAIT);
    expect(await lockRow.count()).toBe(1);
    expect(await lockRow.textContent()).toContain('9.99 USD');
    expect(await lockRow.textContent()).toContain('launch offer');
    await lockRow.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('No locked prices.').waitFor(WAIT);
    expect(loadRuleSet(services().db, currency()).locks).toEqual([]);
  }, 60_000);

  it('edits a rate inline, refuses a bad one with the server’s message, and fetches ECB rates', async () => {
    const { page } = app;
    const cny = page.locator('.rate-row[data-currency=CNY]');
    await cny.scrollIntoViewIfNeeded();
    await cny.locator('.rate-value').click();
    await cny.locator('input').fill('abc');
    await cny.locator('input').press('Enter');
    await cny.locator('.rate-error').waitFor(WAIT);
    expect(await cny.locator('.rate-error').textContent()).toContain('must be a positive decimal');
    expect(await cny.locator('.rate-error').textContent()).toBe(
      'The rate for CNY must be a positive decimal such as 0.1389, not "abc"',
    );
    await cny.locator('input').fill('0.15');
    await cny.getByRole('button', { name: 'Save' }).click();
    await cny.locator('.rate-value', { hasText: '0.15' }).waitFor(WAIT);
    expect(await cny.textContent()).toContain('entered by hand');
    expect(listRates(services().db, currency()).find((rate) => rate.currency === 'CNY')?.perUnit).toBe('0.15');

    services().updateSettings({ ratesUrl: `${ratesBase}/missing.xml` });
    await open(page, 'Settings');
    await open(page, 'Pricing');
    await page.locator('.rates-url', { hasText: '/missing.xml' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Fetch ECB rates' }).click();
    await page.locator('.rates-fetch-error').waitFor(WAIT);
    expect(await page.locator('.rates-fetch-error').textContent()).toContain('HTTP 404');

    services().updateSettings({ ratesUrl: `${ratesBase}/eurofxref-daily.xml` });
    await open(page, 'Settings');
    await open(page, 'Pricing');
    await page.locator('.rates-url', { hasText: '/eurofxref-daily.xml' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Fetch ECB rates' }).click();
    await page.locator('.rates-fetched', { hasText: 'rates updated, dated 2026-11-20' }).waitFor(WAIT);
    const eur = page.locator('.rate-row[data-currency=EUR]');
    await eur.getByText('2026-11-20').waitFor(WAIT);
    expect(await eur.textContent()).toContain('ECB reference rates via 127.0.0.1');
    expect(listRates(services().db, currency()).find((rate) => rate.currency === 'EUR')?.asOf).toBe('2026-11-20');
    await page.locator('.rates-card').scrollIntoViewIfNeeded();
    await app.screenshot('pricing-rates');
  }, 60_000);
  it('names an offer-scoped lock and a plan-scoped rule by their titles in English and Chinese, ids only on hover and in the details line', async () => {
    const { page } = app;
    const handlers = createHandlers(services());
    const [en, zh] = await Promise.all(
      ['en', 'zh-CN'].map((language) => handlers['grid.query']({ language, limit: 500 })),
    );
    const zhTitle = new Map(zh.rows.map((row) => [row.planKey, row.title]));
    // Titled differently in each language, so the screen can only pass by reading the reader's language.
    const plan = en.rows.find((row) => zhTitle.has(row.planKey) && zhTitle.get(row.planKey) !== row.title)!;
    const offerRow = services()
      .db.prepare(
        `SELECT product_id, sku_id, variant, titles_json FROM offers
      WHERE supplier_id = 'demo-mesim' AND removed_at IS NULL AND titles_json LIKE '%"zh-CN"%' LIMIT 1`,
      )
      .get() as { product_id: string; sku_id: string; variant: string; titles_json: string };
    const offerTitles = JSON.parse(offerRow.titles_json) as Record<string, string>;
    const offer = {
      type: 'offer' as const,
      supplierId: 'demo-mesim',
      productId: offerRow.product_id,
      skuId: offerRow.sku_id,
      variant: offerRow.variant,
    };
    const saved = loadRuleSet(services().db, currency());
    await handlers['pricing.saveRules']({
      ...saved,
      rules: [
        ...saved.rules,
        { id: 'one-plan', scope: { type: 'plan', planKey: plan.planKey }, percent: '12', rounding: { mode: 'none' } },
      ],
    });
    await handlers['pricing.lock']({ target: offer, price: { amount: '4.44', currency: currency() } });

    await open(page, 'Sync');
    await open(page, 'Pricing');
    const ruleScope = page.locator('.rule-row[data-rule=one-plan] .rule-scope');
    const lockTarget = page.locator('.locks-table .lock-target');
    await ruleScope.getByText(plan.title).waitFor(WAIT);
    await lockTarget.getByText(offerTitles.en).waitFor(WAIT);
    expect(await ruleScope.textContent()).toBe(`Plan: ${plan.title}`);
    expect(await lockTarget.textContent()).toBe(`Demo MeSIM offer: ${offerTitles.en}`);
    // The ids: on hover, and in the muted line under the name, never as the name.
    expect(await ruleScope.getAttribute('title')).toBe(`Plan key: ${plan.planKey}`);
    expect(await page.locator('.rule-row[data-rule=one-plan] .scope-ids code').allTextContents()).toEqual([
      plan.planKey,
    ]);
    expect(await lockTarget.getAttribute('title')).toContain(`Product id: ${offer.productId}`);
    expect(await page.locator('.locks-table .scope-ids code').allTextContents()).toEqual([
      offer.productId,
      offer.skuId,
      ...(offer.variant ? [offer.variant] : []),
    ]);
    await page.locator('.locks-card').scrollIntoViewIfNeeded();
    await app.screenshot('pricing-names-en');

    await reloadIn(page, { language: 'zh-CN', theme: 'light' });
    await page.locator('nav.sidebar .nav-item').nth(3).click();
    await ruleScope.getByText(zhTitle.get(plan.planKey)!).waitFor(WAIT);
    expect(await ruleScope.textContent()).toBe(`套餐：${zhTitle.get(plan.planKey)}`);
    expect(await lockTarget.textContent()).toBe(`MeSIM（演示） 的商品：${offerTitles['zh-CN']}`);
    expect(await page.locator('.rule-row[data-rule=one-plan] .scope-ids').textContent()).toBe(`套餐键 ${plan.planKey}`);
    await page.locator('.locks-card').scrollIntoViewIfNeeded();
    await app.screenshot('pricing-names-zh-CN');
  }, 60_000);
});
