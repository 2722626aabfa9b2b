import Decimal from 'decimal.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money } from '../../../src-main/domain/money';
import { SupplierError } from '../../../src-main/http/errors';
import type { AdapterEnv, OrderRequest, SupplierOrders } from '../../../src-main/suppliers/adapter';
import { demoLpa } from '../../../src-main/suppliers/shared/sim/demo-delivery';
import { linksfield } from '../../../src-main/suppliers/linksfield';
import type { LinksfieldConfig } from '../../../src-main/suppliers/linksfield/config';
import type { SimPackage } from '../../../src-main/suppliers/linksfield/sim/seed';
import { FmsClient } from '../../../src-main/suppliers/linksfield/client';
import { startLinksfieldSimulator, type LinksfieldSimulator } from '../../../src-main/suppliers/linksfield/sim';
import { orderText } from '../../../src-shared/order-notes';
import { inEnglish } from '../../helpers/in-english';

const FAST: AdapterEnv = { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 } };
const DETAIL = '/v1.1/package/detail';
const PRE_ORDER = '/v1.1/package/preOrderPackage';
const PAYMENT = '/payment/webhook';

let sim: LinksfieldSimulator;
let keys = 0;

beforeEach(async () => {
  sim = await startLinksfieldSimulator({ seed: 3 });
});
afterEach(async () => {
  await sim.close();
});

/** A fresh adapter is a restarted app: it remembers nothing but what the order service hands it. */
function orders(): SupplierOrders {
  return linksfield.create(linksfield.configSchema.parse(sim.connection), FAST).orders!;
}

function usdPrice(pkg: SimPackage): string {
  return pkg.currencyInfos.find((info) => info.currencyAbbr === 'USD')!.price.toFixed(2);
}

function requestFor(pkg: SimPackage = sim.server.packages()[0], extra: Partial<OrderRequest> = {}): OrderRequest {
  return {
    productId: String(pkg.id),
    skuId: String(pkg.id),
    variant: '',
    quantity: 1,
    idempotencyKey: `LF-TEST-${++keys}`,
    expectedCost: money(usdPrice(pkg), 'USD'),
    ...extra,
  };
}

const posts = (path: string) => sim.server.hits.get(`POST ${path}`) ?? 0;

/** Every body sent to `path`, as the bytes arrived. */
function captureBodies(path: string): string[] {
  const bodies: string[] = [];
  sim.server.faults.add({
    path,
    when: (req) => bodies.push(req.body.toString('utf8')) < 0,
    action: { kind: 'delay', ms: 0 },
  });
  return bodies;
}

async function rejection(promise: Promise<unknown>): Promise<SupplierError> {
  try {
    await promise;
  } catch (error) {
    return error as SupplierError;
  }
  throw new Error('expected a rejection');
}

