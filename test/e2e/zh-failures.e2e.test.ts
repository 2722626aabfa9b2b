import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src-shared/contract';
import { createHandlers } from '../../src-main/api/handlers';
import { decodeCodedIssue } from '../../src-shared/coded-issue';
import { freeLoopbackPort } from '../../src-main/demo/free-port';
import type { OrderView } from '../../src-shared/order-types';
import { supplierKind } from '../../src-main/suppliers/registry';
import type { DujiaoSimulator } from '../../src-main/suppliers/dujiao-next/sim';
import { describeOffenders, latinOffenders, type VisibleText } from '../helpers/latin-words';
import { launchApp, type E2eApp } from './harness';
import { visibleTexts } from './visible-texts';

const WAIT = { timeout: 20_000 };
const SCREEN = { grid: 0, suppliers: 1, sync: 2, orders: 5 };

/** The merchant's suppliers, named in Chinese: a working one, one whose server is gone, one answering a web page. */
const WORKING = '华南批发';
const GONE = '已停业的店';
const GARBAGE = '乱码商店';

/** What the skipped list says of the items malformSomeItems breaks, in Chinese. */
const SKIPPED_REASONS = [
  '字段 skus.0.price_amount：不是十进制金额："free"',
  '字段 title：没有任何语言的文字',
  '字段 fulfillment_type：必须是以下之一："auto", "manual", "upstream"',
  '字段 skus.0.stock_status：缺失; 字段 skus.0.stock_quantity：应为数字',
  '成本 0 CNY 不大于零',
  '与之前列出的商品重复；保留第一条',
];

/**
 * One page of the listing with a few items a sync cannot take (a price that is no amount, no title, an unknown
 * fulfillment type, a SKU without stock, a free SKU) and the first listed twice: fewer than half, so the page stands.
 */
function malformSomeItems(body: unknown): unknown {
  const page = body as { items: Array<Record<string, unknown>> };
  const items = page.items.map((item) => structuredClone(item));
  const sku = (index: number) => (items[index].skus as Array<Record<string, unknown>>)[0];
  sku(1).price_amount = 'free';
  items[3].title = {};
  items[5].fulfillment_type = 'drop-ship';
  delete sku(7).stock_status;
  sku(7).stock_quantity = 'many';
  sku(9).price_amount = '0';
  return { ...page, items: [...items, structuredClone(items[0])] };
}

/**
 * What a merchant reading Chinese sees when things go wrong below the screens: a sync that fails on the network or
 * on an answer it cannot read, and an order the supplier's own order code refuses. Every visible text is checked for
 * English, the technical details opened too; only the merchant's data (names, ids, the request's address, the
 * system's error code, the answer's first characters) may be Latin.
 */
