import { afterEach, describe, expect, it } from 'vitest';
import { writeDailyCap } from '../../src-main/orders/repository';
import { OrderService } from '../../src-main/orders/service';
import { ensureSomeRates } from '../../src-main/pricing/rates-service';
import type { SupplierAdapter } from '../../src-main/suppliers/adapter';
import { startBillionConnectSimulator } from '../../src-main/suppliers/billionconnect/sim';
import { startDujiaoSimulator } from '../../src-main/suppliers/dujiao-next/sim';
import { FMS_PATHS } from '../../src-main/suppliers/linksfield/paths';
import { startLinksfieldSimulator } from '../../src-main/suppliers/linksfield/sim';
import { startMesimSimulator } from '../../src-main/suppliers/mesim/sim';
import { supplierKind } from '../../src-main/suppliers/registry';
import { startSeagmSimulator } from '../../src-main/suppliers/seagm/sim';
import type { Fault, FaultPlan, SimRequest } from '../../src-main/suppliers/shared/sim/server';
import { syncSupplier } from '../../src-main/sync/engine';
import { FAST_RETRY, tempDb } from '../helpers/temp-db';

const MAX_SENDS = 3;
/** The request budget scaled down, so a 429's hold lasts milliseconds. */
const FAST_BUDGET = { windowMs: 500, blockMs: 50, requestsPerMinute: 60_000, defaultHoldMs: 20 };
const POLICY = { initialDelayMs: 5, maxDelayMs: 20, followForMs: 4_000, resendAfterMs: 30, maxSendAttempts: MAX_SENDS };

interface Upstream {
  connection: { id: string; kind: string; baseUrl: string } & Record<string, unknown>;
  server: { faults: FaultPlan };
  close(): Promise<void>;
}

/** Each kind, and the one request of its order flow that spends money (the create, or Linksfield's payment notice). */
const KINDS: Array<{
  kind: string;
  start: () => Promise<Upstream>;
  charges: (req: SimRequest) => boolean;
  offerKind?: string;
}> = [
  {
    kind: 'dujiao-next',
    start: () => startDujiaoSimulator({ size: 30 }),
    charges: (req) => req.method === 'POST' && req.path.endsWith('/upstream/orders'),
  },
  {
    kind: 'mesim',
    start: () => startMesimSimulator({ size: 30 }),
    charges: (req) => req.method === 'POST' && req.path.endsWith('/upstream/orders'),
  },
  {
    kind: 'seagm',
    start: () => startSeagmSimulator({ size: 30 }),
    charges: (req) => req.method === 'POST' && /-orders$|\/create$/.test(req.path),
    offerKind: 'card',
  },
  {
    kind: 'billionconnect',
    start: () => startBillionConnectSimulator({ size: 30 }),
    charges: (req) => req.method === 'POST' && req.body.includes('"F040"'),
  },
  {
    kind: 'linksfield',
    start: () => startLinksfieldSimulator({ size: 30 }),
    charges: (req) => req.method === 'POST' && req.path === FMS_PATHS.payment,
  },
];

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function orderAgainst(
  entry: (typeof KINDS)[number],
  answer: Fault['action'],
  policy: Partial<typeof POLICY> = {},
): Promise<{ posts: number; status: string; attention: string | undefined }> {
  const sim = await entry.start();
  cleanups.push(() => sim.close());
  const store = tempDb();
  cleanups.push(() => store.cleanup());
  ensureSomeRates(store.db);
  writeDailyCap(store.db, null);
  // One adapter for the whole run, as the app keeps one per connection (Linksfield remembers its pre-orders in it).
  const adapter: SupplierAdapter = supplierKind(entry.kind)!.create(sim.connection as never, {
    retry: FAST_RETRY,
    timeoutMs: 2000,
    budgetTuning: FAST_BUDGET,
  });
  const sync = await syncSupplier(store.db, { supplierId: sim.connection.id, supplierKind: entry.kind, adapter });
  expect(sync.status).toBe('ok');
  const offer = store.db
    .prepare(
      `SELECT product_id AS productId, sku_id AS skuId, variant FROM offers
    WHERE supplier_id = ? AND removed_at IS NULL AND orderable = 1 AND stock_status IN ('in_stock', 'unlimited', 'unknown') AND kind = ?
      AND fulfillment_json NOT LIKE '%"required":true%' ORDER BY cost_amount + 0 LIMIT 1`,
    )
    .get(sim.connection.id, entry.offerKind ?? 'esim') as { productId: string; skuId: string; variant: string };
  expect(offer).toBeDefined();

  let posts = 0;
  sim.server.faults.add({ when: (req) => entry.charges(req) && ++posts > 0, action: answer });
  const service = new OrderService({
    db: store.db,
    supplier: (id) => (id === sim.connection.id ? { connection: sim.connection, adapter } : null),
    policy: { ...POLICY, ...policy },
  });
  cleanups.push(() => service.close());
  const placed = await service.place({ offer: { supplier: sim.connection.id, ...offer }, confirm: true });
  const settled = await service.settled(placed.id);
  return { posts, status: settled.status, attention: settled.attention?.code };
}

