import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { listLiveOffers } from '../../src-main/db/catalog-repo';
import type { AdapterEnv, ConnectionBase } from '../../src-main/suppliers/adapter';
import { demoCredentials } from '../../src-main/suppliers/dujiao-next/sim';
import { startDujiaoSimulator, type DujiaoSimulator } from '../../src-main/suppliers/dujiao-next/sim';
import { seagm } from '../../src-main/suppliers/seagm';
import { seagmBudgetPolicy } from '../../src-main/suppliers/seagm/client';
import { SEAGM_DEFAULT_REQUESTS_PER_MINUTE, seagmApiRoot } from '../../src-main/suppliers/seagm/config';
import { accountBudget } from '../../src-main/http/budget-policy';
import { startAppServices } from '../helpers/app-services';
import { startSeagmSimulator } from '../../src-main/suppliers/seagm/sim';
import { syncSuppliers } from '../../src-main/sync/engine';
import { adapterFor, syncTargetFor } from '../../src-main/sync/targets';
import { FAST_RETRY, tempDb, type TempDb } from '../helpers/temp-db';
import { MeteredBudget } from '../../src-main/http/budget-meter';
import type { SupplierAdapter } from '../../src-main/suppliers/adapter';
import { autoDeliveredOrder } from '../helpers/dujiao-order';

/** The real rule (60 per 60 s, then a 30 s block) scaled down: 30 requests per 1.5 s window, a 300 ms block. */
// The simulator runs in the test's own process, so a busy event loop delays when it counts a request. A request sent
// just inside our window could then be counted in the server's next one (and overflow it) only if it reached the
// server later than the window less the margin, 1.25 s: once seen with a 1 s window, four test processes sharing two
// cores. The real rule tolerates 58 s (the network's lag).
const RULE = { windowMs: 1500, max: 30, blockMs: 300 };
/** The account's one budget an adapter paces through (each adapter counts its own requests on a window of it). */
const accountOf = (adapter: SupplierAdapter) => (adapter.budget as MeteredBudget).account;

const ENV: AdapterEnv = {
  retry: FAST_RETRY,
  budgetTuning: { windowMs: RULE.windowMs, blockMs: RULE.blockMs, marginMs: 250 },
};
/** 50 products a page: ~3,000 products need more than 60 requests, three windows' worth. */
const PRODUCTS = 3_100;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function dujiao(refusal: 'http429' | 'http200' = 'http429'): Promise<DujiaoSimulator> {
  const sim = await startDujiaoSimulator({ size: PRODUCTS, rateLimit: { ...RULE, refusal } });
  cleanups.push(() => sim.close());
  return sim;
}

function database(): TempDb {
  const temp = tempDb();
  cleanups.push(() => temp.cleanup());
  return temp;
}

function connectionOf(sim: DujiaoSimulator): ConnectionBase & Record<string, unknown> {
  return { ...sim.connection, requestsPerMinute: RULE.max };
}

/** Another client of the same key spends its allowance and one more: the server blocks the key. Unsigned is enough: the limiter counts before auth. */
async function burnKey(sim: DujiaoSimulator, apiKey = String(sim.connection.apiKey)): Promise<void> {
  for (let i = 0; i <= RULE.max; i++) {
    const response = await request(`${sim.baseUrl}/api/v1/upstream/ping`, {
      method: 'POST',
      headers: { 'dujiao-next-api-key': apiKey },
    });
    await response.body.text();
  }
}

