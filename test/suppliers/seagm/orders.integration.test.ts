import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money } from '../../../src-main/domain/money';
import type { AdapterEnv, OrderRequest, SupplierOrders } from '../../../src-main/suppliers/adapter';
import { seagm } from '../../../src-main/suppliers/seagm';
import type { SimGood } from '../../../src-main/suppliers/seagm/sim/seed';
import { startSeagmSimulator, type SeagmSimulator } from '../../../src-main/suppliers/seagm/sim';
import { inEnglish } from '../../helpers/in-english';

const FAST: AdapterEnv = { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 } };

let sim: SeagmSimulator;
let keys = 0;

beforeEach(async () => {
  sim = await startSeagmSimulator({ seed: 11 });
});
afterEach(async () => {
  await sim.close();
});

function orders(env: AdapterEnv = FAST): SupplierOrders {
  return seagm.create(seagm.configSchema.parse(sim.connection), env).orders!;
}

function goods<F extends SimGood['family']>(
  family: F,
  test: (good: Extract<SimGood, { family: F }>) => boolean = () => true,
): Extract<SimGood, { family: F }> {
  const found = sim.server
    .catalog()
    .goods.find(
      (g): g is Extract<SimGood, { family: F }> => g.family === family && test(g as Extract<SimGood, { family: F }>),
    );
  if (!found) throw new Error(`no ${family} good in the seeded catalog`);
  return found;
}

function autoDeliveredCard() {
  const auto = new Set(
    sim.server
      .catalog()
      .cardCategories.filter((c) => c.auto_delivery)
      .map((c) => c.id),
  );
  return goods('card', (g) => g.item.has_stock && auto.has(g.item.category_id)).item;
}

/** A request as the order service builds it from an offer: product/sku as the catalog maps them, cost from the catalog. */
function requestFor(good: SimGood, extra: Partial<OrderRequest> = {}): OrderRequest {
  const productId = good.family === 'mobile' ? String(good.operatorId) : String(good.item.category_id);
  const skuId = String(good.family === 'mobile' ? good.item.product_id : good.item.id);
  // The quote is for the whole quantity, as the order service records it.
  const quantity = extra.quantity ?? 1;
  return {
    productId,
    skuId,
    variant: '',
    quantity,
    idempotencyKey: `SG-TEST-${++keys}`,
    expectedCost: money((good.item.unit_price * quantity).toFixed(2), good.item.currency),
    ...extra,
  };
}

const posts = (path: string) => sim.server.hits.get(`POST ${path}`) ?? 0;

describe('SEAGM card orders', () => {
  it('delivers card number and PIN at once from an auto-delivery category, charging the unit price times quantity', async () => {
    const card = autoDeliveredCard();
    const request = requestFor({ family: 'card', item: card }, { quantity: 2 });
    const state = await orders().place(request);
    expect(state).toMatchObject({ status: 'delivered', upstreamStatus: 'Done (10003)', error: null });
    expect(state.amount).toEqual({ amount: (card.unit_price * 2).toFixed(2), currency: card.currency });
    expect(state.delivery!.cards).toHaveLength(2);
    for (const delivered of state.delivery!.cards!) {
      expect(delivered.number).toMatch(/^SG\d+/);
      expect(delivered.pin).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
      // The doc's "-" means the card does not expire: no expiry is made up for it.
      expect(delivered.expiry).toBeUndefined();
    }
    expect(sim.server.state.charges.get(request.idempotencyKey)).toBe(1);
    expect(
      await orders().query({ idempotencyKey: request.idempotencyKey, upstreamOrderId: state.upstreamOrderId }),
    ).toEqual(state);
  });

  it('debits the account balance in its own currency, converted from the price currency', async () => {
    const card = autoDeliveredCard();
    const before = Number(sim.server.state.accounts[0].balance);
    await orders().place(requestFor({ family: 'card', item: card }));
    const order = sim.server.state.orders.at(-1)!;
    expect(Number(sim.server.state.accounts[0].balance)).toBeCloseTo(before - order.debited.toNumber(), 2);
  });

  it('waits for a manual category to send its cards: processing, then delivered', async () => {
    const manual = new Set(
      sim.server
        .catalog()
        .cardCategories.filter((c) => !c.auto_delivery)
        .map((c) => c.id),
    );
    const card = goods('card', (g) => g.item.has_stock && manual.has(g.item.category_id)).item;
    const request = requestFor({ family: 'card', item: card });
    const client = orders();
    expect((await client.place(request)).status).toBe('processing');
    const ref = { idempotencyKey: request.idempotencyKey, upstreamOrderId: null };
    expect(await client.query(ref)).toMatchObject({ status: 'processing', upstreamStatus: 'Sending... (10002)' });
    const done = await client.query(ref);
    expect(done).toMatchObject({ status: 'delivered' });
    expect(done!.delivery!.cards![0].pin).toBeTruthy();
  });
});