/**
 * An upstream that never answers the request that charges is sent it at most `maxSendAttempts` times, whatever the
 * supplier and however it fails: a 5xx or a 429 (which a hostile upstream may send after charging) is never resent by
 * the transport or the request budget on their own, and no restart, poll or retry adds a send the order service did
 * not count. Each of these POSTs would be a charge at an upstream that does not de-duplicate.
 */
describe.each(KINDS)('re-sends to $kind', (entry) => {
  // Linksfield's payment notice whose answer is lost counts as sent (its status settles it), so it is sent once.
  it('stop after the limit when the charging request always fails with 503', async () => {
    const result = await orderAgainst(entry, { kind: 'status', status: 503, body: { error: 'unavailable' } });
    expect(result.posts).toBeGreaterThanOrEqual(1);
    expect(result.posts).toBeLessThanOrEqual(MAX_SENDS);
  }, 30_000);

  it('stop after the limit when the charging request is always answered 429 with Retry-After 0', async () => {
    const result = await orderAgainst(entry, {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '0' },
      body: { code: 429, msg: 'Too Many Requests' },
    });
    expect(result.posts).toBeGreaterThanOrEqual(1);
    expect(result.posts).toBeLessThanOrEqual(MAX_SENDS);
    expect(result.status).toBe('attention');
    expect(result.attention).toBe('no_answer');
  }, 30_000);
});

describe('an upstream that does not de-duplicate', () => {
  it('is charged at most the limit when it takes every order and answers "too many requests"', async () => {
    const sim = await startDujiaoSimulator({ size: 30 });
    cleanups.push(() => sim.close());
    // Every repeat of a key creates (and charges) another order, as a server without de-duplication would.
    sim.server.state.dedupLagMs = Number.MAX_SAFE_INTEGER;
    const store = tempDb();
    cleanups.push(() => store.cleanup());
    ensureSomeRates(store.db);
    writeDailyCap(store.db, null);
    const adapter = supplierKind('dujiao-next')!.create(sim.connection as never, {
      retry: FAST_RETRY,
      timeoutMs: 2000,
      budgetTuning: FAST_BUDGET,
    });
    await syncSupplier(store.db, { supplierId: sim.connection.id, supplierKind: 'dujiao-next', adapter });
    const offer = store.db
      .prepare(
        `SELECT product_id AS productId, sku_id AS skuId, variant FROM offers WHERE supplier_id = ? AND orderable = 1
      AND kind = 'esim' AND stock_status IN ('in_stock', 'unlimited') AND removed_at IS NULL LIMIT 1`,
      )
      .get(sim.connection.id) as { productId: string; skuId: string; variant: string };
    // The order is taken and charged; the answer says, in the older builds' form, to slow down.
    sim.server.faults.add({
      method: 'POST',
      path: '/api/v1/upstream/orders',
      action: { kind: 'rewrite', transform: () => ({ status_code: 429, msg: '请求过于频繁，请 0 秒后再试' }) },
    });
    const service = new OrderService({
      db: store.db,
      supplier: (id) => (id === sim.connection.id ? { connection: sim.connection, adapter } : null),
      policy: POLICY,
    });
    cleanups.push(() => service.close());
    const placed = await service.place({ offer: { supplier: sim.connection.id, ...offer }, confirm: true });
    const settled = await service.settled(placed.id);
    expect(settled).toMatchObject({ status: 'attention', attention: { code: 'no_answer' } });
    expect(sim.server.hits.get('POST /api/v1/upstream/orders')).toBeLessThanOrEqual(MAX_SENDS);
    expect(sim.server.state.charges.get(settled.idempotencyKey)).toBeLessThanOrEqual(MAX_SENDS);
  }, 30_000);
});

describe('an order whose supplier can no longer be asked about it', () => {
  it('goes to attention (Linksfield, the pre-order answer lost): never asked about forever, never ordered twice', async () => {
    const linksfield = KINDS.find((entry) => entry.kind === 'linksfield')!;
    // The pre-order is made but its answer (the only place its id comes from) is lost.
    const preOrder = { ...linksfield, charges: (req: SimRequest) => req.path === FMS_PATHS.preOrder };
    // Followed long enough for the pre-order's silent tries (it charges nothing, so the transport retries it).
    const result = await orderAgainst(preOrder, { kind: 'hang' }, { followForMs: 20_000 });
    expect(result.status).toBe('attention');
    expect(result.attention).toBe('outcome_unclear');
    // One send (the transport's tries of a pre-order, which charges nothing), never a second: its payment could be a
    // second charge.
    expect(result.posts).toBeLessThanOrEqual(FAST_RETRY.attempts);
  }, 30_000);
});
