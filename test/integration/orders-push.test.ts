import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { Offer } from '../../src-main/domain/offer';
import { OrderService } from '../../src-main/orders/service';
import type { OrderState, PushNotifications, SupplierAdapter } from '../../src-main/suppliers/adapter';
import { syncSupplier } from '../../src-main/sync/engine';
import { freePort } from '../helpers/free-port';
import { tempDb } from '../helpers/temp-db';
import { orderTextEn } from '../../src-main/cli/commands/orders';
import { orderText } from '../../src-shared/order-notes';
import { inEnglishMatching } from '../helpers/in-english';

const SECRET = 'push-secret';
const sign = (body: string | Buffer) => createHash('md5').update(SECRET).update(body).digest('hex');
const ACCEPTED = {
  status: 200,
  contentType: 'application/json;charset=UTF-8',
  body: '{"tradeCode":"1000","tradeMsg":"success"}',
};

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const OFFER: Offer = {
  productId: 'P1',
  skuId: 'S1',
  variant: '',
  kind: 'esim',
  titles: { en: 'Japan 5GB 7 days' },
  category: null,
  cost: { amount: '4.00', currency: 'USD' },
  retailPrice: null,
  originalPrice: null,
  stock: { status: 'in_stock', quantity: null },
  minQuantity: 1,
  maxQuantity: null,
  fulfillment: { mode: 'auto', inputFields: [] },
  images: [],
  plan: {},
  orderable: true,
  raw: {},
};

/**
 * A supplier in BillionConnect's shape: orders stay "processing" when queried (its query carries the ICCID only)
 * and the LPA arrives by a signed push. `honoursPaste: false` plays a reader that ignores the paste option.
 */
function fakeSupplier(options: { honoursPaste?: boolean } = {}) {
  const push: PushNotifications = {
    read(rawBody: Buffer, headers: Record<string, string | undefined>, paste?: { pastedByMerchant?: boolean }) {
      const pasted = paste?.pastedByMerchant === true && options.honoursPaste !== false;
      if (!pasted && headers['x-sign-value'] !== sign(rawBody)) throw new Error('signature does not match');
      const body = JSON.parse(rawBody.toString('utf8')) as { orders: Array<{ key: string; lpa: string }> };
      return body.orders.map((order) => ({
        idempotencyKey: order.key,
        state: {
          status: 'delivered',
          upstreamOrderId: null,
          upstreamStatus: 'N009',
          amount: null,
          delivery: { lpa: order.lpa },
          error: null,
        } satisfies OrderState,
      }));
    },
    acceptedReply: ACCEPTED,
  };
  const adapter: SupplierAdapter = {
    ping: async () => ({ balance: { amount: '100.00', currency: 'USD' }, currency: 'USD', detail: {} }),
    async *fetchCatalog() {
      yield { offers: [OFFER], skipped: [] };
    },
    orders: {
      place: async (req) => ({
        status: 'processing',
        upstreamOrderId: `U-${req.idempotencyKey}`,
        upstreamStatus: '0',
        amount: { amount: '4.00', currency: 'USD' },
        delivery: null,
        error: null,
      }),
      query: async (ref) => ({
        status: 'processing',
        upstreamOrderId: ref.upstreamOrderId,
        upstreamStatus: '0',
        amount: null,
        delivery: { iccid: '89852000000000000001' },
        error: null,
      }),
    },
    push,
  };
  return adapter;
}

async function setup(options: { honoursPaste?: boolean } = {}) {
  const store = tempDb();
  cleanups.push(() => store.cleanup());
  const adapter = fakeSupplier(options);
  await syncSupplier(store.db, { supplierId: 'bc', supplierKind: 'billionconnect', adapter });
  const listen = `127.0.0.1:${await freePort()}`;
  const connection = {
    id: 'bc',
    kind: 'billionconnect',
    name: 'BC',
    baseUrl: 'http://unused.invalid',
    notifyListen: listen,
  };
  const service = new OrderService({
    db: store.db,
    supplier: (id) => (id === 'bc' ? { connection, adapter } : null),
    policy: { initialDelayMs: 10, maxDelayMs: 20, followForMs: 20_000 },
    pushLingerMs: 1000,
  });
  cleanups.push(() => service.close());
  const place = () =>
    service.place({ offer: { supplier: 'bc', productId: 'P1', skuId: 'S1', variant: '' }, confirm: true });
  return { store, service, listen, place };
}

