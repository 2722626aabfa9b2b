import { hostname } from 'node:os';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { setMerchantCurrency } from '../../src-main/db/settings';
import {
  getOrder,
  insertOrder,
  listOrders,
  recordSendAttempt,
  recordSendEnded,
  recordSendNotMade,
  writeDailyCap,
} from '../../src-main/orders/repository';
import { connectionFingerprint } from '../../src-main/orders/connection-fingerprint';
import { OrderService, newIdempotencyKey, type SupplierHandle } from '../../src-main/orders/service';
import { OrderError } from '../../src-main/orders/types';
import type { OrderView } from '../../src-shared/order-types';
import { ensureSomeRates } from '../../src-main/pricing/rates-service';
import type { ConnectionBase } from '../../src-main/suppliers/adapter';
import type { SimCatalog } from '../../src-main/suppliers/dujiao-next/sim/seed';
import type { ProtocolFlavor } from '../../src-main/suppliers/dujiao-next/sim/server';
import { supplierKind } from '../../src-main/suppliers/registry';
import { syncSupplier } from '../../src-main/sync/engine';
import { catalogOf, product, startTestDujiao, TEST_KEY, TEST_SECRET } from '../helpers/dujiao-fixtures';
import { FAST_RETRY, tempDb, type TempDb } from '../helpers/temp-db';
import { orderTextEn } from '../../src-main/cli/commands/orders';
import { orderText } from '../../src-shared/order-notes';
import { inEnglish, inEnglishMatching } from '../helpers/in-english';

const FAST_POLICY = {
  initialDelayMs: 10,
  maxDelayMs: 40,
  followForMs: 10_000,
  slowPollMs: null as number | null,
  resendAfterMs: 50,
  maxSendAttempts: 3,
  sendLeaseMs: 60_000,
};
const MESIM_FLAVOR: Partial<ProtocolFlavor> = {
  siteName: 'MeSIM test',
  currency: 'USD',
  binaryStock: true,
  maxQuantity: 1,
  requireDownstreamOrderNo: true,
  orderLookup: 'order_no',
  pollsUntilDelivered: 0,
  cancelAllowed: false,
};

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Setup = Awaited<ReturnType<typeof setup>>;

/** A protocol simulator, a real SQLite file with its catalog synced, and an order service over both. */
async function setup(
  options: {
    kind?: 'dujiao-next' | 'mesim';
    catalog?: SimCatalog;
    flavor?: Partial<ProtocolFlavor>;
    timeoutMs?: number;
    store?: TempDb;
  } = {},
) {
  const kind = options.kind ?? 'dujiao-next';
  const sim = await startTestDujiao(options.catalog ?? catalogOf(2), {
    ...(kind === 'mesim' ? MESIM_FLAVOR : {}),
    ...options.flavor,
  });
  cleanups.push(() => sim.close());
  const store = options.store ?? tempDb();
  if (!options.store) cleanups.push(() => store.cleanup());
  ensureSomeRates(store.db);
  const connection: ConnectionBase = {
    id: 'sup',
    kind,
    name: 'Test supplier',
    baseUrl: kind === 'mesim' ? sim.baseUrl : sim.connection.apiBase,
    apiKey: TEST_KEY,
    apiSecret: TEST_SECRET,
  } as ConnectionBase;
  const env = { retry: FAST_RETRY, timeoutMs: options.timeoutMs ?? 5000 };
  const handle = (): SupplierHandle => ({ connection, adapter: supplierKind(kind)!.create(connection, env) });
  await syncSupplier(store.db, { supplierId: 'sup', supplierKind: kind, adapter: handle().adapter });
  const service = (serviceOptions: { now?: () => Date; policy?: Partial<typeof FAST_POLICY> } = {}) => {
    const updates: OrderView[] = [];
    const created = new OrderService({
      db: store.db,
      supplier: (id) => (id === 'sup' ? handle() : null),
      onUpdate: (view) => updates.push(view),
      ...serviceOptions,
      policy: { ...FAST_POLICY, ...serviceOptions.policy },
    });
    cleanups.push(() => created.close());
    return Object.assign(created, { updates });
  };
  return { sim, store, service, connection };
}

/** An order as a crash leaves it: recorded, never answered (through the connection with this fingerprint). */
function recordUnsent(s: Setup, fingerprint: string) {
  const at = new Date();
  return insertOrder(
    s.store.db,
    {
      idempotencyKey: newIdempotencyKey(at),
      supplierId: 'sup',
      supplierKind: 'dujiao-next',
      connectionFingerprint: fingerprint,
      productId: '1',
      skuId: '10',
      variant: '',
      offerKind: 'esim',
      title: 'Hong Kong',
      quantity: 1,
      expectedCost: { amount: '12.50', currency: 'CNY' },
      capAmount: null,
      capDay: '2026-11-21',
      email: null,
      buyerInput: null,
      createdAt: at.toISOString(),
    },
    'recorded before sending',
  );
}

const offerOf = (productId: number) => ({
  supplier: 'sup',
  productId: String(productId),
  skuId: String(productId * 10),
  variant: '',
});

