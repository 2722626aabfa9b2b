import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';
import { money } from '../../../src-main/domain/money';
import { SupplierError } from '../../../src-main/http/errors';
import type { AdapterEnv, OrderRequest, OrderState, SupplierAdapter } from '../../../src-main/suppliers/adapter';
import { billionconnect } from '../../../src-main/suppliers/billionconnect';
import type { BcSimProduct } from '../../../src-main/suppliers/billionconnect/sim/seed';
import {
  startBillionConnectSimulator,
  type BillionConnectSimulator,
} from '../../../src-main/suppliers/billionconnect/sim';
import { orderText } from '../../../src-shared/order-notes';
import { inEnglish } from '../../helpers/in-english';

const FAST: AdapterEnv = { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 } };

let sim: BillionConnectSimulator;
let adapter: SupplierAdapter;
let receiver: Receiver;
let keys = 0;

interface Receiver {
  url: string;
  updates: Array<{ idempotencyKey: string; state: OrderState }>;
  refusals: string[];
  close(): Promise<void>;
}

/** What the order service runs for N009: hand the raw bytes and headers to push.read, answer as it says. */
async function startReceiver(push: NonNullable<SupplierAdapter['push']>): Promise<Receiver> {
  const updates: Receiver['updates'] = [];
  const refusals: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      updates.push(...push.read(Buffer.concat(chunks), req.headers as Record<string, string | undefined>));
      res.writeHead(push.acceptedReply.status, { 'content-type': push.acceptedReply.contentType });
      res.end(push.acceptedReply.body);
    } catch (error) {
      refusals.push((error as Error).message);
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end((error as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/billionconnect/notify`,
    updates,
    refusals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

beforeEach(async () => {
  sim = await startBillionConnectSimulator({ seed: 5 });
  adapter = billionconnect.create(billionconnect.configSchema.parse(sim.connection), FAST);
  receiver = await startReceiver(adapter.push!);
});
afterEach(async () => {
  await receiver.close();
  await sim.close();
});

function esimProduct(type: '3105' | '3106'): BcSimProduct {
  const product = sim.server.catalog().find((p) => p.type === type && (type === '3106' || p.prices.length > 1));
  if (!product) throw new Error(`no ${type} product in the seeded catalog`);
  return product;
}

/** The quote is for the whole quantity, as the order service records it. */
function requestFor(product: BcSimProduct, extra: Partial<OrderRequest> = {}): OrderRequest {
  const row = product.prices.at(-1)!;
  const quantity = extra.quantity ?? 1;
  return {
    productId: product.skuId,
    skuId: product.skuId,
    variant: row.copies,
    quantity,
    idempotencyKey: `BC-TEST-${++keys}`,
    expectedCost: money(new Decimal(row.settlementPrice).times(quantity).toFixed(), 'CNY'),
    email: 'buyer@example.com',
    ...extra,
  };
}

const ref = (request: OrderRequest, upstreamOrderId: string | null = null) => ({
  idempotencyKey: request.idempotencyKey,
  upstreamOrderId,
});

describe('BillionConnect eSIM orders', () => {
  it('orders through F040 exactly as documented, then delivers the LPA that N009 brings into a real receiver', async () => {
    const product = esimProduct('3105');
    const request = requestFor(product);
    const placed = await adapter.orders!.place(request);
    expect(placed).toMatchObject({
      status: 'processing',
      upstreamOrderId: expect.stringMatching(/^\d{16}$/),
      delivery: null,
      error: null,
    });
    expect(placed.upstreamStatus).toBe('@upstream.ordered; @note.awaitingN009');

    const [order] = sim.server.state.orders;
    expect(order).toMatchObject({ channelOrderId: request.idempotencyKey, email: 'buyer@example.com' });
    expect(
      order.subOrders.map(({ channelSubOrderId, deviceSkuId, planSkuCopies, number }) => ({
        channelSubOrderId,
        deviceSkuId,
        planSkuCopies,
        number,
      })),
    ).toEqual([
      {
        channelSubOrderId: `${request.idempotencyKey}-1`,
        deviceSkuId: product.skuId,
        planSkuCopies: request.variant,
        number: '1',
      },
    ]);
    expect(await adapter.orders!.query(ref(request))).toMatchObject({
      status: 'processing',
      upstreamOrderId: placed.upstreamOrderId,
      delivery: null,
    });

    const answer = await sim.server.pushN009(request.idempotencyKey, receiver.url);
    expect(answer).toEqual({ status: 200, reply: '{"tradeCode":"1000","tradeMsg":"success"}' });
    const esim = order.subOrders[0].esims[0];
    expect(receiver.updates).toEqual([
      {
        idempotencyKey: request.idempotencyKey,
        state: {
          status: 'delivered',
          upstreamOrderId: placed.upstreamOrderId,
          upstreamStatus: orderText('upstream.qrSent', { code: 'N009' }),
          amount: null,
          error: null,
          delivery: {
            lpa: esim.qrCodeContent,
            smdpAddress: 'SMDP.DEMO.SUPPLYGRID.INVALID',
            activationCode: esim.qrCodeContent.split('$')[2],
            iccid: esim.iccid,
            text: [
              orderText('deliveryNote.pin', { pin: esim.pin }),
              orderText('deliveryNote.puk', { puk: esim.puk }),
              orderText('deliveryNote.apn', { apn: 'plus' }),
              orderText('deliveryNote.validUntil', { until: esim.validTime }),
            ].join('\n'),
          },
        },
      },
    ]);
    // F011 now says shipped and names the ICCID, but it never carries the LPA: only the push does.
    expect(await adapter.orders!.query(ref(request))).toMatchObject({
      status: 'processing',
      delivery: { iccid: esim.iccid },
    });
    expect(sim.server.state.charges.get(request.idempotencyKey)).toBe(1);
  });

  it('accepts a repeated N009 and reads it the same way each time', async () => {
    const request = requestFor(esimProduct('3106'));
    await adapter.orders!.place(request);
    for (let n = 0; n < 3; n++)
      expect((await sim.server.pushN009(request.idempotencyKey, receiver.url)).status).toBe(200);
    expect(receiver.updates).toHaveLength(3);
    expect(receiver.updates[1]).toEqual(receiver.updates[0]);
    expect(receiver.updates[2]).toEqual(receiver.updates[0]);
    expect(sim.server.state.charges.get(request.idempotencyKey)).toBe(1);
  });

  it('refuses a tampered N009 with the reason, and one signed with another secret or not at all', async () => {
    const request = requestFor(esimProduct('3106'));
    await adapter.orders!.place(request);
    const genuine = sim.server.n009(request.idempotencyKey);
    const forged = Buffer.from(
      genuine.body
        .toString('utf8')
        .replace(/"qrCodeContent":"LPA:1\$[^$]+\$/, '"qrCodeContent":"LPA:1$SMDP.ATTACKER.EXAMPLE$'),
    );
    expect(forged.equals(genuine.body)).toBe(false);
    const post = (body: Buffer, headers: Record<string, string>) =>
      fetch(receiver.url, { method: 'POST', headers, body: new Uint8Array(body) });

    const tampered = await post(forged, genuine.headers);
    expect(tampered.status).toBe(401);
    expect(inEnglish(await tampered.text())).toContain('x-sign-value is not md5(App secret + body)');
    const { 'x-sign-value': _dropped, ...unsigned } = genuine.headers;
    expect((await post(genuine.body, unsigned)).status).toBe(401);
    expect(inEnglish(receiver.refusals[1])).toContain('no x-sign-value header');
    expect(receiver.updates).toEqual([]);
    // The untouched bytes still pass: the signature is checked over exactly what arrived.
    expect((await post(genuine.body, genuine.headers)).status).toBe(200);
    expect(receiver.updates).toHaveLength(1);
  });

  it('delivers every eSIM of a several-eSIM order: the first in the fields, all of them in the text', async () => {
    const request = requestFor(esimProduct('3106'), { quantity: 2 });
    await adapter.orders!.place(request);
    await sim.server.pushN009(request.idempotencyKey, receiver.url);
    const [first, second] = sim.server.state.orders[0].subOrders[0].esims;
    const { delivery } = receiver.updates[0].state;
    expect(delivery).toMatchObject({ lpa: first.qrCodeContent, iccid: first.iccid });
    expect(inEnglish(delivery!.text)).toContain(`eSIM 2 of 2: ICCID ${second.iccid}; ${second.qrCodeContent}\nPIN `);
    const queried = await adapter.orders!.query(ref(request));
    expect(queried!.delivery).toEqual({ iccid: first.iccid, text: expect.any(String) });
    expect(inEnglish(queried!.delivery!.text)).toBe(`ICCIDs: ${first.iccid}, ${second.iccid}`);
    // Every eSIM structured on its own, so each gets its own QR and activation code.
    const [, smdp, code1] = first.qrCodeContent.split('$');
    expect(delivery!.esims).toEqual([
      { lpa: first.qrCodeContent, smdpAddress: smdp, activationCode: code1, iccid: first.iccid },
      {
        lpa: second.qrCodeContent,
        smdpAddress: second.qrCodeContent.split('$')[1],
        activationCode: second.qrCodeContent.split('$')[2],
        iccid: second.iccid,
      },
    ]);
  });

  it('pushes N009 to the configured callback URL by itself after an order', async () => {
    sim.server.state.notifyUrl = receiver.url;
    const request = requestFor(esimProduct('3105'));
    await adapter.orders!.place(request);
    await expect.poll(() => receiver.updates.length, { timeout: 2000 }).toBe(1);
    expect(receiver.updates[0]).toMatchObject({
      idempotencyKey: request.idempotencyKey,
      state: { status: 'delivered' },
    });
  });
});

describe('BillionConnect ordering never charges twice for one key', () => {
  it('answers a repeated place() with the order already made', async () => {
    const request = requestFor(esimProduct('3105'));
    const first = await adapter.orders!.place(request);
    const again = await billionconnect
      .create(billionconnect.configSchema.parse(sim.connection), FAST)
      .orders!.place(request);
    expect(again.upstreamOrderId).toBe(first.upstreamOrderId);
    expect(sim.server.state.orders).toHaveLength(1);
    expect(sim.server.state.charges.get(request.idempotencyKey)).toBe(1);
  });

  it('sends F040 once per place(); resent after a lost answer, the platform returns the same order', async () => {
    sim.server.faults.add({
      method: 'POST',
      when: (req) => req.body.includes('"F040"'),
      times: 1,
      action: { kind: 'reset' },
    });
    const request = requestFor(esimProduct('3106'));
    await expect(adapter.orders!.place(request)).rejects.toMatchObject({ retryable: true });
    // F003 (the price check), then F040 once.
    expect(sim.server.hits.get('POST /Flow/saler/2.0/invoke')).toBe(2);
    const state = await adapter.orders!.place({ ...request, sendAttempt: 2 });
    expect(state.status).toBe('processing');
    expect(sim.server.hits.get('POST /Flow/saler/2.0/invoke')).toBe(4);
    expect(sim.server.state.charges.get(request.idempotencyKey)).toBe(1);
  });
});

describe('BillionConnect answers that are not what they seem', () => {
  it('looks an F040 refusal up with F011 before calling it not placed: an order made despite the refusal is followed', async () => {
    sim.server.state.refuseAfterCreating = { tradeCode: '9999', tradeMsg: '系统繁忙' };
    const request = requestFor(esimProduct('3106'));
    const state = await adapter.orders!.place(request);
    const [made] = sim.server.state.orders;
    expect(state).toMatchObject({ status: 'processing', upstreamOrderId: made.orderId });
    expect(sim.server.state.charges.get(request.idempotencyKey)).toBe(1);
  });

  it('reads the F003 settlement price again before F040 and sends nothing above the quote', async () => {
    const product = esimProduct('3106');
    const request = requestFor(product);
    const row = product.prices.at(-1)!;
    row.settlementPrice = new Decimal(row.settlementPrice).plus('0.5').toFixed();
    const state = await adapter.orders!.place(request);
    expect(state.attention).toEqual({
      code: 'price_above_quote',
      params: { live: `${row.settlementPrice} CNY`, quoted: `${request.expectedCost.amount} CNY` },
    });
    expect(sim.server.state.orders).toHaveLength(0);
    expect(sim.server.state.charges.size).toBe(0);
  });
});

describe('BillionConnect refusals and cancellation', () => {
  it('reports a failed payment and a sold-out eSIM as failed orders, charging nothing', async () => {
    sim.server.state.forcePaymentFailure = true;
    const unpaid = await adapter.orders!.place(requestFor(esimProduct('3105')));
    expect(unpaid).toMatchObject({ status: 'failed', upstreamOrderId: null });
    expect(inEnglish(unpaid.error)).toContain('账户余额不足 (tradeCode 2001)');
    sim.server.state.forcePaymentFailure = false;
    const product = esimProduct('3106');
    sim.server.state.outOfStock.add(product.skuId);
    const soldOut = await adapter.orders!.place(requestFor(product));
    expect(inEnglish(soldOut.error)).toContain('库存不足 (tradeCode 2002)');
    expect(sim.server.state.charges.size).toBe(0);
  });

  it('cancels an order not yet shipped (F008) and gives the money back; a shipped one cannot be', async () => {
    const account = sim.server.state.accounts[0];
    const before = account.accountBalance;
    const request = requestFor(esimProduct('3106'));
    const placed = await adapter.orders!.place(request);
    expect(account.accountBalance).not.toBe(before);
    expect(await adapter.orders!.cancel!(ref(request))).toMatchObject({
      status: 'canceled',
      upstreamOrderId: placed.upstreamOrderId,
    });
    expect(account.accountBalance).toBe(before);

    const shipped = requestFor(esimProduct('3106'));
    const shippedOrder = await adapter.orders!.place(shipped);
    await sim.server.pushN009(shipped.idempotencyKey, receiver.url);
    const refusal = await adapter.orders!.cancel!(ref(shipped, shippedOrder.upstreamOrderId)).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(SupplierError);
    expect(inEnglish((refusal as Error).message)).toContain('订单已发货，不能取消 (tradeCode 2004)');
  });

  it('answers null for a key it never took', async () => {
    expect(await adapter.orders!.query({ idempotencyKey: 'BC-NEVER-PLACED', upstreamOrderId: null })).toBeNull();
  });

  it('refuses, before sending, an offer whose variant is not a number of copies', async () => {
    const state = await adapter.orders!.place({ ...requestFor(esimProduct('3105')), variant: '' });
    expect(state.status).toBe('failed');
    expect(sim.server.hits.get('POST /Flow/saler/2.0/invoke') ?? 0).toBe(0);
  });
});