describe('request budget of a Dujiao-Next connection', () => {
  it('paces a sync needing more than 60 requests so that the server never blocks the key', async () => {
    const sim = await dujiao();
    const { db } = database();
    const adapter = adapterFor(connectionOf(sim), ENV);
    const [result] = await syncSuppliers(db, [syncTargetFor(sim.connection, adapter)], { mode: 'full' });
    expect(result.status).toBe('ok');
    expect(listLiveOffers(db, sim.connection.id).length).toBeGreaterThan(3000);
    const stats = adapter.budget!.stats();
    expect(stats.requests).toBeGreaterThan(60);
    expect(stats.throttled).toBe(0);
    expect(stats.bytes).toBeGreaterThan(0);
    // Its waits for the next window are the run's, as recorded: more than 60 requests wait at least one window.
    expect(stats.waitMs).toBeGreaterThan(0);
    expect(result).toMatchObject({ requests: stats.requests, bytes: stats.bytes });
    expect(result.waitMs).toBeCloseTo(stats.waitMs, -1);
    expect(sim.server.state.rateLimiter.blocks).toBe(0);
    expect(sim.server.state.rateLimiter.refused).toBe(0);
  });

  it.each(['http429', 'http200'] as const)(
    'waits out a block someone else caused (refused with %s) and completes',
    async (refusal) => {
      const sim = await dujiao(refusal);
      const { db } = database();
      await burnKey(sim);
      expect(sim.server.state.rateLimiter.blocks).toBe(1);
      const adapter = adapterFor(connectionOf(sim), { ...ENV, retry: { ...FAST_RETRY, attempts: 1 } });
      const waits: Array<number | null> = [];
      adapter.budget!.onWait((resumesAt) => waits.push(resumesAt));
      const [result] = await syncSuppliers(db, [syncTargetFor(sim.connection, adapter)], { mode: 'full' });
      expect(result.status).toBe('ok');
      expect(listLiveOffers(db, sim.connection.id).length).toBeGreaterThan(3000);
      expect(adapter.budget!.stats().throttled).toBeGreaterThan(0);
      expect(waits.some((w) => w !== null)).toBe(true);
      // Our own requests never caused a block: the only one is the one provoked above.
      expect(sim.server.state.rateLimiter.blocks).toBe(1);
    },
  );

  it('keeps the budgets of two accounts apart, and shares one per account', async () => {
    const sim = await dujiao();
    const { db } = database();
    const second = demoCredentials('second-account');
    sim.server.state.accounts.push({ ...second, active: true, userDisabled: false, balance: '10.00' });
    const first = connectionOf(sim);
    const other = { ...first, id: 'second', ...second };
    const firstAdapter = adapterFor(first, ENV);
    const otherAdapter = adapterFor(other, ENV);
    expect(accountOf(otherAdapter)).not.toBe(accountOf(firstAdapter));
    expect(accountOf(adapterFor({ ...first, id: 'same-account-again' }, ENV))).toBe(accountOf(firstAdapter));

    await burnKey(sim, String(first.apiKey));
    const [result] = await syncSuppliers(db, [syncTargetFor(other, otherAdapter)], { mode: 'full' });
    expect(result.status).toBe('ok');
    expect(otherAdapter.budget!.stats().throttled).toBe(0);
    expect(firstAdapter.budget!.stats().requests).toBe(0);
  });

  it('sends an order placed during a sync through the same budget', async () => {
    const sim = await dujiao();
    const { db } = database();
    const syncing = adapterFor(connectionOf(sim), ENV);
    const ordering = adapterFor(connectionOf(sim), ENV);
    expect(accountOf(ordering)).toBe(accountOf(syncing));
    const accountBefore = accountOf(syncing).stats().requests;
    const sync = syncSuppliers(db, [syncTargetFor(sim.connection, syncing)], { mode: 'full' });
    const placed = await ordering.orders!.place(autoDeliveredOrder(sim, 'BUDGET-1'));
    const [result] = await sync;
    expect(result.status).toBe('ok');
    expect(placed.upstreamOrderId).not.toBeNull();
    const served = [...sim.server.hits.values()].reduce((sum, n) => sum + n, 0);
    // One budget paced them all; each side counts its own, and the run records the sync's requests alone.
    expect(accountOf(syncing).stats().requests - accountBefore).toBe(served);
    const orderRequests = ordering.budget!.stats().requests;
    expect(orderRequests).toBeGreaterThan(0);
    expect(result.requests).toBe(served - orderRequests);
    expect(syncing.budget!.stats().requests).toBe(result.requests);
    expect(sim.server.state.rateLimiter.blocks).toBe(0);
  });

  it('ends a sync canceled during a budget wait as canceled, with the previous catalog intact', async () => {
    const sim = await dujiao();
    const { db } = database();
    const adapter = adapterFor(connectionOf(sim), ENV);
    const [first] = await syncSuppliers(db, [syncTargetFor(sim.connection, adapter)], { mode: 'full' });
    expect(first.status).toBe('ok');
    const before = listLiveOffers(db, sim.connection.id);
    sim.setGeneration(1);
    const stop = new AbortController();
    const unsubscribe = adapter.budget!.onWait((resumesAt) => {
      if (resumesAt !== null) stop.abort();
    });
    const [second] = await syncSuppliers(db, [syncTargetFor(sim.connection, adapter)], {
      mode: 'full',
      signal: stop.signal,
    });
    unsubscribe();
    expect(stop.signal.aborted).toBe(true);
    expect(second.status).toBe('canceled');
    expect(listLiveOffers(db, sim.connection.id)).toEqual(before);
  });
});