async function post(listen: string, path: string, body: string, headers: Record<string, string> = {}) {
  const response = await request(`http://${listen}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: response.statusCode, text: await response.body.text() };
}

const LPA = 'LPA:1$SECSMSMINIAPP.EASTCOMPEACE.COM$2C13942911FF452AB45E9E99A5D444A1';

describe('supplier pushes (BillionConnect N009 style)', () => {
  it('listens while the supplier has open orders, applies a signed push on any path, is idempotent on repeats, then stops', async () => {
    const { service, listen, place } = await setup();
    const order = await place();
    await until(() => service.receiverAddress('bc') !== null);
    expect(service.receiverAddress('bc')).toBe(listen);
    await until(() => service.get(order.id)!.delivery?.iccid !== undefined);

    const body = JSON.stringify({ orders: [{ key: order.idempotencyKey, lpa: LPA }] });
    const first = await post(listen, '/callbacks/n009', body, { 'x-sign-value': sign(body) });
    expect(first).toEqual({ status: 200, text: ACCEPTED.body });
    const delivered = service.reveal(order.id);
    expect(delivered.status).toBe('delivered');
    // The query's ICCID and the push's LPA, with the LPA's parts split out.
    expect(delivered.delivery).toEqual({
      iccid: '89852000000000000001',
      lpa: LPA,
      smdpAddress: 'SECSMSMINIAPP.EASTCOMPEACE.COM',
      activationCode: '2C13942911FF452AB45E9E99A5D444A1',
    });
    expect(delivered.timeline.at(-1)?.note).toBe(orderText('note.pushed'));

    // A repeat (the supplier missed our reply) is answered the same and changes nothing: the receiver lingers.
    const timelineLength = delivered.timeline.length;
    expect(await post(listen, '/', body, { 'x-sign-value': sign(body) })).toEqual({ status: 200, text: ACCEPTED.body });
    expect(service.get(order.id)!.timeline).toHaveLength(timelineLength);

    // No open orders left: after lingering, the receiver stops.
    await until(() => service.receiverAddress('bc') === null);
    await expect(post(listen, '/', body, { 'x-sign-value': sign(body) })).rejects.toThrow();
  });

  it('refuses a push whose signature does not match, and anything but POST; accepts pushes for keys it does not know', async () => {
    const { service, listen, place } = await setup();
    const order = await place();
    await until(() => service.receiverAddress('bc') !== null);
    const body = JSON.stringify({ orders: [{ key: order.idempotencyKey, lpa: LPA }] });
    const forged = await post(listen, '/', body, { 'x-sign-value': sign('something else') });
    expect(forged.status).toBe(401);
    expect(forged.text).toMatch(/rejected: signature does not match/);
    expect((await request(`http://${listen}/`)).statusCode).toBe(405);
    const stranger = JSON.stringify({ orders: [{ key: 'SG-NOT-OURS', lpa: LPA }] });
    expect(await post(listen, '/', stranger, { 'x-sign-value': sign(stranger) })).toEqual({
      status: 200,
      text: ACCEPTED.body,
    });
    expect(service.get(order.id)!.status).toBe('processing');
  });

  it('says so on the order when it cannot listen on the configured address', async () => {
    const { service, listen, place } = await setup();
    const blocker: Server = createServer();
    const [host, port] = listen.split(':');
    await new Promise<void>((resolve) => blocker.listen(Number(port), host, () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const order = await place();
    await until(() =>
      service
        .get(order.id)!
        .timeline.some((e) =>
          /Cannot receive this supplier’s notifications on 127\.0\.0\.1:\d+ \(.*EADDRINUSE.*\); paste the notification or the activation code by hand/.test(
            orderTextEn(e.note, order.supplier),
          ),
        ),
    );
  });

  it('completes an order from a pasted notification body, skipping only the signature check', async () => {
    const { service, place } = await setup();
    const order = await place();
    const other = JSON.stringify({ orders: [{ key: 'SG-SOMEONE-ELSE', lpa: LPA }] });
    await expect(service.completeManually(order.id, other)).rejects.toThrow(
      inEnglishMatching(/about SG-SOMEONE-ELSE, not order #\d+/),
    );
    const done = await service.completeManually(
      order.id,
      `\n${JSON.stringify({ orders: [{ key: order.idempotencyKey, lpa: LPA }] })}\n`,
    );
    expect(done.status).toBe('delivered');
    expect(orderTextEn(done.timeline.at(-1)?.note, done.supplier)).toMatch(
      /pasted notification \(signature not checked: you pasted it\)/,
    );
    expect(service.reveal(order.id).delivery?.activationCode).toBe('2C13942911FF452AB45E9E99A5D444A1');
  });

  it("explains when the supplier's reader will not take a pasted body", async () => {
    const { service, place } = await setup({ honoursPaste: false });
    const order = await place();
    const body = JSON.stringify({ orders: [{ key: order.idempotencyKey, lpa: LPA }] });
    await expect(service.completeManually(order.id, body)).rejects.toThrow(
      inEnglishMatching(/bc could not read the pasted notification: signature does not match/),
    );
    expect((await service.completeManually(order.id, LPA)).status).toBe('delivered');
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