describe('SEAGM direct top-up and mobile recharge orders', () => {
  it('sends every input field (a select and its child select included) and reports the top-up done', async () => {
    const topup = goods('recharge', (g) => g.item.fields.some((f) => f.options?.some((o) => o.child?.length))).item;
    const select = topup.fields.find((f) => f.options?.some((o) => o.child?.length))!;
    const option = select.options!.find((o) => o.child?.length)!;
    const child = option.child![0];
    const buyerInput: Record<string, string> = {
      [child.name]: child.options[0].child_options[0].value,
      [select.name]: option.value,
    };
    for (const field of topup.fields) buyerInput[field.name] ??= '12345678';
    const request = requestFor({ family: 'recharge', item: topup }, { buyerInput });
    const client = orders();
    expect(await client.place(request)).toMatchObject({ status: 'processing', upstreamStatus: 'Wait send (10001)' });
    expect(sim.server.state.orders.at(-1)!.fields).toEqual(buyerInput);
    const ref = { idempotencyKey: request.idempotencyKey, upstreamOrderId: null };
    await client.query(ref);
    const done = await client.query(ref);
    expect(done!.status).toBe('delivered');
    expect(inEnglish(done!.delivery!.text)).toContain(`${select.name} ${option.value}`);
  });

  it('refuses before sending anything when a field is missing or cannot be sent', async () => {
    const topup = goods(
      'recharge',
      (g) => g.item.fields.length >= 2 && g.item.fields.every((f) => f.name !== 'uid'),
    ).item;
    const missing = await orders().place(
      requestFor({ family: 'recharge', item: topup }, { buyerInput: { [topup.fields[0].name]: 'abc' } }),
    );
    expect(missing).toMatchObject({ status: 'failed', upstreamOrderId: null });
    expect(inEnglish(missing.error)).toContain(topup.fields[1].label);
    // HoYoverse games name their field "uid", which SEAGM reads as the account's uid from the query string.
    const hoyo = goods('recharge', (g) => g.item.fields.some((f) => f.name === 'uid')).item;
    const clash = await orders().place(
      requestFor({ family: 'recharge', item: hoyo }, { buyerInput: { uid: '800123456', server: 'os_asia' } }),
    );
    expect(clash.status).toBe('failed');
    expect(inEnglish(clash.error)).toContain('“uid”');
    expect(posts('/v1/recharge-orders')).toBe(0);
  });

  it('tops up a phone, finding the calling code from the operator and dropping a typed country code', async () => {
    const good = goods('mobile');
    const operator = sim.server.catalog().operators.find((o) => o.id === good.operatorId)!;
    const callingCode = sim.server.catalog().countries.find((c) => c.code === operator.country_code)!.calling_code;
    const request = requestFor(good, { buyerInput: { phone_number: `+${callingCode} 812-3456-789` } });
    const client = orders();
    expect((await client.place(request)).status).toBe('processing');
    expect(sim.server.state.orders.at(-1)!.fields).toMatchObject({
      calling_code: callingCode,
      phone_number: '8123456789',
    });
    const ref = { idempotencyKey: request.idempotencyKey, upstreamOrderId: null };
    await client.query(ref);
    const done = await client.query(ref);
    expect(done).toMatchObject({
      status: 'delivered',
      amount: { amount: good.item.unit_price.toFixed(2), currency: good.item.currency },
    });
    expect(inEnglish(done!.delivery!.text)).toContain(`+${callingCode} 8123456789`);
    expect(await client.place({ ...request, idempotencyKey: 'SG-TEST-two-phones', quantity: 2 })).toMatchObject({
      status: 'failed',
    });
  });
});