describe('Linksfield eSIM orders', () => {
  it('pre-orders at the live price (the catalog cost), confirms the payment, and delivers the LPA once FMS assigns the profile', async () => {
    const pkg = sim.server.packages()[0];
    const preOrderBodies = captureBodies(PRE_ORDER);
    const paymentBodies = captureBodies(PAYMENT);
    const request = requestFor(pkg);
    const client = orders();
    const placed = await client.place(request);
    expect(placed).toMatchObject({
      status: 'processing',
      upstreamStatus: orderText('upstream.waitingForPayment', { code: '0' }),
      upstreamOrderId: expect.stringMatching(/^\d+$/),
    });

    const usd = pkg.currencyInfos.find((info) => info.currencyAbbr === 'USD')!;
    const preOrder = JSON.parse(preOrderBodies[0]);
    expect(preOrder).toEqual({
      currency: 'USD',
      currencyId: usd.currencyId,
      deviceType: '10',
      id: pkg.id,
      money: Number(usdPrice(pkg)),
      packageCode: pkg.packageCode,
      partnerCode: sim.connection.partnerCode,
      periodNum: pkg.period,
    });
    // Money goes out as a JSON number written from its decimal text, never through a float.
    expect(preOrderBodies[0]).toContain(`"money":${usdPrice(pkg)}`);
    expect(JSON.parse(paymentBodies[0])).toMatchObject({
      orderId: placed.upstreamOrderId,
      partnerCode: sim.connection.partnerCode,
      payAmount: Number(usdPrice(pkg)),
      payCurrency: 'USD',
      paypalId: request.idempotencyKey,
      type: 'payment_intent.succeeded',
    });
    expect(paymentBodies[0]).toContain(`"payAmount":${usdPrice(pkg)}`);

    const delivered = await client.query({
      idempotencyKey: request.idempotencyKey,
      upstreamOrderId: placed.upstreamOrderId,
    });
    const { lpa, smdp, activationCode } = demoLpa(placed.upstreamOrderId!);
    expect(delivered).toEqual({
      status: 'delivered',
      upstreamOrderId: placed.upstreamOrderId,
      upstreamStatus: orderText('upstream.paid', { code: '1' }),
      amount: request.expectedCost,
      error: null,
      delivery: { lpa, smdpAddress: smdp, activationCode },
    });
    expect(sim.server.state.charges.get(request.idempotencyKey)).toBe(1);
  });

  it('answers about an order after a restart from the pre-order id alone, and says plainly when it has none', async () => {
    const request = requestFor();
    const placed = await orders().place(request);
    const restarted = orders();
    await restarted.query({ idempotencyKey: request.idempotencyKey, upstreamOrderId: placed.upstreamOrderId });
    expect(
      await restarted.query({ idempotencyKey: request.idempotencyKey, upstreamOrderId: placed.upstreamOrderId }),
    ).toMatchObject({ status: 'delivered' });
    const unknown = await rejection(restarted.query({ idempotencyKey: request.idempotencyKey, upstreamOrderId: null }));
    expect(unknown.code).toBe('lookup_unsupported');
    expect(inEnglish(unknown.message)).toContain('check the orders in the Linksfield portal');
  });

  it('reports a cancelled pre-order as canceled', async () => {
    const pkg = sim.server.packages()[1];
    const fms = new FmsClient(sim.connection as unknown as LinksfieldConfig, 'test', FAST);
    const usd = pkg.currencyInfos.find((info) => info.currencyAbbr === 'USD')!;
    const { orderId } = (await fms.call(PRE_ORDER, {
      currency: 'USD',
      currencyId: usd.currencyId,
      deviceType: '10',
      id: pkg.id,
      money: usd.price,
      packageCode: pkg.packageCode,
      partnerCode: fms.partnerCode,
      periodNum: pkg.period,
    })) as { orderId: string };
    sim.server.cancelPreOrder(orderId);
    expect(await orders().query({ idempotencyKey: 'LF-CANCELLED', upstreamOrderId: orderId })).toMatchObject({
      status: 'canceled',
      upstreamStatus: orderText('upstream.canceled', { code: '3' }),
    });
  });
});

