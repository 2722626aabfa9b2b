import { afterEach, describe, expect, it } from 'vitest';
import { writeDailyCap } from '../../src-main/orders/repository';
import { OrderService } from '../../src-main/orders/service';
import { ensureSomeRates } from '../../src-main/pricing/rates-service';
import type { SupplierAdapter } from '../../src-main/suppliers/adapter';
import { supplierKind } from '../../src-main/suppliers/registry';
import { startSeagmSimulator, type SeagmSimulator } from '../../src-main/suppliers/seagm/sim';
import { syncSupplier } from '../../src-main/sync/engine';
import { FAST_RETRY, tempDb } from '../helpers/temp-db';

/** The request budget scaled down, so a 429's hold lasts milliseconds. */
const FAST_BUDGET = { windowMs: 500, blockMs: 50, requestsPerMinute: 60_000, defaultHoldMs: 20 };
const POLICY = { initialDelayMs: 5, maxDelayMs: 20, followForMs: 3_000, resendAfterMs: 30, maxSendAttempts: 3 };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A SEAGM simulator synced into a fresh database, and an order service over the same adapter, as the app keeps one. */
async function seagmOrders(): Promise<{
  sim: SeagmSimulator;
  service: OrderService;
  autoCard: { productId: string; skuId: string; variant: string };
}> {
  const sim = await startSeagmSimulator({ size: 30 });
  cleanups.push(() => sim.close());
  const store = tempDb();
  cleanups.push(() => store.cleanup());
  ensureSomeRates(store.db);
  writeDailyCap(store.db, null);
  const adapter: SupplierAdapter = supplierKind('seagm')!.create(sim.connection as never, {
    retry: FAST_RETRY,
    timeoutMs: 2000,
    budgetTuning: FAST_BUDGET,
  });
  const sync = await syncSupplier(store.db, { supplierId: sim.connection.id, supplierKind: 'seagm', adapter });
  expect(sync.status).toBe('ok');
  const auto = new Set(
    sim.server
      .catalog()
      .cardCategories.filter((c) => c.auto_delivery)
      .map((c) => String(c.id)),
  );
  const cards = store.db
    .prepare(
      `SELECT product_id AS productId, sku_id AS skuId, variant FROM offers WHERE supplier_id = ? AND removed_at IS NULL
      AND orderable = 1 AND kind = 'card' AND stock_status IN ('in_stock', 'unlimited', 'unknown')
      AND (max_quantity IS NULL OR max_quantity = 0 OR max_quantity >= 2) AND (min_quantity IS NULL OR min_quantity <= 1)
      ORDER BY cost_amount + 0`,
    )
    .all(sim.connection.id) as Array<{ productId: string; skuId: string; variant: string }>;
  const autoCard = cards.find((card) => auto.has(card.productId));
  if (!autoCard) throw new Error('no auto-delivered card offer in the synced catalog');
  const service = new OrderService({
    db: store.db,
    supplier: (id) => (id === sim.connection.id ? { connection: sim.connection, adapter } : null),
    policy: POLICY,
  });
  cleanups.push(() => service.close());
  return { sim, service, autoCard };
}

describe('SEAGM orders through the order service', () => {
  it('a create SEAGM took and charged, answered in a shape we cannot read, is looked up by key: its cards are delivered', async () => {
    const { sim, service, autoCard } = await seagmOrders();
    // The order is created, paid and its cards sent; only the create's answer carries buy_amount in the callback's
    // "1.00" form. The detail endpoint answers as the doc shows.
    sim.server.faults.add({
      method: 'POST',
      path: '/v1/card-orders',
      action: {
        kind: 'rewrite',
        transform: (body) => {
          const envelope = body as { data: Record<string, unknown> };
          return { ...envelope, data: { ...envelope.data, buy_amount: `${String(envelope.data.buy_amount)}.00` } };
        },
      },
    });
    const placed = await service.place({ offer: { supplier: sim.connection.id, ...autoCard }, confirm: true });
    const settled = await service.settled(placed.id);
    expect(sim.server.state.charges.get(settled.idempotencyKey)).toBe(1);
    expect(sim.server.hits.get('POST /v1/card-orders')).toBe(1);
    expect(settled.status).toBe('delivered');
    expect(service.reveal(placed.id).delivery!.cards![0].pin).toBeTruthy();
  }, 30_000);
  it('a card order SEAGM marks done with fewer cards than bought is followed on, not closed as delivered', async () => {
    const { sim, service, autoCard } = await seagmOrders();
    // SEAGM has sent one card of two so far and refunded nothing: every answer about the order carries one card.
    const oneCard = (body: unknown) => {
      const envelope = body as { data?: { cards?: unknown[] } };
      if (!envelope.data?.cards) return body;
      return { ...envelope, data: { ...envelope.data, cards: envelope.data.cards.slice(0, 1) } };
    };
    sim.server.faults.add({ path: /^\/v1\/card-orders/, action: { kind: 'rewrite', transform: oneCard } });
    const placed = await service.place({
      offer: { supplier: sim.connection.id, ...autoCard },
      quantity: 2,
      confirm: true,
    });
    // Paid for two, one in hand: the order is not finished, and the card that came is kept.
    expect(placed.status).toBe('processing');
    expect(service.reveal(placed.id).delivery!.cards).toHaveLength(1);
    // The second card arrives: the order completes with both.
    sim.server.faults.clear();
    const settled = await service.settled(placed.id);
    expect(settled.status).toBe('delivered');
    expect(service.reveal(placed.id).delivery!.cards).toHaveLength(2);
    expect(sim.server.state.charges.get(settled.idempotencyKey)).toBe(1);
  }, 30_000);

  it('a re-send SEAGM refuses after an unanswered first send goes to attention, not to "failed, nothing charged"', async () => {
    const { sim, service, autoCard } = await seagmOrders();
    // The first create is cut off without an answer; the repeat is refused as out of stock.
    sim.server.faults.add({ method: 'POST', path: '/v1/card-orders', times: 1, action: { kind: 'reset' } });
    sim.server.faults.add({
      method: 'POST',
      path: '/v1/card-orders',
      action: {
        kind: 'status',
        status: 416,
        body: {
          code: 416,
          msg: 'Stock Out',
          error_info: { info_code: 20125, info_message: 'Current product stock out' },
        },
      },
    });
    const placed = await service.place({ offer: { supplier: sim.connection.id, ...autoCard }, confirm: true });
    const settled = await service.settled(placed.id);
    expect(sim.server.hits.get('POST /v1/card-orders')).toBe(2);
    expect(settled.status).toBe('attention');
    expect(settled.attention?.code).toBe('outcome_unclear');
  }, 30_000);
});