describe('request budget of a SEAGM connection', () => {
  it('slows down after a 429, holds for its Retry-After, and still gets every answer', async () => {
    const sim = await startSeagmSimulator({ seed: 11 });
    cleanups.push(() => sim.close());
    sim.server.state.rate.limitPerWindow = 3;
    // Long enough that the five pings land in one window even on a loaded machine; the 429s then ask to wait out the
    // rest of it (Retry-After: 1 or 2 s), which the budget must honour for every request, not only the refused one.
    sim.server.state.rate.windowMs = 1500;
    const adapter = seagm.create(seagm.configSchema.parse({ ...sim.connection, requestsPerMinute: '6000' }), {
      retry: FAST_RETRY,
    });
    expect(adapter.budget!.stats().throttled).toBe(0);
    const budget = adapter.budget as unknown as { perMinute(): number };
    expect(budget.perMinute()).toBe(6000);
    const pings = await Promise.all(Array.from({ length: 5 }, () => adapter.ping()));
    expect(pings.every((p) => p.currency === 'MYR')).toBe(true);
    expect(adapter.budget!.stats().throttled).toBeGreaterThan(0);
    expect(sim.server.state.rate.refused).toBe(adapter.budget!.stats().throttled);
    expect(budget.perMinute()).toBeLessThan(6000);
    expect(sim.server.state.rate.bannedUntil).toBe(0);
  });

  it("a connection test of settings not yet saved shares the account's budget but leaves its pace alone", async () => {
    const sim = await startSeagmSimulator({ seed: 12 });
    cleanups.push(() => sim.close());
    const paceOf = (adapter: { budget?: unknown }) => (adapter.budget as { perMinute(): number }).perMinute();
    const saved = seagm.create(seagm.configSchema.parse({ ...sim.connection, requestsPerMinute: '240' }), {
      retry: FAST_RETRY,
    });
    expect(paceOf(saved)).toBe(240);
    const typed = seagm.configSchema.parse({ ...sim.connection, requestsPerMinute: '5' });
    const tested = seagm.create(typed, { retry: FAST_RETRY, budgetTuning: { keepAccountPace: true } });
    await tested.ping();
    expect(paceOf(saved)).toBe(240);
    expect(paceOf(tested)).toBe(240);
    // Saved, the same settings do re-tune it: the account's syncs and orders then go at the new pace.
    seagm.create(typed, { retry: FAST_RETRY });
    expect(paceOf(saved)).toBe(5);
  });

  it("the app's connection test of a pace not yet saved leaves the account's pace as it was", async () => {
    const { services, api } = await startAppServices('supplygrid-budget-test-', cleanups);
    const demo = services.activeConnections().find((c) => c.kind === 'seagm') as ConnectionBase & {
      uid: string;
      secretKey: string;
    };
    // The account's one budget, read without re-tuning it.
    const livePace = () =>
      accountBudget(
        { kind: 'seagm', baseUrl: seagmApiRoot(demo.baseUrl), account: demo.uid },
        seagmBudgetPolicy(undefined, undefined),
        { keepAccountPace: true },
      ).perMinute();
    expect(livePace()).toBe(SEAGM_DEFAULT_REQUESTS_PER_MINUTE);
    const tested = await api['suppliers.test']({
      kind: 'seagm',
      name: 'Same account, slower',
      settings: { baseUrl: demo.baseUrl, uid: demo.uid, requestsPerMinute: '5' },
      secrets: { secretKey: demo.secretKey },
    });
    expect(tested).toMatchObject({ ok: true });
    expect(livePace()).toBe(SEAGM_DEFAULT_REQUESTS_PER_MINUTE);
  });
});
