import { expect } from 'vitest';
import { OrderService } from '../../src-main/orders/service';
import { ensureSomeRates } from '../../src-main/pricing/rates-service';
import type { ConnectionBase } from '../../src-main/suppliers/adapter';
import { startBillionConnectSimulator } from '../../src-main/suppliers/billionconnect/sim';
import { supplierKind } from '../../src-main/suppliers/registry';
import { syncSupplier } from '../../src-main/sync/engine';
import { freePort } from './free-port';
import { FAST_RETRY, tempDb } from './temp-db';

/**
 * The order service over the BillionConnect simulator, with the connection as the merchant edits it: `edit` replaces
 * the settings the service reads from then on (the app hands out the connection as configured now); `listen` is where
 * its receiver is, for the simulator's N009.
 */
export async function billionConnectOrders(cleanups: Array<() => Promise<void> | void>) {
  const sim = await startBillionConnectSimulator({ size: 40 });
  const store = tempDb();
  cleanups.push(() => sim.close(), store.cleanup);
  ensureSomeRates(store.db);
  let connection = { ...sim.connection, id: 'bc', notifyListen: `127.0.0.1:${await freePort()}` } as ConnectionBase;
  let adapter = supplierKind('billionconnect')!.create(connection, { retry: FAST_RETRY, timeoutMs: 5000 });
  const edit = (settings: Record<string, unknown>) => {
    connection = { ...connection, ...settings } as ConnectionBase;
    adapter = supplierKind('billionconnect')!.create(connection, { retry: FAST_RETRY, timeoutMs: 5000 });
  };
  expect((await syncSupplier(store.db, { supplierId: 'bc', supplierKind: 'billionconnect', adapter })).status).toBe(
    'ok',
  );
  const offer = store.db
    .prepare(
      `SELECT product_id AS productId, sku_id AS skuId, variant FROM offers WHERE supplier_id = 'bc' AND orderable = 1 ORDER BY product_id LIMIT 1`,
    )
    .get() as { productId: string; skuId: string; variant: string };
  const service = new OrderService({
    db: store.db,
    supplier: (id) => (id === 'bc' ? { connection, adapter } : null),
    policy: { initialDelayMs: 20, maxDelayMs: 50, followForMs: 15_000 },
    pushLingerMs: 100,
  });
  cleanups.push(() => service.close());
  const listen = () => (connection as unknown as { notifyListen: string }).notifyListen;
  return { sim, service, edit, listen, offer: { supplier: 'bc', ...offer } };
}