function decodeQr(dataUri: string): string | null {
  const image = PNG.sync.read(Buffer.from(dataUri.replace(/^data:image\/png;base64,/, ''), 'base64'));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

/** Counts POST /orders the simulator has finished handling, stalled ones included. */
function countHandledOrders(s: Setup): () => number {
  let handled = 0;
  s.sim.faults.add({
    method: 'POST',
    path: '/api/v1/upstream/orders',
    action: { kind: 'rewrite', transform: (body) => (handled++, body) },
  });
  return () => handled;
}

function chargesOf(s: Setup, view: OrderView): number | undefined {
  return s.sim.state.charges.get(view.idempotencyKey);
}

describe('test orders on Dujiao-Next', () => {
  it('places an order, polls it to delivery and stores the eSIM; the API masks it until revealed', async () => {
    const s = await setup();
    const service = s.service();
    const placed = await service.place({ offer: offerOf(1), confirm: true });
    expect(placed).toMatchObject({
      status: 'processing',
      upstreamStatus: 'paid',
      upstreamOrderId: '101',
      amount: { amount: '12.50', currency: 'CNY' },
      supplier: 'sup',
    });
    expect(placed.idempotencyKey).toMatch(/^SG\d{14}[0-9A-F]{8}$/);
    expect(s.sim.state.orders[0].downstreamOrderNo).toBe(placed.idempotencyKey);

    const done = await service.settled(placed.id);
    expect(done.status).toBe('delivered');
    expect(s.sim.hits.get('GET /api/v1/upstream/orders/101')).toBeGreaterThanOrEqual(1);
    expect(chargesOf(s, done)).toBe(1);
    expect(done.timeline.map((e) => e.status)).toEqual(['pending', 'processing', 'delivered']);
    expect(done.expectedInMerchantCurrency?.currency).toBe('USD');

    // Masked by default: the SM-DP+ address and ICCID show, the activation code does not.
    const simOrder = s.sim.state.orders[0];
    const lpa = simOrder.payload!;
    const [, smdp, code] = lpa.split('$');
    expect(done.delivery).toMatchObject({ smdpAddress: smdp, iccid: simOrder.deliveryData!.number });
    expect(done.delivery!.activationCode).toBe(`••••••••${code.slice(-4)}`);
    expect(JSON.stringify(done)).not.toContain(code);
    expect(service.updates.every((view) => !JSON.stringify(view).includes(code))).toBe(true);

    const revealed = service.reveal(placed.id);
    expect(revealed.delivery).toMatchObject({ lpa, smdpAddress: smdp, activationCode: code });
    expect(decodeQr(await service.qr(placed.id))).toBe(lpa);
  });

  it('refuses to place an order without the explicit confirmation', async () => {
    const s = await setup();
    await expect(s.service().place({ offer: offerOf(1), confirm: false })).rejects.toThrow(
      inEnglishMatching(/confirm/),
    );
    expect(listOrders(s.store.db)).toEqual([]);
    expect(s.sim.hits.get('POST /api/v1/upstream/orders')).toBeUndefined();
  });

  it("records a failed wallet payment as failed, with the supplier's message and nothing charged", async () => {
    const s = await setup();
    s.sim.state.failPaymentForSku.add(10);
    const placed = await s.service().place({ offer: offerOf(1), confirm: true });
    expect(placed).toMatchObject({
      status: 'failed',
      upstreamStatus: 'canceled',
      upstreamOrderId: '101',
      amount: null,
    });
    expect(inEnglish(placed.error)).toMatch(/wallet payment failed \(payment_failed\)/);
    expect(chargesOf(s, placed)).toBeUndefined();
    expect(s.sim.state.accounts[0].balance).toBe('100.00');
  });

  it('fails an out-of-stock order before any charge, and one the balance cannot pay', async () => {
    const catalog = catalogOf(2);
    catalog.products[0].skus[0].stock_quantity = 0;
    catalog.products[1].skus[0].price_amount = '150.00';
    const s = await setup({ catalog });
    const service = s.service();
    const outOfStock = await service.place({ offer: offerOf(1), confirm: true });
    expect(outOfStock).toMatchObject({
      status: 'failed',
      upstreamStatus: 'insufficient_stock',
      upstreamOrderId: null,
      amount: null,
    });
    expect(inEnglish(outOfStock.error)).toMatch(/insufficient stock/);
    const tooDear = await service.place({ offer: offerOf(2), confirm: true });
    expect(tooDear).toMatchObject({ status: 'failed', upstreamStatus: 'insufficient_balance' });
    expect(s.sim.state.orders).toEqual([]);
    expect(s.sim.state.charges.size).toBe(0);
  });

  /**
   * An order whose first send is taken and charged but never answered (silent for `timeoutMs`), the server not yet
   * recognising its key for `dedupLagMs`: it must end delivered, once, after a wait before the re-send.
   */
  async function expectOneOrderAfterLostAnswer(times: {
    timeoutMs: number;
    dedupLagMs: number;
    resendAfterMs: number;
  }) {
    const s = await setup({ timeoutMs: times.timeoutMs });
    s.sim.state.dedupLagMs = times.dedupLagMs;
    s.sim.faults.add({ method: 'POST', path: '/api/v1/upstream/orders', times: 1, action: { kind: 'hang' } });
    const service = s.service({ policy: { resendAfterMs: times.resendAfterMs } });
    const placed = await service.place({ offer: offerOf(1), confirm: true });
    expect(placed.status).toBe('pending');
    const done = await service.settled(placed.id);
    expect(done.status).toBe('delivered');
    expect(
      done.timeline.some((e) => /^Waiting \d+ s before asking again/.test(orderTextEn(e.note, done.supplier))),
    ).toBe(true);
    expect(s.sim.hits.get('POST /api/v1/upstream/orders')).toBe(2);
    expect(s.sim.state.orders).toHaveLength(1);
    expect(chargesOf(s, done)).toBe(1);
  }

  it("after a timed-out POST /orders, waits before re-sending the same key, so the server's check-then-insert cannot make a second order", () =>
    expectOneOrderAfterLostAnswer({ timeoutMs: 100, dedupLagMs: 1500, resendAfterMs: 2500 }));

  it('counts the wait before a re-send from when the unanswered send ended, not from when it began', () =>
    // The app's 30 s silence timeout and 30 s wait, scaled to 1.5 s each: counted from when the send began, the wait
    // would be over the moment the send timed out, while the server (1.75 s to see the first key) still works on it.
    expectOneOrderAfterLostAnswer({ timeoutMs: 1500, dedupLagMs: 1750, resendAfterMs: 1500 }));

  it('a re-send the server refuses goes to attention: the first send may be what took the last stock', async () => {
    const catalog = catalogOf(2);
    catalog.products[0].skus[0].stock_quantity = 1;
    const s = await setup({ catalog, timeoutMs: 100 });
    // The first is taken (the last unit), its answer lost; the re-send arrives before the server sees its key.
    s.sim.state.dedupLagMs = 5000;
    s.sim.faults.add({ method: 'POST', path: '/api/v1/upstream/orders', times: 1, action: { kind: 'hang' } });
    const service = s.service({ policy: { resendAfterMs: 300 } });
    const placed = await service.place({ offer: offerOf(1), confirm: true });
    const done = await service.settled(placed.id);
    expect(s.sim.hits.get('POST /api/v1/upstream/orders')).toBe(2);
    expect(chargesOf(s, done)).toBe(1);
    expect(done).toMatchObject({ status: 'attention', upstreamStatus: 'insufficient_stock' });
    expect(done.attention).toMatchObject({ code: 'outcome_unclear' });
    expect(inEnglish(done.error)).toMatch(/insufficient stock/);
  });

  it('keeps the delivery of an order first seen refunded in part: the real server still sends its fulfillment', async () => {
    const s = await setup();
    s.sim.faults.add({
      method: 'GET',
      path: /^\/api\/v1\/upstream\/orders\/\d+$/,
      action: {
        kind: 'rewrite',
        transform: (body) => {
          const answer = body as Record<string, unknown>;
          return answer.fulfillment ? { ...answer, status: 'partially_refunded', refunded_amount: '5.00' } : answer;
        },
      },
    });
    const service = s.service();
    const placed = await service.place({ offer: offerOf(1), confirm: true });
    const done = await service.settled(placed.id);
    expect(done.status).toBe('partially_refunded');
    expect(done.refundedAmount).toEqual({ amount: '5.00', currency: 'CNY' });
    expect(service.reveal(placed.id).delivery).toMatchObject({ lpa: expect.stringMatching(/^LPA:1\$/) });
  });

  it('goes on checking an order that takes longer than the quick polls, at the slow pace, until it is delivered', async () => {
    const s = await setup({ flavor: { pollsUntilDelivered: 12 } });
    const service = s.service({ policy: { followForMs: 100, slowPollMs: 50 } });
    const placed = await service.place({ offer: offerOf(1), confirm: true });
    const done = await service.settled(placed.id);
    expect(done.status).toBe('delivered');
    const notes = done.timeline.map((e) => orderTextEn(e.note, done.supplier));
    expect(notes.filter((note) => /checked every \d+ min from now on/.test(note))).toHaveLength(1);
  });

  /**
   * An order placed by one service whose first send is taken, then unanswered for 1.5 s, and a second service on the
   * same database file (as the background service's round or the CLI would be) that starts following it mid-send.
   */
  async function placedWhileAnotherFollows(policy: Partial<typeof FAST_POLICY>, dedupLagMs = 0) {
    const s = await setup({ timeoutMs: 1500 });
    s.sim.state.dedupLagMs = dedupLagMs;
    s.sim.faults.add({ method: 'POST', path: '/api/v1/upstream/orders', times: 1, action: { kind: 'hang' } });
    const app = s.service({ policy: { ...policy, sendLeaseMs: 300 } });
    const placing = app.place({ offer: offerOf(1), confirm: true });
    await until(() => s.sim.state.orders.length === 1);
    const daemon = s.service({ policy: { ...policy, sendLeaseMs: 300 } });
    daemon.start();
    return { s, app, daemon, placing };
  }

  it('a second process following an order another is still sending neither sends nor re-sends it meanwhile', async () => {
    // The server sees the first key only after 2 s. Without the hold, the second process would send it again 1 s after
    // it began, while it is still on its way.
    const { s, app, daemon, placing } = await placedWhileAnotherFollows({ resendAfterMs: 1000 }, 2000);
    const placed = await placing;
    const [done] = await Promise.all([app.settled(placed.id), daemon.whenIdle()]);
    expect(done.status).toBe('delivered');
    expect(s.sim.state.orders).toHaveLength(1);
    expect(chargesOf(s, done)).toBe(1);
  });

  it('a second process does not judge an order another is still sending (no "no answer" while its last send is out)', async () => {
    const { app, placing } = await placedWhileAnotherFollows({ maxSendAttempts: 1 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const placed = await placing;
    expect(app.get(placed.id)!.status).toBe('pending');
    // Once the send is over unanswered, its one try is spent: then it is for the merchant to look at.
    expect((await app.settled(placed.id)).status).toBe('attention');
  });

  it('claims an order for a send only as the claimant last read it: one sent meanwhile by another is not sent again', async () => {
    const s = await setup();
    const record = recordUnsent(s, connectionFingerprint(s.connection));
    const claim = (seenAttempts: number, atMs: number) =>
      recordSendAttempt(s.store.db, record.id, {
        at: new Date(atMs).toISOString(),
        until: new Date(atMs + 10).toISOString(),
        owner: { pid: process.pid, host: hostname(), processStartedAt: new Date(0).toISOString() },
        holdOfTheDead: null,
        seenAttempts,
      });
    const start = Date.now();
    expect(claim(0, start)).toMatchObject({ sendAttempts: 1 });
    // Held: nobody else may send it, not even on a fresh read.
    expect(claim(1, start + 5)).toBeNull();
    // The hold lapsed, but a claim from the read before that send is stale.
    expect(claim(0, start + 20)).toBeNull();
    expect(claim(1, start + 20)).toMatchObject({ sendAttempts: 2 });
  });

  it('takes back a send that was not made only for the process holding it, and only the attempt it counted', async () => {
    const s = await setup();
    const record = recordUnsent(s, connectionFingerprint(s.connection));
    const owner = (pid: number) => ({ pid, host: hostname(), processStartedAt: new Date(0).toISOString() });
    const claim = (pid: number, seenAttempts: number, atMs: number) =>
      recordSendAttempt(s.store.db, record.id, {
        at: new Date(atMs).toISOString(),
        until: new Date(atMs + 10).toISOString(),
        owner: owner(pid),
        holdOfTheDead: null,
        seenAttempts,
      });
    const start = Date.now();
    const first = claim(1, 0, start)!;
    recordSendEnded(s.store.db, record.id, new Date(start + 1).toISOString(), owner(1), true);
    // The second send's hold lapses and another process takes the order: the first one's "not made" is not its own.
    expect(claim(1, 1, start + 20)).toMatchObject({ sendAttempts: 2 });
    expect(claim(2, 2, start + 40)).toMatchObject({ sendAttempts: 3 });
    recordSendNotMade(s.store.db, record.id, owner(1), { lastSentAt: first.lastSentAt });
    expect(getOrder(s.store.db, record.id)).toMatchObject({ sendAttempts: 3, sendingOwner: owner(2) });
    recordSendNotMade(s.store.db, record.id, owner(2), { lastSentAt: '2026-01-01T00:00:00.000Z' });
    expect(getOrder(s.store.db, record.id)).toMatchObject({
      sendAttempts: 2,
      lastSentAt: '2026-01-01T00:00:00.000Z',
      sendingUntil: null,
      sendingOwner: null,
    });
  });

  it('takes over the hold of a process that died while sending: the order is not left waiting for it', async () => {
    const s = await setup();
    const service = s.service({ policy: { resendAfterMs: 100, sendLeaseMs: 600_000 } });
    const record = recordUnsent(s, connectionFingerprint(s.connection));
    // Sent once by a process that is gone, holding the order for another ten minutes.
    const gone = { pid: 2 ** 22 + 7, host: hostname(), processStartedAt: new Date(0).toISOString() };
    expect(
      recordSendAttempt(s.store.db, record.id, {
        at: new Date(Date.now() - 1000).toISOString(),
        until: new Date(Date.now() + 600_000).toISOString(),
        owner: gone,
        holdOfTheDead: null,
        seenAttempts: 0,
      }),
    ).not.toBeNull();
    service.start();
    await service.whenIdle();
    expect(service.get(record.id)!.status).toBe('delivered');
    expect(s.sim.state.orders).toHaveLength(1);
  });

  it('after a bounded number of unanswered sends, puts the order in attention and never sends it again', async () => {
    const s = await setup({ timeoutMs: 100 });
    s.sim.faults.add({ method: 'POST', path: '/api/v1/upstream/orders', action: { kind: 'hang' } });
    const service = s.service({ policy: { maxSendAttempts: 2 } });
    const placed = await service.place({ offer: offerOf(1), confirm: true });
    const done = await service.settled(placed.id);
    expect(done.status).toBe('attention');
    expect(done.attention).toEqual({ code: 'no_answer', params: { tries: '2', key: placed.idempotencyKey } });
    expect(s.sim.hits.get('POST /api/v1/upstream/orders')).toBe(2);
    // The hung requests were taken: the merchant finds one order under the key (the lag is 0 here) and checks it.
    expect(s.sim.state.orders).toHaveLength(1);
  });

  it('a price read that fails before the POST is not a send: it neither uses up the sends nor makes the next one a repeat', async () => {
    const s = await setup();
    // Three rounds' worth of failed reads (each read tried FAST_RETRY.attempts times), more than maxSendAttempts.
    s.sim.faults.add({
      method: 'GET',
      path: '/api/v1/upstream/products/1',
      times: 9,
      action: { kind: 'status', status: 502 },
    });
    const service = s.service({ policy: { maxSendAttempts: 2 } });
    const placed = await service.place({ offer: offerOf(1), confirm: true });
    const done = await service.settled(placed.id);
    expect(done.status).toBe('delivered');
    expect(s.sim.hits.get('POST /api/v1/upstream/orders')).toBe(1);
    expect(chargesOf(s, done)).toBe(1);
    const notes = done.timeline.map((e) => orderTextEn(e.note, done.supplier));
    expect(notes.filter((text) => text.startsWith('Not sent to sup'))).not.toHaveLength(0);
    expect(notes.some((text) => text.includes('No answer'))).toBe(false);
  });

  it('a price read the supplier refuses outright (bad key) fails a never-sent order, uncharged, without sending it', async () => {
    const s = await setup();
    s.sim.faults.add({
      method: 'GET',
      path: '/api/v1/upstream/products/1',
      action: {
        kind: 'status',
        status: 401,
        body: { ok: false, error_code: 'unauthorized', error_message: 'invalid api key' },
      },
    });
    const service = s.service();
    const done = await service.settled((await service.place({ offer: offerOf(1), confirm: true })).id);
    expect(done.status).toBe('failed');
    expect(done.attention).toBeNull();
    expect(inEnglish(done.error!)).toContain('invalid api key');
    expect(s.sim.hits.get('POST /api/v1/upstream/orders')).toBeUndefined();
    expect(s.sim.state.accounts[0].balance).toBe('100.00');
  });

  it('never calls an order delivered from a POST answer: a repeat that says "completed" is followed by GET /orders/:id for the delivery', async () => {
    const s = await setup({ flavor: { pollsUntilDelivered: 0 } });
    s.sim.faults.add({ method: 'POST', path: '/api/v1/upstream/orders', times: 1, action: { kind: 'hang' } });
    const first = s.service();
    const placing = first.place({ offer: offerOf(1), confirm: true });
    await until(() => s.sim.state.orders.length === 1);
    await first.close();
    const orphan = await placing;
    expect(s.sim.state.orders[0].status).toBe('completed');

    const second = s.service();
    second.start();
    await second.whenIdle();
    const done = second.get(orphan.id)!;
    expect(done.timeline.map((e) => [e.status, e.upstreamStatus])).toContainEqual(['processing', 'completed']);
    expect(done.status).toBe('delivered');
    expect(second.reveal(orphan.id).delivery).toMatchObject({ lpa: s.sim.state.orders[0].payload });
    expect(s.sim.hits.get('GET /api/v1/upstream/orders/101')).toBeGreaterThanOrEqual(1);
    expect(chargesOf(s, done)).toBe(1);
  });

  it('shows refunded and partially refunded orders as such, with the amount given back, and stops counting it toward the daily cap', async () => {
    const catalog = catalogOf(3);
    const s = await setup({ catalog });
    setMerchantCurrency(s.store.db, 'CNY');
    writeDailyCap(s.store.db, '40');
    s.sim.state.refundForSku.set(10, 'all');
    s.sim.state.refundForSku.set(20, '5.00');
    const service = s.service();
    const refunded = await service.settled((await service.place({ offer: offerOf(1), confirm: true })).id);
    expect(refunded).toMatchObject({
      status: 'refunded',
      upstreamStatus: 'refunded',
      refundedAmount: { amount: '12.50', currency: 'CNY' },
      delivery: null,
    });
    const partial = await service.settled((await service.place({ offer: offerOf(2), confirm: true })).id);
    expect(partial).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: { amount: '5.00', currency: 'CNY' },
    });
    // 12.50 refunded counts 0; 12.50 with 5.00 back counts 7.50.
    expect(service.dailySpending().spentToday).toEqual({ amount: '7.50', currency: 'CNY' });
    expect((await service.quote(offerOf(3))).cap).toMatchObject({
      spentToday: { amount: '7.50' },
      remaining: { amount: '32.50' },
    });
  });

  it('re-reads the product before ordering and sends nothing when its price rose above the quote: attention with both prices', async () => {
    const s = await setup();
    s.sim.catalog().products[0].skus[0].price_amount = '13.00';
    const service = s.service();
    const placed = await service.settled((await service.place({ offer: offerOf(1), confirm: true })).id);
    expect(placed.status).toBe('attention');
    expect(placed.attention).toEqual({ code: 'price_above_quote', params: { live: '13.00 CNY', quoted: '12.50 CNY' } });
    // Refused by our own check: the order says it was never sent, and the attempt is not counted as a send.
    expect(placed.sent).toBe(false);
    expect(placed.timeline.map((e) => orderTextEn(e.note, placed.supplier)).at(-1)).toMatch(/^Not sent; /);
    expect(s.store.db.prepare('SELECT send_attempts FROM orders WHERE id = ?').pluck().get(placed.id)).toBe(0);
    expect(s.sim.hits.get('GET /api/v1/upstream/products/1')).toBe(1);
    expect(s.sim.hits.get('POST /api/v1/upstream/orders')).toBeUndefined();
    expect(s.sim.state.accounts[0].balance).toBe('100.00');
    // A lower price is sent (the merchant pays no more than quoted); the different charge is still shown for a check.
    s.sim.catalog().products[1].skus[0].price_amount = '12.00';
    const cheaper = await service.settled((await service.place({ offer: offerOf(2), confirm: true })).id);
    expect(s.sim.hits.get('POST /api/v1/upstream/orders')).toBe(1);
    expect(cheaper.attention).toEqual({
      code: 'charged_differs',
      params: { charged: '12.00 CNY', quoted: '12.50 CNY' },
    });
  });

  it('puts an order charged other than its quote in attention, and still fetches its delivery', async () => {
    const s = await setup();
    s.sim.state.chargeForSku.set(10, '14.00');
    const service = s.service();
    const done = await service.settled((await service.place({ offer: offerOf(1), confirm: true })).id);
    expect(done).toMatchObject({ status: 'attention', amount: { amount: '14.00', currency: 'CNY' } });
    expect(done.attention).toEqual({ code: 'charged_differs', params: { charged: '14.00 CNY', quoted: '12.50 CNY' } });
    expect(service.reveal(done.id).delivery?.lpa).toBe(s.sim.state.orders[0].payload);
    expect(s.sim.hits.get('POST /api/v1/upstream/orders')).toBe(1);
  });

  it('puts an order whose status word it cannot read in attention instead of following it as processing', async () => {
    const s = await setup();
    s.sim.state.oddStatusForSku.set(10, 'on_hold_review');
    const service = s.service();
    const done = await service.settled((await service.place({ offer: offerOf(1), confirm: true })).id);
    expect(done).toMatchObject({ status: 'attention', upstreamStatus: 'on_hold_review' });
    expect(done.attention).toEqual({ code: 'unknown_supplier_status', params: { status: 'on_hold_review' } });
  });

  it("sends manual_form_data typed by the product's manual_form_schema: numbers as numbers, several choices as an array", async () => {
    const catalog = catalogOf(1);
    catalog.products[0] = product(1, {
      fulfillment_type: 'manual',
      delivers: 'topup',
      title: { 'en-US': 'Game top-up' },
      manual_form_schema: {
        fields: [
          { key: 'player_id', type: 'number', label: { 'en-US': 'Player ID' }, required: true },
          {
            key: 'regions',
            type: 'checkbox',
            label: { 'en-US': 'Regions' },
            required: true,
            options: ['asia', 'eu', 'us'],
          },
          { key: 'nickname', type: 'text', label: { 'en-US': 'Nickname' }, required: false },
        ],
      },
    });
    const s = await setup({ catalog });
    const bodies: unknown[] = [];
    s.sim.faults.add({
      method: 'POST',
      path: '/api/v1/upstream/orders',
      action: { kind: 'rewrite', transform: (body, req) => (bodies.push(JSON.parse(req.body.toString('utf8'))), body) },
    });
    const service = s.service();
    const done = await service.settled(
      (
        await service.place({
          offer: offerOf(1),
          confirm: true,
          buyerInput: { player_id: '1024', regions: 'asia, eu', nickname: '007' },
        })
      ).id,
    );
    expect(bodies[0]).toMatchObject({
      manual_form_data: { player_id: 1024, regions: ['asia', 'eu'], nickname: '007' },
    });
    expect(done.status).toBe('delivered');
  });

  it('after a crash before the response, a new service on the same database reconciles on start: one order, one charge', async () => {
    const s = await setup();
    s.sim.faults.add({ method: 'POST', path: '/api/v1/upstream/orders', times: 1, action: { kind: 'delay', ms: 300 } });
    const handled = countHandledOrders(s);
    const first = s.service();
    const placing = first.place({ offer: offerOf(1), confirm: true });
    await until(() => (s.sim.hits.get('POST /api/v1/upstream/orders') ?? 0) >= 1);
    await first.close(); // the process "dies": the request is out, its response never read
    const orphan = await placing;
    expect(orphan.status).toBe('pending');
    expect(listOrders(s.store.db)[0]).toMatchObject({ sendAttempts: 1, acknowledgedAt: null });

    const second = s.service();
    second.start();
    await second.whenIdle();
    await until(() => handled() === 2);
    const done = second.get(orphan.id)!;
    expect(done.status).toBe('delivered');
    expect(s.sim.state.orders).toHaveLength(1);
    expect(chargesOf(s, done)).toBe(1);
    expect(listOrders(s.store.db)).toHaveLength(1);
  });

  it('sends an order recorded but never sent (crash before sending) when the next service starts', async () => {
    const s = await setup();
    const record = recordUnsent(s, connectionFingerprint(s.connection));
    const service = s.service();
    service.start();
    await service.whenIdle();
    expect(service.get(record.id)!.status).toBe('delivered');
    expect(s.sim.state.charges.get(record.idempotencyKey)).toBe(1);
  });

  it('never re-sends an order the supplier confirmed and then lost: it goes to attention', async () => {
    const s = await setup({ flavor: { pollsUntilDelivered: 1000 } });
    const service = s.service();
    const placed = await service.place({ offer: offerOf(1), confirm: true });
    s.sim.state.orders.splice(0);
    const done = await service.settled(placed.id);
    expect(done.status).toBe('attention');
    expect(orderTextEn(done.error, done.supplier)).toMatch(
      /no order 101, though it confirmed it before\. It is not sent again/,
    );
    expect(s.sim.hits.get('POST /api/v1/upstream/orders')).toBe(1);
    // Nothing will resolve it automatically; once the merchant has looked, they close it.
    const closed = await service.cancel(placed.id);
    expect(closed.status).toBe('canceled');
    expect(closed.timeline.at(-1)?.note).toBe(orderText('note.closedByYou'));
    expect(orderTextEn(closed.timeline.at(-1)?.note, closed.supplier)).toMatch(/^Closed by you after checking/);
    expect(s.sim.hits.get('POST /api/v1/upstream/orders/101/cancel')).toBeUndefined();
  });

  it('cancels an order that is still being fulfilled', async () => {
    const s = await setup({ flavor: { pollsUntilDelivered: 1000 } });
    const service = s.service();
    const placed = await service.place({ offer: offerOf(1), confirm: true });
    const canceled = await service.cancel(placed.id);
    expect(canceled).toMatchObject({ status: 'canceled', upstreamStatus: 'canceled' });
    expect(s.sim.state.accounts[0].balance).toBe('100.00');
    await expect(service.cancel(placed.id)).rejects.toThrow(inEnglishMatching(/already closed \(Canceled\)/));
  });

  it("refuses an order over the daily spending cap, counting the day's earlier orders but not failed ones", async () => {
    const s = await setup();
    setMerchantCurrency(s.store.db, 'USD');
    writeDailyCap(s.store.db, '3');
    const service = s.service();
    // 12.50 CNY is about 1.74 USD at the sample rate.
    s.sim.state.failPaymentForSku.add(10);
    expect((await service.place({ offer: offerOf(1), confirm: true })).status).toBe('failed');
    s.sim.state.failPaymentForSku.clear();
    const quote = await service.quote(offerOf(1));
    expect(quote).toMatchObject({
      allowed: true,
      cost: { amount: '12.50', currency: 'CNY' },
      balance: { amount: '100.00', currency: 'CNY' },
      cap: { limit: { amount: '3.00' }, spentToday: { amount: '0.00' } },
    });
    const first = await service.place({ offer: offerOf(1), confirm: true });
    expect(first.expectedInMerchantCurrency).toEqual({ amount: '1.73625', currency: 'USD' });

    const refusedQuote = await service.quote(offerOf(2));
    expect(refusedQuote).toMatchObject({
      allowed: false,
      cap: { spentToday: { amount: '1.74' }, remaining: { amount: '1.26' } },
    });
    const postsBefore = s.sim.hits.get('POST /api/v1/upstream/orders');
    await expect(service.place({ offer: offerOf(2), confirm: true })).rejects.toThrow(OrderError);
    await expect(
      service.place({ offer: offerOf(2), confirm: true }).catch((error: Error) => orderTextEn(error.message, '')),
    ).resolves.toMatch(/would exceed today’s spending cap of 3\.00 USD: 1\.74 USD already spent today, 1\.26 USD left/);
    expect(s.sim.hits.get('POST /api/v1/upstream/orders')).toBe(postsBefore);
    expect(listOrders(s.store.db)).toHaveLength(2);

    // Tomorrow is another day.
    const tomorrow = s.service({ now: () => new Date(Date.now() + 24 * 3600_000) });
    expect((await tomorrow.place({ offer: offerOf(2), confirm: true })).status).not.toBe('failed');
  });

  it('completes an order by hand from a pasted activation code or Apple setup link', async () => {
    const s = await setup({ flavor: { pollsUntilDelivered: 1000 } });
    const service = s.service();
    const placed = await service.place({ offer: offerOf(1), confirm: true });
    await expect(service.completeManually(placed.id, 'LPA:1$smdp.example.com')).rejects.toThrow(
      inEnglishMatching(/needs an SM-DP\+ address and a matching ID/),
    );
    await expect(service.completeManually(placed.id, '{"tradeType":"N009"}')).rejects.toThrow(
      inEnglishMatching(/sends no notifications to read; paste the activation code/),
    );
    const done = await service.completeManually(
      placed.id,
      'https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%24smdp.example.com%24ABCD-1234',
    );
    expect(done.status).toBe('delivered');
    expect(service.reveal(placed.id).delivery).toMatchObject({
      lpa: 'LPA:1$smdp.example.com$ABCD-1234',
      smdpAddress: 'smdp.example.com',
      activationCode: 'ABCD-1234',
    });
    expect(orderTextEn(done.timeline.at(-1)?.note, done.supplier)).toMatch(/^Completed by hand/);
    await expect(service.completeManually(placed.id, 'LPA:1$smdp.example.com$X')).rejects.toThrow(
      inEnglishMatching(/already delivered/),
    );
  });

  it('delivers card keys as cards', async () => {
    const catalog = catalogOf(1);
    catalog.products[0] = product(1, { delivers: 'card', title: { 'en-US': 'Steam 50' } });
    const s = await setup({ catalog });
    const service = s.service();
    const done = await service.settled((await service.place({ offer: offerOf(1), confirm: true })).id);
    const key = s.sim.state.orders[0].payload!;
    expect(service.reveal(done.id).delivery).toEqual({ cards: [{ number: key }] });
    expect(done.delivery!.cards![0].number).toBe(`••••••••${key.slice(-4)}`);
  });
});

describe('test orders on MeSIM', () => {
  it('places an order with downstream_order_no; the POST answer says completed without the eSIM, so it is looked up by order_no', async () => {
    const catalog = catalogOf(1);
    const s = await setup({ kind: 'mesim', catalog });
    const service = s.service();
    const placed = await service.place({ offer: offerOf(1), confirm: true });
    const simOrder = s.sim.state.orders[0];
    expect(placed).toMatchObject({
      status: 'processing',
      upstreamOrderId: simOrder.orderNo,
      upstreamStatus: 'completed',
      amount: { amount: '12.50', currency: 'USD' },
      delivery: null,
    });
    const done = await service.settled(placed.id);
    expect(done.status).toBe('delivered');
    expect(s.sim.hits.get(`GET /api/v1/upstream/orders/${simOrder.orderNo}`)).toBeGreaterThanOrEqual(1);
    expect(simOrder.downstreamOrderNo).toBe(placed.idempotencyKey);
    expect(service.reveal(placed.id).delivery).toMatchObject({
      lpa: simOrder.payload,
      iccid: simOrder.deliveryData!.number,
    });
    expect(chargesOf(s, placed)).toBe(1);
  });

  it('refuses more than one per order before sending anything', async () => {
    const s = await setup({ kind: 'mesim', catalog: catalogOf(1) });
    await expect(s.service().place({ offer: offerOf(1), quantity: 2, confirm: true })).rejects.toThrow(
      /^@refusal\.maxQuantity\?max=1$/,
    );
    expect(s.sim.hits.get('POST /api/v1/upstream/orders')).toBeUndefined();
  });

  it('after a crash before the response, reconciles by re-sending the same downstream_order_no: one charge', async () => {
    const s = await setup({ kind: 'mesim', catalog: catalogOf(1) });
    s.sim.faults.add({ method: 'POST', path: '/api/v1/upstream/orders', times: 1, action: { kind: 'delay', ms: 300 } });
    const handled = countHandledOrders(s);
    const first = s.service();
    const placing = first.place({ offer: offerOf(1), confirm: true });
    await until(() => (s.sim.hits.get('POST /api/v1/upstream/orders') ?? 0) >= 1);
    await first.close();
    const orphan = await placing;
    const second = s.service();
    second.start();
    await second.whenIdle();
    await until(() => handled() === 2);
    expect(second.get(orphan.id)!.status).toBe('delivered');
    expect(s.sim.state.orders).toHaveLength(1);
    expect(s.sim.state.charges.get(orphan.idempotencyKey)).toBe(1);
  });
  it('never sends or looks up an unfinished order through a connection that now points elsewhere', async () => {
    const s = await setup();
    // Recorded (maybe sent) through another account that used to be called "sup"; the crash hid the answer.
    const record = recordUnsent(
      s,
      connectionFingerprint({ ...s.connection, baseUrl: 'https://old-shop.example/api/v1/upstream' }),
    );
    const service = s.service();
    service.start();
    await service.whenIdle();
    const view = service.get(record.id)!;
    expect(view.status).toBe('attention');
    expect(orderTextEn(view.error, view.supplier)).toMatch(/now points at another host or account/);
    expect(s.sim.state.orders).toHaveLength(0);
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
