import { afterEach, describe, expect, it } from 'vitest';
import { setMerchantCurrency } from '../../src-main/db/settings';
import { insertOrder, listOrders, readDailyCap, writeDailyCap } from '../../src-main/orders/repository';
import { localDay } from '../../src-main/orders/spending-cap';
import { OrderService, newIdempotencyKey, type SupplierHandle } from '../../src-main/orders/service';
import { OrderError } from '../../src-main/orders/types';
import { ensureSomeRates } from '../../src-main/pricing/rates-service';
import type { ConnectionBase } from '../../src-main/suppliers/adapter';
import { supplierKind } from '../../src-main/suppliers/registry';
import { syncSupplier } from '../../src-main/sync/engine';
import { catalogOf, startTestDujiao, TEST_KEY, TEST_SECRET } from '../helpers/dujiao-fixtures';
import { FAST_RETRY, tempDb } from '../helpers/temp-db';
import { orderTextEn } from '../../src-main/cli/commands/orders';

const POLICY = { initialDelayMs: 10, maxDelayMs: 40, followForMs: 5_000, resendAfterMs: 50, maxSendAttempts: 3 };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Dujiao-Next simulator selling 12.50 CNY eSIMs, its catalog synced into a real SQLite file, merchant in USD. */
async function setup() {
  const sim = await startTestDujiao(catalogOf(3), { pollsUntilDelivered: 0 });
  cleanups.push(() => sim.close());
  const store = tempDb();
  cleanups.push(() => store.cleanup());
  setMerchantCurrency(store.db, 'USD');
  ensureSomeRates(store.db);
  const connection = {
    id: 'sup',
    kind: 'dujiao-next',
    name: 'Test supplier',
    baseUrl: sim.connection.apiBase,
    apiKey: TEST_KEY,
    apiSecret: TEST_SECRET,
  } as ConnectionBase;
  const adapter = supplierKind('dujiao-next')!.create(connection, { retry: FAST_RETRY, timeoutMs: 5000 });
  const handle: SupplierHandle = { connection, adapter };
  await syncSupplier(store.db, { supplierId: 'sup', supplierKind: 'dujiao-next', adapter });
  const service = new OrderService({ db: store.db, supplier: (id) => (id === 'sup' ? handle : null), policy: POLICY });
  cleanups.push(() => service.close());
  return { sim, db: store.db, service };
}

const offerOf = (productId: number) => ({
  supplier: 'sup',
  productId: String(productId),
  skuId: String(productId * 10),
  variant: '',
});

describe('the daily spending cap', () => {
  it('is on by default, at an amount the merchant sees in their currency, and stays off once turned off', async () => {
    const { db, service } = await setup();
    expect(readDailyCap(db)).toBe('200');
    expect((await service.quote(offerOf(1))).cap).toMatchObject({ limit: { amount: '200.00', currency: 'USD' } });
    writeDailyCap(db, null);
    expect(readDailyCap(db)).toBeNull();
    expect((await service.quote(offerOf(1))).cap).toBeNull();
    writeDailyCap(db, '50');
    expect(service.dailySpending().cap).toMatchObject({ limit: { amount: '50.00', currency: 'USD' } });
  });

  it('counts the larger of the quote and the charge, and a charge above the quote puts the order in attention', async () => {
    const { sim, db, service } = await setup();
    writeDailyCap(db, '6');
    // Quoted 12.50 CNY (1.74 USD at the sample rate); the supplier charges 40.00 CNY (5.56 USD).
    sim.state.chargeForSku.set(10, '40.00');
    const placed = await service.place({ offer: offerOf(1), confirm: true });
    const settled = await service.settled(placed.id);
    expect(settled).toMatchObject({
      status: 'attention',
      attention: { code: 'charged_differs' },
      amount: { amount: '40.00', currency: 'CNY' },
    });
    expect(service.dailySpending().cap).toMatchObject({
      spentToday: { amount: '5.56' },
      remaining: { amount: '0.44' },
    });
    const next = await service.quote(offerOf(2));
    expect(next.allowed).toBe(false);
    await expect(
      service.place({ offer: offerOf(2), confirm: true }).catch((error: Error) => orderTextEn(error.message, '')),
    ).resolves.toMatch(/would exceed today’s spending cap of 6\.00 USD: 5\.56 USD already spent/);
  });

  it('refuses an offer whose cost is zero or less before anything is recorded or sent', async () => {
    const { sim, db, service } = await setup();
    for (const cost of ['0.00', '-1.00']) {
      db.prepare("UPDATE offers SET cost_amount = ? WHERE supplier_id = 'sup' AND sku_id = '10'").run(cost);
      const quote = await service.quote(offerOf(1));
      expect(quote.allowed).toBe(false);
      expect(orderTextEn(quote.refusal, '')).toMatch(/an order at a cost of zero or less is refused/);
      await expect(service.place({ offer: offerOf(1), confirm: true })).rejects.toThrow(OrderError);
    }
    expect(listOrders(db)).toHaveLength(0);
    expect(sim.hits.get('POST /api/v1/upstream/orders') ?? 0).toBe(0);
  });

  it("keeps the day's earlier orders counted after the merchant changes currency, at today's rates", async () => {
    const { db, service } = await setup();
    await service.settled((await service.place({ offer: offerOf(1), confirm: true })).id);
    expect(service.dailySpending().cap).toMatchObject({ spentToday: { amount: '1.74', currency: 'USD' } });
    setMerchantCurrency(db, 'EUR');
    ensureSomeRates(db);
    const spent = service.dailySpending().cap!.spentToday;
    expect(spent.currency).toBe('EUR');
    expect(Number(spent.amount)).toBeGreaterThan(1);
  });

  it('refuses new orders, saying which rate is missing, when an earlier order of the day cannot be converted', async () => {
    const { db, service } = await setup();
    const at = new Date();
    insertOrder(
      db,
      {
        idempotencyKey: newIdempotencyKey(at),
        supplierId: 'sup',
        supplierKind: 'dujiao-next',
        connectionFingerprint: null,
        productId: '9',
        skuId: '90',
        variant: '',
        offerKind: 'esim',
        title: 'Earlier',
        quantity: 1,
        expectedCost: { amount: '150.00', currency: 'XAU' },
        capAmount: null,
        capDay: localDay(at),
        email: null,
        buyerInput: null,
        createdAt: at.toISOString(),
      },
      'recorded before sending',
    );
    const quote = await service.quote(offerOf(1));
    expect(quote).toMatchObject({
      allowed: false,
      refusal: expect.stringMatching(/^@cap\.refused\.uncounted\?missing=XAU/),
    });
    expect(orderTextEn(quote.refusal, '')).toMatch(/^Cannot check the daily spending cap: no exchange rate for XAU/);
    await expect(service.place({ offer: offerOf(1), confirm: true })).rejects.toThrow(
      /@cap\.refused\.uncounted\?missing=XAU/,
    );
  });
});