describe('failures read in 简体中文, down to the transport', () => {
  let app: E2eApp;
  let api: ApiContract;
  let wholesaler: DujiaoSimulator;
  let webPage: Server;
  let order: OrderView;
  const seen: VisibleText[] = [];
  const data: string[] = [];

  async function look(step: string) {
    await app.page.waitForTimeout(150);
    seen.push(...(await visibleTexts(app.page, step)));
    await app.screenshot(`zh-failures-${step}`);
  }

  async function openScreen(index: number) {
    await app.page.locator('nav.sidebar .nav-item').nth(index).click();
    await app.page.locator('main.screen').evaluate((main) => main.scrollTo(0, 0));
  }

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
    api = createHandlers(app.preview.services);
    wholesaler = (await supplierKind('dujiao-next')!.startSimulator({ seed: 17, size: 12 })) as DujiaoSimulator;
    webPage = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome to our shop</body></html>'),
    );
    await new Promise<void>((resolve) => webPage.listen(0, '127.0.0.1', resolve));
    const { apiKey, apiSecret, baseUrl } = wholesaler.connection as unknown as Record<string, string>;
    const dujiao = (name: string, url: string) =>
      api['suppliers.save']({ kind: 'dujiao-next', name, settings: { baseUrl: url, apiKey }, secrets: { apiSecret } });
    await dujiao(WORKING, baseUrl);
    await dujiao(GONE, `http://127.0.0.1:${await freeLoopbackPort()}/api/v1/upstream`);
    await dujiao(GARBAGE, `http://127.0.0.1:${(webPage.address() as AddressInfo).port}/api/v1/upstream`);
    // The working supplier lists some items a sync cannot take: the run keeps the rest and lists these as skipped.
    wholesaler.server.faults.add({
      method: 'GET',
      path: '/api/v1/upstream/products',
      action: { kind: 'rewrite', transform: malformSomeItems },
    });
    const results = await api['sync.run']();
    expect(results.map((result) => result.status).sort()).toEqual(['failed', 'failed', 'ok']);
    // The working supplier's titles (its run lists what it added) are its own words.
    const titles = app.preview.services.db.prepare('SELECT titles_json, variant FROM offers').all() as Array<{
      titles_json: string;
      variant: string;
    }>;
    for (const { titles_json, variant } of titles)
      data.push(variant, ...Object.values(JSON.parse(titles_json) as Record<string, string>));
    // What the failures' details quote is data: the request (connection name, method, path), the system's code, the answer's start.
    for (const result of results.filter((r) => r.status === 'failed')) {
      const detail = decodeCodedIssue(decodeCodedIssue(result.error!)!.params.detail)!;
      data.push(...Object.values(detail.params));
    }

    // An order the supplier's own order code refuses before sending: the product went inactive since the sync.
    const rows = (await api['grid.query']({ language: 'zh-CN', limit: 500 })).rows;
    const working = app.preview.services.activeConnections().find((connection) => connection.name === WORKING)!;
    const offer = rows
      .flatMap((row) => row.offers)
      .find((o) => o.supplier === working.id && o.orderable && o.stock.status !== 'out')!;
    expect(offer, 'an orderable offer of the working supplier').toBeDefined();
    wholesaler.server.faults.add({
      method: 'GET',
      path: `/api/v1/upstream/products/${offer.productId}`,
      action: {
        kind: 'rewrite',
        transform: (body) => ({
          ...(body as object),
          product: { ...(body as { product: object }).product, is_active: false },
        }),
      },
    });
    order = await api['orders.place']({
      offer: { supplier: offer.supplier, productId: offer.productId, skuId: offer.skuId, variant: offer.variant },
      confirm: true,
    });
    expect(order.status).toBe('failed');
    expect(order.error).toMatch(/^@refusal\.noLongerSold\?/);
    data.push(order.title, order.idempotencyKey, offer.productId, offer.skuId);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await wholesaler?.close();
    await new Promise((resolve) => webPage?.close(resolve));
  });

  it('says why each sync failed and what to do, in Chinese, on Sync and Suppliers', async () => {
    const { page } = app;
    await openScreen(SCREEN.sync);
    const row = (name: string) => page.locator('.progress-row').filter({ hasText: name });
    await expect.poll(() => row(GONE).locator('.error').textContent(), WAIT).toBe('连接被拒绝');
    await expect.poll(() => row(GARBAGE).locator('.error').textContent(), WAIT).toBe('该地址不是供应商的接口');
    await look('sync');

    for (const [name, fix] of [
      [GONE, '请检查地址和端口'],
      [GARBAGE, '请检查接口地址'],
    ] as const) {
      await page.locator('.run-item').filter({ hasText: name }).first().click();
      const note = page.locator('.run-failure');
      await note.waitFor(WAIT);
      expect(await note.locator('.run-failure-fix').textContent()).toContain(fix);
      // The technical detail, opened: the transport's words in Chinese around the request and what came back.
      await note.locator('summary').click();
      const detail = await note.locator('code').textContent();
      expect(detail).toMatch(
        name === GONE ? /：连接失败（ECONNREFUSED）$/ : /：应答不是有效的 JSON（HTTP 200，开头为 /,
      );
      await look(`sync-run-${name === GONE ? 'refused' : 'garbage'}`);
    }

    await openScreen(SCREEN.suppliers);
    const lastRun = (name: string) => page.locator('tr').filter({ hasText: name }).locator('.last-run-error');
    await expect.poll(() => lastRun(GONE).textContent(), WAIT).toBe('连接被拒绝');
    await look('suppliers');
  }, 120_000);

  it("says where each skipped item sat and why, in Chinese, the supplier's fields and values as they came", async () => {
    const { page } = app;
    await openScreen(SCREEN.sync);
    await page.locator('.run-item').filter({ hasText: WORKING }).first().click();
    const skipped = page.locator('.diff-skipped');
    await skipped.locator('summary').click();
    const items = skipped.locator('li');
    await expect.poll(() => items.count(), WAIT).toBe(SKIPPED_REASONS.length);
    const texts = await items.allTextContents();
    for (const reason of SKIPPED_REASONS)
      expect(
        texts.some((text) => text.includes(reason)),
        `${reason} in:\n${texts.join('\n')}`,
      ).toBe(true);
    expect(
      texts.every((text) => /^第 1 页，第 \d+ 条（商品 \d+）/.test(text)),
      texts.join('\n'),
    ).toBe(true);
    // Field paths, ids and values are the supplier's: shown as sent, and left alone by a browser's translation.
    expect(await skipped.locator('[translate="no"]').allTextContents()).toEqual(
      expect.arrayContaining(['skus.0.price_amount', '"free"', 'fulfillment_type', 'skus.0.stock_status']),
    );
    await look('sync-skipped');
  }, 60_000);

  it('says why the supplier refused the order, in Chinese, on Test orders', async () => {
    const { page } = app;
    await openScreen(SCREEN.orders);
    await page.locator(`.order-item[data-order="${order.id}"]`).click();
    const detail = page.locator(`.order-detail[data-order="${order.id}"]`);
    await expect
      .poll(() => detail.locator('.order-error').textContent(), WAIT)
      .toBe(`${WORKING} 已不再出售商品 ${order.offer.productId} / SKU ${order.offer.skuId}；请同步目录`);
    await look('order-refused');
  }, 60_000);

  it('leaves no English on any of these screens', () => {
    expect(seen.length).toBeGreaterThan(0);
    expect(describeOffenders(latinOffenders(seen, data)), 'English on zh-CN screens').toBe('');
  });
});
