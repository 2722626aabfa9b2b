import { afterEach, beforeEach } from 'vitest';
import type { AdapterEnv, SupplierOrders } from '../../src-main/suppliers/adapter';
import { seagm } from '../../src-main/suppliers/seagm';
import { startSeagmSimulator, type SeagmSimulator } from '../../src-main/suppliers/seagm/sim';

const FAST: AdapterEnv = { retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 } };

/** A fresh SEAGM simulator for every test of the file, and the orders of a connection to it. */
export function useSeagmSimulator(seed = 11): { sim: SeagmSimulator; orders(): SupplierOrders } {
  const handle = {
    sim: undefined as unknown as SeagmSimulator,
    orders: () => seagm.create(seagm.configSchema.parse(handle.sim.connection), FAST).orders!,
  };
  beforeEach(async () => {
    handle.sim = await startSeagmSimulator({ seed });
  });
  afterEach(async () => {
    await handle.sim.close();
  });
  return handle;
}
