import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/api/handlers';
import type { ApiContract } from '../../src-shared/contract';
import type { OfferRef, PlanRow } from '../../src-shared/grid-types';
import { decodeCodedIssue } from '../../src-shared/coded-issue';
import { describeOffenders, latinOffenders, type VisibleText } from '../helpers/latin-words';
import { visibleTexts } from './visible-texts';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 20_000 };

async function openScreen(page: Page, index: number) {
  await page.locator('nav.sidebar .nav-item').nth(index).click();
  await page.locator('main.screen').evaluate((main) => main.scrollTo(0, 0));
}

const SCREEN = { grid: 0, suppliers: 1, sync: 2, pricing: 3, export: 4, orders: 5, alerts: 6, settings: 7 };

// The walk runs in English too, for its screenshots (zh-walk-*, en-walk-*): the same screens to look at side by side.
describe.each(['zh-CN', 'en'])('every screen, dialog and drawer in %s', (locale) => {
  let app: E2eApp;
  let server: ApiContract;
  const seen: VisibleText[] = [];
  /** The merchant's own data that may show on screen in any language: titles, categories and ids from suppliers. */
  const data: string[] = [];

  async function look(step: string) {
    await app.page.waitForTimeout(150);
    seen.push(...(await visibleTexts(app.page, step)));
    await app.screenshot(`${locale === 'zh-CN' ? 'zh' : 'en'}-walk-${step}`);
  }

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 720 }, locale });
    server = createHandlers(app.preview.services);
    await app.preview.services.sync();
    const db = app.preview.services.db;
    const strings = (json: string | null): string[] => {
      const found: string[] = [];
      const visit = (value: unknown) => {
        if (typeof value === 'string') found.push(value);
        else if (value && typeof value === 'object') Object.values(value).forEach(visit);
      };
      visit(json ? JSON.parse(json) : null);
      return found;
    };
    for (const row of db
      .prepare('SELECT product_id, sku_id, variant, titles_json, category_json, fulfillment_json FROM offers')
      .all() as Array<Record<string, string | null>>) {
      data.push(row.product_id!, row.sku_id!, row.variant ?? '');
      // Buyer fields (a top-up's "Phone number") are labelled by the supplier.
      data.push(...strings(row.fulfillment_json));
      data.push(...Object.values(JSON.parse(row.titles_json ?? '{}') as Record<string, string>));
      const category = row.category_json
        ? (JSON.parse(row.category_json) as { id: string; path?: Array<{ names?: Record<string, string> }> })
        : null;
      if (category)
        data.push(category.id, ...(category.path ?? []).flatMap((level) => Object.values(level.names ?? {})));
    }
    for (const language of ['zh-CN', 'en']) {
      const page = await server['grid.query']({ language, limit: 5000 });
      data.push(...page.rows.map((row) => row.title));
    }
    data.push(app.dataDir);
    // A store's column names are the store's own words ("URL handle", "Inventory quantity"), quoted as they are.
    for (const preset of await server['export.presets']()) data.push(...preset.columns);
    // The search box's example of a query in English, and what the walk types into a rate.
    data.push('Japan', 'abc');

    // Orders with several timeline events: a Dujiao-Next eSIM followed to delivery, a BillionConnect one waiting for its push.
    const esims = await server['grid.query']({ kinds: ['esim'], language: 'zh-CN', limit: 5000 });
    const orderable = (supplier: string): OfferRef | null => {
      for (const row of esims.rows) {
        const offer = row.offers.find((o) => o.supplier === supplier && o.orderable && o.stock.status !== 'out');
        if (offer)
          return { supplier: offer.supplier, productId: offer.productId, skuId: offer.skuId, variant: offer.variant };
      }
      return null;
    };
    for (const supplier of ['demo-dujiao', 'demo-billionconnect']) {
      const offer = orderable(supplier);
      expect(offer, `an orderable eSIM from ${supplier}`).not.toBeNull();
      const order = await server['orders.place']({ offer: offer!, confirm: true });
      data.push(order.title, order.idempotencyKey, order.upstreamOrderId ?? '');
    }
    // The demo Dujiao-Next answers "processing" first, then delivers on a later poll.
    for (
      let tries = 0;
      tries < 150 && (await server['orders.list']()).find((o) => o.supplier === 'demo-dujiao')?.status !== 'delivered';
      tries++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    for (const order of await server['orders.list']())
      data.push(order.title, order.idempotencyKey, order.upstreamOrderId ?? '');

    // A locked plan price, so Locked prices has a row to name.
    const first: PlanRow = (await server['grid.query']({ language: 'zh-CN', limit: 1 })).rows[0];
    await server['pricing.lock']({
      target: { type: 'plan', planKey: first.planKey },
      price: { amount: '9.99', currency: 'USD' },
    });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('walks the app and, in zh-CN, finds no English outside the allowlist', async () => {
    const { page } = app;
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);

    await openScreen(page, SCREEN.grid);
    await page.locator('.grid-row').first().waitFor(WAIT);
    await look('grid');
    // Every menu of the filter bar (suppliers, columns), each opened and closed again.
    const menus = page.locator('.filter-button');
    for (let index = 0; index < (await menus.count()); index++) {
      await menus.nth(index).click();
      await look(`grid-menu-${index}`);
      await menus.nth(index).click();
    }
    if (await page.locator('.possible-matches-button').count()) {
      await page.locator('.possible-matches-button').click();
      await look('grid-possible-matches');
      await page.locator('.possible-matches-button').click();
    }
    // Two rows ticked: the bulk bar.
    await page.locator('.grid-row .row-check').nth(0).check();
    await page.locator('.grid-row .row-check').nth(1).check();
    await page.locator('.bulk-bar').waitFor(WAIT);
    await look('grid-bulk-bar');
    // Its last button clears the selection.
    await page.locator('.bulk-bar button').last().click();
    await page.locator('.bulk-bar').waitFor({ state: 'detached', ...WAIT });
    await page
      .locator('.grid-row')
      .first()
      .click({ position: { x: 60, y: 18 } });
    const drawer = page.locator('aside.detail-panel');
    await drawer.locator('.offer-card').first().waitFor(WAIT);
    await look('grid-drawer');
    // A row priced by a rule (the first one is locked): the rule by its name, not its id.
    const ruled = (await server['grid.query']({ language: 'zh-CN', limit: 100 })).rows.find(
      (row) => row.ruleId && !row.locked && !/[\u0000-\u001f"]/.test(row.planKey),
    )!;
    await page.locator(`.grid-row[data-plan-key="${ruled.planKey}"]`).click({ position: { x: 60, y: 18 } });
    await drawer.locator('.pricing-summary .stat-note span[title]').waitFor(WAIT);
    await look('grid-drawer-rule');
    await page
      .locator('.grid-row')
      .first()
      .click({ position: { x: 60, y: 18 } });
    await drawer.locator('.offer-card').first().locator('button[aria-expanded]').click();
    await look('grid-drawer-move');
    const orderButton = drawer
      .locator('.offer-card button')
      .filter({ hasText: /测试|test order/i })
      .first();
    if (await orderButton.count()) {
      await orderButton.click();
      await page.getByRole('dialog').locator('[data-testid=order-quote]').waitFor(WAIT);
      await look('grid-order-dialog');
      await page.keyboard.press('Escape');
    }

    await openScreen(page, SCREEN.suppliers);
    await page.locator('main h1').waitFor(WAIT);
    await look('suppliers');
    const add = page.locator('main.screen button.primary').first();
    if (await add.count()) {
      await add.click();
      await page.getByRole('dialog').waitFor(WAIT);
      await look('suppliers-form');
      await page.keyboard.press('Escape');
    }

    await openScreen(page, SCREEN.sync);
    await page.locator('.run-item').first().waitFor(WAIT);
    await look('sync');
    await page.locator('.run-item').first().click();
    await page.waitForTimeout(500);
    await look('sync-run');

    await openScreen(page, SCREEN.pricing);
    await page.locator('.rule-row').first().waitFor(WAIT);
    await page.locator('.locks-table .lock-target').first().waitFor(WAIT);
    await look('pricing');
    await page.locator('.rule-row').first().locator('button[aria-expanded]').click();
    await look('pricing-rule-editor');
    const rate = page.locator('.rate-row').first();
    await rate.scrollIntoViewIfNeeded();
    await rate.locator('button').first().click();
    await rate.locator('input').fill('abc');
    await rate.locator('input').press('Enter');
    await rate.locator('.rate-error').waitFor(WAIT);
    await look('pricing-rate-error');

    await openScreen(page, SCREEN.export);
    await page.locator('main h1').waitFor(WAIT);
    await page.waitForTimeout(500);
    await look('export');

    await openScreen(page, SCREEN.orders);
    await page.locator('.order-item').first().waitFor(WAIT);
    for (const supplier of ['demo-dujiao', 'demo-billionconnect']) {
      const order = (await server['orders.list']()).find((o) => o.supplier === supplier)!;
      expect(order.timeline.length, `${supplier}'s order has several timeline events`).toBeGreaterThanOrEqual(2);
      await page.locator(`.order-item[data-order="${order.id}"]`).click();
      await page.locator(`.order-detail[data-order="${order.id}"] .timeline-entry`).nth(1).waitFor(WAIT);
      await look(`orders-${supplier}`);
    }
    // The BillionConnect eSIM's PIN, PUK and APN, revealed: our labels in the reader's language around its values.
    const bcOrder = (await server['orders.list']()).find((o) => o.supplier === 'demo-billionconnect')!;
    const revealed = await server['orders.reveal'](bcOrder.id);
    for (const line of revealed.delivery?.text?.split('\n') ?? [])
      data.push(...Object.values(decodeCodedIssue(line)?.params ?? {}), line);
    await page.locator(`.order-item[data-order="${bcOrder.id}"]`).click();
    const detail = page.locator(`.order-detail[data-order="${bcOrder.id}"]`);
    await detail.locator('.delivery-head button.primary').click();
    const deliveryText = detail.locator('.delivery-text pre');
    await deliveryText.waitFor(WAIT);
    await deliveryText.scrollIntoViewIfNeeded();
    expect(await deliveryText.textContent()).toMatch(
      locale === 'zh-CN' ? /^PIN 码：\d+\nPUK 码：\d+\nAPN（接入点）：/ : /^PIN \d+\nPUK \d+\nAPN /,
    );
    await look('orders-demo-billionconnect-revealed');
    await page.locator('main.screen .page-head button.primary, main.screen button.primary').first().click();
    await page.getByRole('dialog').waitFor(WAIT);
    await page.waitForTimeout(500);
    await look('orders-new-dialog');
    await page.keyboard.press('Escape');

    await openScreen(page, SCREEN.alerts);
    await page.locator('.alerts-screen').waitFor(WAIT);
    await look('alerts');

    await openScreen(page, SCREEN.settings);
    await page.locator('.data-dir').waitFor(WAIT);
    await look('settings');

    if (locale !== 'zh-CN') return;
    const offenders = latinOffenders(seen, data);
    // The list itself is the message: each offending text, its words and where it is.
    expect(describeOffenders(offenders), 'English on zh-CN screens').toBe('');
  }, 240_000);
});