describe('SEAGM ordering never charges twice for one key', () => {
  it('finds the first order when place() is repeated, by the same client or after a restart', async () => {
    const request = requestFor({ family: 'card', item: autoDeliveredCard() });
    const first = await orders().place(request);
    const again = await orders().place(request);
    expect(again.upstreamOrderId).toBe(first.upstreamOrderId);
    expect(posts('/v1/card-orders')).toBe(1);
    expect(sim.server.state.charges.get(request.idempotencyKey)).toBe(1);
  });

  it('sends the create once per place(); the repeat after a lost answer finds the order by key instead of creating it again', async () => {
    sim.server.faults.add({ method: 'POST', path: '/v1/card-orders', times: 1, action: { kind: 'reset' } });
    const request = requestFor({ family: 'card', item: autoDeliveredCard() });
    await expect(orders().place(request)).rejects.toMatchObject({ retryable: true });
    expect(posts('/v1/card-orders')).toBe(1);
    const state = await orders().place({ ...request, sendAttempt: 2 });
    expect(state.status).toBe('delivered');
    expect(posts('/v1/card-orders')).toBe(1);
    expect(sim.server.state.charges.get(request.idempotencyKey)).toBe(1);
  });

  it('does not resend a create answered 429 by itself (the order service decides), and orders once when sent again', async () => {
    sim.server.faults.add({
      method: 'POST',
      path: '/v1/card-orders',
      times: 1,
      action: {
        kind: 'status',
        status: 429,
        headers: { 'retry-after': '0' },
        body: { code: 429, msg: 'Too Many Requests' },
      },
    });
    const request = requestFor({ family: 'card', item: autoDeliveredCard() });
    await expect(orders().place(request)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(posts('/v1/card-orders')).toBe(1);
    expect((await orders().place({ ...request, sendAttempt: 2 })).status).toBe('delivered');
    expect(sim.server.state.charges.get(request.idempotencyKey)).toBe(1);
  });

  it('keeps to two requests in flight when several orders are placed at once', async () => {
    sim.server.state.latencyMs = 5;
    const card = autoDeliveredCard();
    const client = orders();
    const states = await Promise.all(
      Array.from({ length: 5 }, () => client.place(requestFor({ family: 'card', item: card }))),
    );
    expect(states.every((s) => s.status === 'delivered')).toBe(true);
    expect(sim.server.state.maxInFlight).toBeLessThanOrEqual(2);
  });
});

describe('SEAGM refusals', () => {
  it('reports a declined balance payment and an empty balance as failed, charging nothing', async () => {
    sim.server.state.forcePaymentFailure = true;
    const declined = await orders().place(requestFor({ family: 'card', item: autoDeliveredCard() }));
    expect(declined).toMatchObject({ status: 'failed', upstreamOrderId: null });
    expect(inEnglish(declined.error)).toContain('Balance payment Failed. (SEAGM 20112');
    sim.server.state.forcePaymentFailure = false;
    sim.server.state.accounts[0].balance = '0.50';
    const broke = await orders().place(requestFor({ family: 'card', item: autoDeliveredCard() }));
    expect(inEnglish(broke.error)).toContain('Insufficient Balance. (SEAGM 20033');
    expect(sim.server.state.charges.size).toBe(0);
  });

  it('reports a stock-out, whether the catalog already said so or it ran out since', async () => {
    const card = autoDeliveredCard();
    sim.server.state.outOfStock.add(String(card.id));
    const ranOut = await orders().place(requestFor({ family: 'card', item: card }));
    expect(ranOut).toMatchObject({ status: 'failed' });
    expect(inEnglish(ranOut.error)).toContain('Current product stock out (SEAGM 20125; HTTP 416');
    const listedOut = goods('card', (g) => !g.item.has_stock).item;
    expect(inEnglish((await orders().place(requestFor({ family: 'card', item: listedOut }))).error)).toContain(
      'stock out',
    );
    expect(sim.server.state.charges.size).toBe(0);
  });

  it('will not buy above the catalog cost, and says so before sending', async () => {
    const card = autoDeliveredCard();
    const cheaper = (card.unit_price - 0.01).toFixed(2);
    const state = await orders().place(
      requestFor({ family: 'card', item: card }, { expectedCost: money(cheaper, card.currency) }),
    );
    expect(state.attention).toEqual({
      code: 'price_above_quote',
      params: { live: `${card.unit_price.toFixed(2)} ${card.currency}`, quoted: `${cheaper} ${card.currency}` },
    });
    expect(posts('/v1/card-orders')).toBe(0);
  });

  it('compares the unit price times the quantity with the quote for the whole order', async () => {
    const card = autoDeliveredCard();
    // A quote for three, one cent under what three cost now: a unit price compared with the total would pass it.
    const quoted = (card.unit_price * 3 - 0.01).toFixed(2);
    const state = await orders().place(
      requestFor({ family: 'card', item: card }, { quantity: 3, expectedCost: money(quoted, card.currency) }),
    );
    expect(state.attention?.code).toBe('price_above_quote');
    expect(posts('/v1/card-orders')).toBe(0);
    expect(sim.server.state.charges.size).toBe(0);
  });

  it('reports a refund as refunded with the amount given back', async () => {
    const topup = goods('recharge', (g) => g.item.fields.every((f) => f.type === 'input' && f.name !== 'uid')).item;
    const request = requestFor(
      { family: 'recharge', item: topup },
      { buyerInput: Object.fromEntries(topup.fields.map((f) => [f.name, '42'])) },
    );
    const client = orders();
    const placed = await client.place(request);
    const balanceAfterOrder = sim.server.state.accounts[0].balance;
    sim.server.refundOrder(request.idempotencyKey);
    const refunded = await client.query({
      idempotencyKey: request.idempotencyKey,
      upstreamOrderId: placed.upstreamOrderId,
    });
    expect(refunded).toMatchObject({
      status: 'refunded',
      upstreamStatus: 'Refunded (10004)',
      refundedAmount: { amount: topup.unit_price.toFixed(2) },
    });
    expect(Number(sim.server.state.accounts[0].balance)).toBeGreaterThan(Number(balanceAfterOrder));
  });

  it('answers null for a key it never took, after asking every family', async () => {
    expect(await orders().query({ idempotencyKey: 'SG-NEVER-PLACED', upstreamOrderId: null })).toBeNull();
    expect(sim.server.hits.get('GET /v1/mobile-recharge/order_info')).toBe(1);
  });

  it('fails plainly for a sku SEAGM does not sell under that product', async () => {
    const card = autoDeliveredCard();
    const state = await orders().place({ ...requestFor({ family: 'card', item: card }), productId: '999999' });
    expect(state).toMatchObject({ status: 'failed' });
    expect(inEnglish(state.error, 'SEAGM')).toContain('SEAGM no longer sells product');
  });
});