describe('Linksfield ordering never pays twice for one key', () => {
  it('continues the first pre-order when place() is repeated, without a second pre-order or payment', async () => {
    const request = requestFor();
    const client = orders();
    const first = await client.place(request);
    const again = await client.place(request);
    expect(again.upstreamOrderId).toBe(first.upstreamOrderId);
    expect(posts(PRE_ORDER)).toBe(1);
    expect(sim.server.state.preOrders[0].notices).toBe(1);
    expect(sim.server.state.charges.get(request.idempotencyKey)).toBe(1);
  });

  it('never repeats a payment notice whose answer was lost; the status settles it', async () => {
    sim.server.faults.add({ path: PAYMENT, times: 1, action: { kind: 'reset' } });
    const request = requestFor();
    const client = orders();
    const placed = await client.place(request);
    expect(placed).toMatchObject({ status: 'processing', upstreamOrderId: expect.any(String) });
    expect(inEnglish(placed.upstreamStatus)).toContain('answer lost');
    expect(posts(PAYMENT)).toBe(1);
    expect(await client.place(request)).toMatchObject({ upstreamOrderId: placed.upstreamOrderId });
    await client.query({ idempotencyKey: request.idempotencyKey, upstreamOrderId: placed.upstreamOrderId });
    expect((await client.query({ idempotencyKey: request.idempotencyKey, upstreamOrderId: null }))!.status).toBe(
      'delivered',
    );
    expect(posts(PAYMENT)).toBe(1);
    expect(sim.server.state.charges.get(request.idempotencyKey)).toBe(1);
  });

  it('never takes a payment notice answered with an error FMS may have raised after charging as "not charged"', async () => {
    // FMS took the payment, then answered its generic error (9999): the answer says nothing certain about the money.
    sim.server.faults.add({
      path: PAYMENT,
      times: 1,
      action: { kind: 'rewrite', transform: () => ({ code: 9999, data: null, message: 'error' }) },
    });
    const request = requestFor();
    const client = orders();
    const placed = await client.place(request);
    expect(sim.server.state.charges.get(request.idempotencyKey)).toBe(1);
    expect(placed).toMatchObject({ status: 'processing', upstreamOrderId: expect.any(String) });
    await client.query({ idempotencyKey: request.idempotencyKey, upstreamOrderId: placed.upstreamOrderId });
    expect(
      await client.query({ idempotencyKey: request.idempotencyKey, upstreamOrderId: placed.upstreamOrderId }),
    ).toMatchObject({ status: 'delivered' });
    expect(posts(PAYMENT)).toBe(1);
  });

  it('ends an order whose uncertain payment answer FMS never acted on once the pre-order times out, charging nothing', async () => {
    sim.server.faults.add({
      path: PAYMENT,
      times: 1,
      action: { kind: 'status', status: 200, body: { code: 9999, data: null, message: 'error' } },
    });
    const request = requestFor();
    const client = orders();
    const placed = await client.place(request);
    expect(placed).toMatchObject({ status: 'processing', upstreamOrderId: expect.any(String) });
    sim.server.state.preOrderTimeoutMs = -1;
    expect(
      await client.query({ idempotencyKey: request.idempotencyKey, upstreamOrderId: placed.upstreamOrderId }),
    ).toMatchObject({ status: 'failed', upstreamStatus: orderText('upstream.preOrderTimedOut', { code: '6006' }) });
    expect(posts(PAYMENT)).toBe(1);
    expect(sim.server.state.charges.size).toBe(0);
  });

  it('leaves a payment notice answered 429 unsent: no order yet, and the next place() sends it once', async () => {
    sim.server.faults.add({
      path: PAYMENT,
      times: 1,
      action: { kind: 'status', status: 429, headers: { 'retry-after': '0' } },
    });
    const request = requestFor();
    const client = orders();
    await expect(client.place(request)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(posts(PAYMENT)).toBe(1);
    expect(await client.query({ idempotencyKey: request.idempotencyKey, upstreamOrderId: null })).toBeNull();
    expect((await client.place({ ...request, sendAttempt: 2 })).status).toBe('processing');
    expect(posts(PAYMENT)).toBe(2);
    expect(posts(PRE_ORDER)).toBe(1);
    expect(sim.server.state.charges.get(request.idempotencyKey)).toBe(1);
  });
});

describe('Linksfield refusals', () => {
  it('fails an order whose payment FMS marks failed, with nothing charged', async () => {
    sim.server.state.forcePaymentFailure = true;
    const state = await orders().place(requestFor());
    expect(state).toMatchObject({
      status: 'failed',
      upstreamStatus: orderText('upstream.paymentFailed', { code: '2' }),
      upstreamOrderId: expect.any(String),
    });
    expect(sim.server.state.charges.size).toBe(0);
  });

  it('refuses a price above the catalog cost itself, before any pre-order is sent', async () => {
    const pkg = sim.server.packages()[0];
    const live = usdPrice(pkg);
    // Exact decimals: a rise of a tenth of a cent is a rise.
    for (const expected of [new Decimal(live).minus('0.5').toFixed(2), new Decimal(live).minus('0.001').toFixed(3)]) {
      const state = await orders().place(requestFor(pkg, { expectedCost: money(expected, 'USD') }));
      expect(state).toMatchObject({
        status: 'failed',
        upstreamOrderId: null,
        upstreamStatus: orderText('upstream.notPlaced'),
        amount: null,
      });
      expect(inEnglish(state.error, 'Linksfield')).toBe(
        `Linksfield now asks ${live} USD for this order, above the ${expected} USD you confirmed; sync the catalog and order again`,
      );
      expect(state.attention).toEqual({
        code: 'price_above_quote',
        params: { live: `${live} USD`, quoted: `${expected} USD` },
      });
    }
    expect(posts(DETAIL)).toBe(2);
    expect(posts(PRE_ORDER)).toBe(0);
    expect(posts(PAYMENT)).toBe(0);
    expect(sim.server.state.preOrders).toHaveLength(0);
  });

  it('orders at the live price when it is the catalog cost written otherwise, or below it', async () => {
    const pkg = sim.server.packages()[0];
    const live = usdPrice(pkg);
    const preOrderBodies = captureBodies(PRE_ORDER);
    const paymentBodies = captureBodies(PAYMENT);
    const client = orders();
    for (const expected of [`${live}00`, new Decimal(live).plus('1.25').toFixed(2)]) {
      const state = await client.place(requestFor(pkg, { expectedCost: money(expected, 'USD') }));
      expect(state).toMatchObject({ status: 'processing', upstreamOrderId: expect.any(String), error: null });
    }
    // The pre-order and the payment carry what FMS charges, never the catalog's figure.
    for (const body of preOrderBodies) expect(body).toContain(`"money":${live},`);
    for (const body of paymentBodies) expect(body).toContain(`"payAmount":${live},`);
    expect(preOrderBodies).toHaveLength(2);
    expect(paymentBodies).toHaveLength(2);
    expect([...sim.server.state.charges.values()]).toEqual([1, 1]);
  });

  it('answers 10009 to a payment of another amount than the pre-order', async () => {
    const pkg = sim.server.packages()[0];
    const fms = new FmsClient(sim.connection as unknown as LinksfieldConfig, 'test', FAST);
    const usd = pkg.currencyInfos.find((info) => info.currencyAbbr === 'USD')!;
    const { orderId } = (await fms.call(PRE_ORDER, {
      currency: 'USD',
      currencyId: usd.currencyId,
      deviceType: '10',
      id: pkg.id,
      money: usd.price,
      packageCode: pkg.packageCode,
      partnerCode: fms.partnerCode,
      periodNum: pkg.period,
    })) as { orderId: string };
    const refused = await rejection(
      fms.call(PAYMENT, {
        dateTime: 1,
        orderId,
        partnerCode: fms.partnerCode,
        payAmount: usd.price + 1,
        payCurrency: 'USD',
        paypalId: 'x',
        type: 'payment_intent.succeeded',
      }),
    );
    expect(refused.code).toBe('10009');
    expect(sim.server.state.charges.size).toBe(0);
  });

  it('fails when the package has no profile left (3005 at pre-order)', async () => {
    const pkg = sim.server.packages()[0];
    sim.server.state.outOfStock.add(pkg.id);
    const state = await orders().place(requestFor(pkg));
    expect(state).toMatchObject({ status: 'failed', upstreamOrderId: null });
    expect(inEnglish(state.error)).toContain('code 3005');
    expect(sim.server.state.charges.size).toBe(0);
  });

  it('fails a pre-order that timed out before its payment (6006)', async () => {
    sim.server.state.preOrderTimeoutMs = -1;
    const request = requestFor();
    const client = orders();
    const state = await client.place(request);
    expect(state).toMatchObject({
      status: 'failed',
      upstreamStatus: orderText('upstream.paymentRefused', { code: '6006' }),
      upstreamOrderId: expect.any(String),
    });
    expect(
      await client.query({ idempotencyKey: request.idempotencyKey, upstreamOrderId: state.upstreamOrderId }),
    ).toMatchObject({ status: 'failed', upstreamStatus: orderText('upstream.preOrderTimedOut', { code: '6006' }) });
    expect(sim.server.state.charges.size).toBe(0);
  });

  it('refuses, before sending, a quantity above one and a currency the package is not sold in', async () => {
    expect(await orders().place(requestFor(undefined, { quantity: 2 }))).toMatchObject({ status: 'failed' });
    const pkg = sim.server.packages()[0];
    const state = await orders().place(requestFor(pkg, { expectedCost: money('1.00', 'JPY') }));
    expect(inEnglish(state.error)).toContain('cannot be bought in JPY');
    expect(posts(PRE_ORDER)).toBe(0);
  });
});
