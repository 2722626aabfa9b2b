import { afterEach, describe, expect, it } from 'vitest';
import { OrderService } from '../../src-main/orders/service';
import { ensureSomeRates } from '../../src-main/pricing/rates-service';
import type { ConnectionBase } from '../../src-main/suppliers/adapter';
import { startBillionConnectSimulator } from '../../src-main/suppliers/billionconnect/sim';
import { supplierKind } from '../../src-main/suppliers/registry';
import { syncSupplier } from '../../src-main/sync/engine';
import { freePort } from '../helpers/free-port';
import { FAST_RETRY, tempDb } from '../helpers/temp-db';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The whole BillionConnect path with real parts: the order service places F040 against the simulator, runs its
 * receiver on the connection's notifyListen address, the simulator pushes a signed N009 there, and the order
 * completes with the LPA — one charge.
 */
async function setup() {
  const sim = await startBillionConnectSimulator({ size: 40 });
  const store = tempDb();
  cleanups.push(() => sim.close(), store.cleanup);
  ensureSomeRates(store.db);
  const port = await freePort();
  const connection = { ...sim.connection, id: 'bc', notifyListen: `127.0.0.1:${port}` } as ConnectionBase;
  const handle = () => ({
    connection,
    adapter: supplierKind('billionconnect')!.create(connection, { retry: FAST_RETRY, timeoutMs: 5000 }),
  });
  expect(
    (await syncSupplier(store.db, { supplierId: 'bc', supplierKind: 'billionconnect', adapter: handle().adapter }))
      .status,
  ).toBe('ok');
  const offer = store.db
    .prepare(
      `SELECT product_id AS productId, sku_id AS skuId, variant FROM offers WHERE supplier_id = 'bc' AND orderable = 1 ORDER BY product_id LIMIT 1`,
    )
    .get() as { productId: string; skuId: string; variant: string };
  const service = new OrderService({
    db: store.db,
    supplier: (id) => (id === 'bc' ? handle() : null),
    policy: { initialDelayMs: 20, maxDelayMs: 50, followForMs: 15_000 },
    pushLingerMs: 100,
  });
  cleanups.push(() => service.close());
  return { sim, service, port, offer: { supplier: 'bc', ...offer } };
}

describe('BillionConnect order, delivered by its N009 push', () => {
  it('completes through the receiver with the LPA, charging once', async () => {
    const { sim, service, port, offer } = await setup();
    sim.server.state.notifyUrl = `http://127.0.0.1:${port}/billionconnect/n009`;
    const placed = await service.place({ offer, confirm: true, email: 'merchant@example.com' });
    const done = await service.settled(placed.id);
    expect(done.status).toBe('delivered');
    const revealed = await service.reveal(placed.id);
    expect(revealed.delivery?.lpa).toMatch(/^LPA:1\$[^$]+\$[^$]+$/);
    expect(revealed.delivery?.smdpAddress).toBe(revealed.delivery?.lpa?.split('$')[1]);
    expect(revealed.delivery?.iccid).toMatch(/^\d{18,20}$/);
    expect(sim.server.state.charges.get(placed.idempotencyKey)).toBe(1);
  }, 30_000);

  it('completes from an N009 body the merchant pastes by hand', async () => {
    const { sim, service, offer } = await setup();
    const placed = await service.place({ offer, confirm: true });
    const { body } = sim.server.n009(placed.idempotencyKey);
    const done = await service.completeManually(placed.id, body.toString('utf8'));
    expect(done.status).toBe('delivered');
    expect((await service.reveal(placed.id)).delivery?.lpa).toMatch(/^LPA:1\$/);
    expect(sim.server.state.charges.get(placed.idempotencyKey)).toBe(1);
  }, 30_000);
});
