import jsQR from 'jsqr';
import type { Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src-shared/contract';
import { createHandlers } from '../../src-main/api/handlers';
import { appleSetupLink, parseLpa } from '../../src-main/domain/lpa';
import type { GridOffer, OfferRef, PlanRow } from '../../src-shared/grid-types';
import type { Money } from '../../src-main/domain/money';
import type { OrderView } from '../../src-shared/order-types';
import { launchApp, type E2eApp } from './harness';
import { supplierOfferKey } from '../../src-main/domain/offer';

/** Every wait is bounded: a hung page must fail the test, not the whole run. */
const WAIT = { timeout: 20_000 };
const POLL = { timeout: 20_000, interval: 100 };

/**
 * An amount as the screens must show it, worked out here rather than by the renderer's own formatMoney: Intl formats
 * the decimal string exactly (no float), digits grouped, in the currency's minor units, with the currency after it.
 */
const minorDigits = (currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
const shown = (money: Money | null | undefined): string => {
  if (!money) return '—';
  const digits = minorDigits(money.currency);
  return `${new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(money.amount as `${number}`)} ${money.currency}`;
};

const cssValue = (value: string) =>
  value.replace(/["\\]/g, '\\$&').replace(/[\u0000-\u001f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);
const rowSelector = (planKey: string) => `.grid-row[data-plan-key="${cssValue(planKey)}"]`;
const offerCard = (offer: OfferRef) => `.offer-card[data-offer="${cssValue(supplierOfferKey(offer))}"]`;
const refOf = (offer: OfferRef): OfferRef => ({
  supplier: offer.supplier,
  productId: offer.productId,
  skuId: offer.skuId,
  variant: offer.variant,
});
const sameRef = (a: OfferRef, b: OfferRef | null) =>
  b !== null &&
  a.supplier === b.supplier &&
  a.productId === b.productId &&
  a.skuId === b.skuId &&
  a.variant === b.variant;

async function openScreen(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
}

/** Finds the row in the Grid by its title and opens its drawer, as a merchant would. */
async function openGridRow(page: Page, row: PlanRow) {
  await openScreen(page, 'Grid');
  await page.getByRole('searchbox', { name: 'Search plans' }).fill(row.title);
  const line = page.locator(rowSelector(row.planKey));
  await line.waitFor(WAIT);
  // With the drawer open the right part of a row lies under it: click on the title.
  await line.click({ position: { x: 60, y: 18 } });
  await page.getByRole('complementary', { name: 'Plan details' }).locator(offerCard(row.offers[0])).waitFor(WAIT);
}

/** Sideways overflow of an element: anything above zero is content cut off or a horizontal scrollbar. */
async function sidewaysOverflow(locator: Locator): Promise<number> {
  return locator.evaluate((element) => element.scrollWidth - element.clientWidth);
}

/** Text that spills out of its box without an ellipsis, inside `root`. */
async function spilledText(root: Locator): Promise<string[]> {
  return root.evaluate((element) => {
    const offenders: string[] = [];
    for (const node of element.querySelectorAll<HTMLElement>('*')) {
      if (node.children.length > 0 || !node.textContent?.trim()) continue;
      if (node.scrollWidth <= node.clientWidth + 1) continue;
      const style = getComputedStyle(node);
      if (style.overflowX === 'visible' && style.display === 'inline') continue;
      if (style.textOverflow === 'ellipsis' && node.closest('[title]')) continue;
      offenders.push(
        `${node.tagName.toLowerCase()}.${node.className}: "${node.textContent}" (${node.scrollWidth} > ${node.clientWidth})`,
      );
    }
    return offenders;
  });
}

function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

async function placeFromDialog(page: Page, expectedBalance: string | null): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: 'Place a test order' });
  await dialog.waitFor(WAIT);
  if (expectedBalance)
    await expect.poll(() => dialog.getByTestId('quote-balance').textContent(), POLL).toBe(expectedBalance);
  const place = dialog.getByRole('button', { name: /^Place order/ });
  expect(await place.isDisabled()).toBe(true);
  // Every supplier here is a demo one: the dialog says so, and never that real money is spent.
  expect(await dialog.textContent()).not.toContain('spends real money');
  await dialog.getByRole('checkbox', { name: 'Place this demo order (nothing is charged)' }).check();
  await expect.poll(() => place.isEnabled(), POLL).toBe(true);
  return place;
}

describe('Test orders, light theme, English, at 1280×800', () => {
  /** Orders a demo BillionConnect eSIM as a merchant would: New test order on the Orders screen, find it, place it. */
  const placeBillionConnectOrder = async (pickerScreenshot?: string): Promise<void> => {
    const { page } = app;
    const rows = await server['grid.query']({
      kinds: ['esim'],
      suppliers: ['demo-billionconnect'],
      language: 'en',
      limit: 500,
    });
    const row = rows.rows.find((r) => r.offers.some((o) => o.supplier === 'demo-billionconnect' && o.orderable));
    expect(row).toBeDefined();
    await openScreen(page, 'Test orders');
    await page.getByRole('button', { name: 'New test order' }).first().click();
    const picker = page.getByRole('dialog', { name: 'Place a test order' });
    await picker.getByRole('searchbox', { name: 'Find the offer to order' }).fill(row!.title);
    const pickerRow = picker.locator('.picker-row', { hasText: row!.title }).first();
    await pickerRow.waitFor(WAIT);
    if (pickerScreenshot) await app.screenshot(pickerScreenshot);
    await pickerRow
      .getByRole('button', { name: /Demo BillionConnect/ })
      .first()
      .click();
    await (await placeFromDialog(page, null)).click();
  };
  let app: E2eApp;
  let server: ApiContract;
  let esimRow: PlanRow;
  let esimOffer: GridOffer;
  let esimOrder: OrderView;
  let cardOrder: OrderView | null = null;
  const dialog = () => app.page.getByRole('dialog');

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 800 } });
    server = createHandlers(app.preview.services);
    await app.page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.preview.appUrl).origin });
    await app.preview.services.sync();
    const esims = await server['grid.query']({ kinds: ['esim'], language: 'en', limit: 5000 });
    // A row whose best offer is a demo eSIM from Dujiao-Next (it answers "processing" first, then delivers) or MeSIM.
    for (const supplier of ['demo-dujiao', 'demo-mesim']) {
      const found = esims.rows.find(
        (row) =>
          row.best?.supplier === supplier &&
          row.offers.some((offer) => sameRef(offer, row.best) && offer.orderable && offer.stock.status !== 'out'),
      );
      if (found) {
        esimRow = found;
        esimOffer = found.offers.find((offer) => sameRef(offer, found.best))!;
        break;
      }
    }
    expect(esimRow, 'an orderable demo eSIM from Dujiao-Next or MeSIM').toBeDefined();
  }, 90_000);
  afterAll(async () => {
    await app?.close();
  });

  it('starts with an empty history that points to the Grid', async () => {
    const { page } = app;
    await openScreen(page, 'Test orders');
    await page.getByText('No test orders yet').waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Open the Grid' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByTestId('cap-status').textContent(), POLL)
      .toBe('Spent today 0.00 USD · 200.00 USD left');
    expect(await sidewaysOverflow(page.locator('main.screen'))).toBeLessThanOrEqual(0);
  }, 30_000);

  it('orders a demo eSIM from the Grid drawer: quote with balance, confirmation, live progress to delivered', async () => {
    const { page } = app;
    await openGridRow(page, esimRow);
    const quote = await server['orders.quote'](refOf(esimOffer));
    expect(quote.balance).not.toBeNull();
    await page
      .getByRole('complementary', { name: 'Plan details' })
      .locator(offerCard(esimOffer))
      .getByRole('button', { name: 'Place test order' })
      .click();

    const place = await placeFromDialog(page, shown(quote.balance));
    const quoteBox = dialog().getByTestId('order-quote');
    expect(await quoteBox.getByTestId('quote-cost').textContent()).toContain(shown(quote.cost));
    // The cap is on by default (200 in the merchant's currency).
    expect(await quoteBox.getByTestId('quote-cap').textContent()).toMatch(/ left of 200\.00 USD /);
    expect(await dialog().textContent()).toContain('built-in simulator');
    expect(await sidewaysOverflow(dialog().locator('.order-dialog-body'))).toBeLessThanOrEqual(0);
    await app.screenshot('orders-dialog-quote');

    await place.click();
    const outcome = dialog().locator('.order-outcome');
    await expect.poll(() => outcome.getAttribute('data-status'), POLL).toBe('delivered');
    expect(await dialog().locator('.progress-step.done').count()).toBe(3);
    expect(await dialog().locator('.timeline-entry').count()).toBeGreaterThanOrEqual(2);
    esimOrder = (await server['orders.list'](1))[0];
    expect(esimOrder).toMatchObject({ status: 'delivered', supplier: esimOffer.supplier });
    expect(await dialog().getByRole('heading', { level: 2 }).textContent()).toBe(`Test order #${esimOrder.id}`);
    // Masked until revealed: no QR, the code shown with dots, nothing to install.
    expect(await dialog().getByTestId('order-qr').count()).toBe(0);
    expect(await dialog().locator('[data-field="activation-code"] code').textContent()).toMatch(/^•+[0-9A-Z]{4}$/);
    expect(await dialog().getByRole('button', { name: 'Copy Activation code' }).isDisabled()).toBe(true);
    await app.screenshot('orders-masked');
  }, 60_000);

  it('reveals the delivery: our QR decodes to exactly the LPA, with address and code shown apart', async () => {
    const { page } = app;
    const revealed = await server['orders.reveal'](esimOrder.id);
    const lpa = revealed.delivery!.lpa!;
    const parts = parseLpa(lpa);
    if (!parts.ok) throw new Error(parts.problem.code);

    await dialog().getByRole('button', { name: 'Reveal' }).click();
    const qr = dialog().getByTestId('order-qr');
    await qr.waitFor(WAIT);
    await expect
      .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), POLL)
      .toBe(true);
    const box = (await qr.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(240);
    expect(await qr.evaluate((img) => getComputedStyle(img).imageRendering)).toBe('pixelated');
    expect(decodeQr(await qr.screenshot())).toBe(lpa);

    expect(await dialog().locator('[data-field="smdp"] code').textContent()).toBe(parts.value.smdpAddress);
    expect(await dialog().locator('[data-field="activation-code"] code').textContent()).toBe(
      parts.value.activationCode,
    );
    expect(await dialog().locator('[data-field="lpa"] code').textContent()).toBe(lpa);
    expect(await dialog().locator('[data-field="iccid"] code').textContent()).toBe(revealed.delivery!.iccid);
    expect(await dialog().getByRole('link', { name: 'Open install link' }).getAttribute('href')).toBe(
      appleSetupLink(lpa),
    );

    await dialog()
      .locator('[data-field="activation-code"]')
      .getByRole('button', { name: 'Copy Activation code' })
      .click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), POLL).toBe(parts.value.activationCode);
    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      dialog().getByRole('button', { name: 'Save QR as PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`esim-order-${esimOrder.id}-${esimOrder.supplier}.png`);

    expect(await sidewaysOverflow(dialog().locator('.order-dialog-body'))).toBeLessThanOrEqual(0);
    expect(await spilledText(dialog())).toEqual([]);
    await app.screenshot('orders-delivered');
    await dialog().getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect.poll(() => dialog().count(), POLL).toBe(0);
  }, 60_000);

  it('orders a SEAGM card and shows its number and PIN after reveal', async () => {
    const { page } = app;
    const cards = await server['grid.query']({ kinds: ['card'], language: 'en', limit: 1000 });
    const orderable = (o: GridOffer) =>
      o.supplier === 'demo-seagm' && o.kind === 'card' && o.orderable && o.stock.status !== 'out';
    const found = cards.rows.find((r) => r.offers.some(orderable));
    // The demo SEAGM catalog seeds in-stock gift cards that can be ordered: this must never be skipped.
    expect(found, 'an orderable, in-stock demo SEAGM card').toBeDefined();
    const row = found!;
    const offer = row.offers.find(orderable)!;
    await openGridRow(page, row);
    const quote = await server['orders.quote'](refOf(offer));
    await page
      .getByRole('complementary', { name: 'Plan details' })
      .locator(offerCard(offer))
      .getByRole('button', { name: 'Place test order' })
      .click();
    const place = await placeFromDialog(page, shown(quote.balance));
    await place.click();
    await expect.poll(() => dialog().locator('.order-outcome').getAttribute('data-status'), POLL).toBe('delivered');
    cardOrder = (await server['orders.list'](1))[0];
    const revealed = await server['orders.reveal'](cardOrder.id);
    const card = revealed.delivery!.cards![0];

    expect(await dialog().locator('[data-field="card-pin"] code').textContent()).toMatch(/^•+$/);
    await dialog().getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => dialog().locator('[data-field="card-pin"] code').textContent(), POLL).toBe(card.pin);
    expect(await dialog().locator('[data-field="card-number"] code').textContent()).toBe(card.number);
    await app.screenshot('orders-card');

    // From the dialog straight to the order in the Test orders screen.
    await dialog().getByRole('button', { name: 'Open in Test orders' }).click();
    await page.locator(`.order-detail[data-order="${cardOrder.id}"]`).waitFor(WAIT);
    // The reveal carries over: the same order, still shown.
    expect(await page.locator('.order-detail [data-field="card-pin"] code').textContent()).toBe(card.pin);
  }, 60_000);

  it('a demo BillionConnect order says what it waits for, and completes by itself (New test order, from the Orders screen)', async () => {
    const { page } = app;
    await placeBillionConnectOrder('orders-picker');
    // BillionConnect sends the eSIM only by its N009 notification: the demo's simulator pushes it to the app's own
    // receiver a few seconds later, as the real platform does to the merchant's callback URL, minutes later.
    await expect
      .poll(() => dialog().locator('.order-outcome').getAttribute('data-status'), { timeout: 40_000, interval: 200 })
      .toBe('delivered');
    expect(await dialog().locator('.timeline-upstream').allTextContents()).toContain(
      'ordered; BillionConnect sends the eSIM by notification, usually within minutes; the order completes when it arrives',
    );
    expect(await dialog().textContent()).not.toContain('@');
    await app.screenshot('orders-billionconnect-delivered');
    await page.keyboard.press('Escape');
  }, 60_000);

  it('completes a BillionConnect order by hand when its notification never arrives', async () => {
    const { page } = app;
    // The demo platform loses this order's notification, as a real one can (no callback URL, a tunnel down).
    const demo = (
      app.preview.services as unknown as {
        demo: { simulators: Array<{ connection: { kind: string }; server?: { state: { notifyUrl: string | null } } }> };
      }
    ).demo;
    const bc = demo.simulators.find((s) => s.connection.kind === 'billionconnect')!.server!.state;
    const notifyUrl = bc.notifyUrl;
    bc.notifyUrl = null;
    try {
      await placeBillionConnectOrder();
      await expect.poll(() => dialog().locator('.order-outcome').getAttribute('data-status'), POLL).toBe('processing');
      await dialog().getByRole('button', { name: 'Open in Test orders' }).click();
      const detail = page.locator('.order-detail');
      await detail.getByText('Taking too long?').click();
      await detail.getByRole('button', { name: 'Complete by hand' }).click();
      await detail
        .getByRole('textbox', { name: 'Paste what the supplier delivered' })
        .fill('1$smdp.example.com$HAND-ENTERED-1');
      await detail.getByRole('button', { name: 'Complete order' }).click();
      await detail.getByRole('alert').getByText('lacks the "LPA:" prefix').waitFor(WAIT);
      await detail
        .getByRole('textbox', { name: 'Paste what the supplier delivered' })
        .fill('LPA:1$smdp.example.com$HAND-ENTERED-1');
      await detail.getByRole('button', { name: 'Complete order' }).click();
      await expect.poll(() => detail.locator('.order-outcome').getAttribute('data-status'), POLL).toBe('delivered');
      expect(await detail.locator('[data-field="smdp"] code').textContent()).toBe('smdp.example.com');
    } finally {
      bc.notifyUrl = notifyUrl;
    }
  }, 60_000);

  it('lists every order with status, supplier, amount and time; sets the daily cap', async () => {
    const { page } = app;
    await openScreen(page, 'Test orders');
    const orders = await server['orders.list']();
    await expect.poll(() => page.locator('.order-item').count(), POLL).toBe(orders.length);
    for (const order of orders) {
      const item = page.locator(`.order-item[data-order="${order.id}"]`);
      expect(await item.locator('.order-title').textContent()).toBe(order.title);
      expect(await item.locator('.order-status').getAttribute('data-status')).toBe(order.status);
      expect(await item.locator('.order-amount').textContent()).toBe(shown(order.amount ?? order.expectedCost));
    }

    const cap = page.getByRole('textbox', { name: 'Daily spending cap' });
    await cap.fill('lots');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Enter an amount such as 50').waitFor(WAIT);
    await cap.fill('250');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await server['settings.get']()).orderDailyCap, POLL).toBe('250');
    // What the server counts against the cap right now, as a quote states it; the screen's figures are the same ones.
    const capView = (await server['orders.quote'](refOf(esimOffer))).cap!;
    expect(capView.limit).toEqual({ amount: '250.00', currency: 'USD' });
    expect(await server['orders.cap']()).toEqual({ spentToday: capView.spentToday, cap: capView });
    await expect
      .poll(() => page.getByTestId('cap-status').textContent(), POLL)
      .toBe(`Spent today ${shown(capView.spentToday)} · ${shown(capView.remaining)} left`);

    await page.locator(`.order-item[data-order="${esimOrder.id}"]`).click();
    await page.locator(`.order-detail[data-order="${esimOrder.id}"]`).waitFor(WAIT);
    expect(await sidewaysOverflow(page.locator('main.screen'))).toBeLessThanOrEqual(0);
    expect(await spilledText(page.locator('.orders-screen'))).toEqual([]);
    await app.screenshot('orders-list');
  }, 60_000);

  it('refuses in the dialog, before anything is sent, an order the daily cap does not allow', async () => {
    const { page } = app;
    const cap = page.getByRole('textbox', { name: 'Daily spending cap' });
    await cap.fill('1');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await server['settings.get']()).orderDailyCap, POLL).toBe('1');
    await expect.poll(() => page.getByTestId('cap-status').getAttribute('class'), POLL).toContain('exhausted');
    const ordersBefore = (await server['orders.list']()).length;

    await page.getByRole('button', { name: 'Order this offer again' }).click();
    const refusal = dialog().getByRole('alert');
    await refusal.waitFor(WAIT);
    expect(await refusal.textContent()).toContain('would exceed today’s spending cap');
    expect(
      await dialog().getByRole('checkbox', { name: 'Place this demo order (nothing is charged)' }).isDisabled(),
    ).toBe(true);
    expect(
      await dialog()
        .getByRole('button', { name: /^Place order/ })
        .isDisabled(),
    ).toBe(true);
    expect(await dialog().getByTestId('quote-cap').textContent()).toMatch(/^0\.00 USD left of 1\.00 USD/);
    await app.screenshot('orders-refused');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count(), POLL).toBe(0);
    expect((await server['orders.list']()).length).toBe(ordersBefore);

    await page.getByRole('button', { name: 'Remove cap' }).click();
    await expect.poll(async () => (await server['settings.get']()).orderDailyCap, POLL).toBeNull();
  }, 60_000);

  it('explains an order that needs the merchant to check the supplier, with "Complete by hand" and "Close"', async () => {
    const { page } = app;
    // The SEAGM card ordered above: a card whose PIN was delivered, now said to be lost by the supplier.
    expect(cardOrder, 'the SEAGM card order placed by the earlier test').not.toBeNull();
    const target = cardOrder!;
    // Main's own words for this case (service.ts, reconcileOnce).
    const error =
      `${target.supplier} now says it has no order ${target.upstreamOrderId ?? target.idempotencyKey}, though it confirmed it before. ` +
      `It is not sent again, so it cannot be charged twice: look it up in the supplier's own order list (our key: ${target.idempotencyKey}).`;
    // The demo suppliers never lose an order: the list is answered as if one had been.
    await page.route('**/api/invoke', async (route) => {
      const body = route.request().postDataJSON() as { method: string };
      if (body.method !== 'orders.list') return route.continue();
      const list = await server['orders.list'](200);
      const result = list.map((order) =>
        order.id === target.id
          ? {
              ...order,
              status: 'attention',
              error,
              delivery: null,
              updatedAt: new Date().toISOString(),
              timeline: [
                ...order.timeline,
                {
                  at: new Date().toISOString(),
                  status: 'attention',
                  upstreamStatus: null,
                  note: 'the supplier no longer knows this order',
                },
              ],
            }
          : order,
      );
      await route.fulfill({ json: { ok: true, result } });
    });
    await page.reload();
    await openScreen(page, 'Test orders');
    await page.locator(`.order-item[data-order="${target.id}"]`).click();
    const help = page.getByRole('region', { name: 'Check the supplier’s order list' });
    await help.waitFor(WAIT);
    expect(await help.textContent()).toContain(target.idempotencyKey);
    expect(await help.getByRole('button', { name: 'Complete by hand' }).isVisible()).toBe(true);
    await help.getByRole('button', { name: 'Close', exact: true }).click();
    expect(await help.getByRole('button', { name: 'Yes, close it' }).isVisible()).toBe(true);
    await app.screenshot('orders-attention');
    await help.getByRole('button', { name: 'Keep it' }).click();
    await page.unroute('**/api/invoke');
  }, 60_000);

  it('speaks 简体中文 on dark surfaces', async () => {
    const { page } = app;
    await page.addInitScript(() => {
      localStorage.setItem('supplygrid.language', 'zh-CN');
      localStorage.setItem('supplygrid.theme', 'dark');
    });
    await page.reload();
    await openScreen(page, '测试订单');
    await page.getByRole('heading', { name: '测试订单', level: 1 }).waitFor(WAIT);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.locator(`.order-item[data-order="${esimOrder.id}"]`).click();
    const detail = page.locator(`.order-detail[data-order="${esimOrder.id}"]`);
    await detail.getByRole('button', { name: '显示' }).click();
    await detail.getByTestId('order-qr').waitFor(WAIT);
    expect(await detail.locator('.order-status').first().textContent()).toBe('已交付');
    expect(await detail.getByText('SM-DP+ 地址').isVisible()).toBe(true);
    const spending = await server['orders.cap']();
    expect(spending.cap).toBeNull();
    await expect
      .poll(() => page.getByTestId('cap-status').textContent(), POLL)
      .toBe(`今日已用 ${shown(spending.spentToday)} · 未设上限`);
    expect(await sidewaysOverflow(page.locator('main.screen'))).toBeLessThanOrEqual(0);
    expect(await spilledText(page.locator('.orders-screen'))).toEqual([]);
    await app.screenshot('orders-zh-dark');
  }, 60_000);
});
