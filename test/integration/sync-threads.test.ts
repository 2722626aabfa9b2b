import { afterEach, describe, expect, it } from 'vitest';
import { MeteredBudget } from '../../src-main/http/budget-meter';
import type { Database } from 'better-sqlite3';
import { getRun, listLiveOffers, listRuns } from '../../src-main/db/catalog-repo';
import { changesForRuns } from '../../src-main/db/changes-repo';
import type { ConnectionBase, RunningSimulator } from '../../src-main/suppliers/adapter';
import { startDujiaoSimulator, type DujiaoSimulator } from '../../src-main/suppliers/dujiao-next/sim';
import { supplierKind } from '../../src-main/suppliers/registry';
import type { SupplierSyncResult, SyncEvent } from '../../src-shared/sync-types';
import { syncSuppliers } from '../../src-main/sync/engine';
import { adapterFor, portableSyncTarget, syncTargetFor } from '../../src-main/sync/targets';
import { syncSuppliersInThreads } from '../../src-main/sync/worker/pool';
import { WORKER_STOPPED } from '../../src-shared/sync-run-errors';
import type { PortableAdapterEnv } from '../../src-main/sync/worker/protocol';
import { FAST_RETRY, tempDb } from '../helpers/temp-db';
import type { FaultPlan } from '../../src-main/suppliers/shared/sim/server';
import { collectPages } from '../helpers/collect-pages';
import { autoDeliveredOrder } from '../helpers/dujiao-order';

// Syncs in worker threads (sync/worker/): each thread opens the database itself and asks this thread's request
// budgets before every request. These run real simulators over loopback and real SQLite files.

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ENV = { retry: FAST_RETRY };
type Connection = ConnectionBase & Record<string, unknown>;

async function simulator(
  kind: string,
  options: Parameters<NonNullable<ReturnType<typeof supplierKind>>['startSimulator']>[0],
): Promise<RunningSimulator> {
  const sim = await supplierKind(kind)!.startSimulator({ seed: 5, ...options });
  cleanups.push(() => sim.close());
  return sim;
}

function database(): Database {
  const temp = tempDb();
  cleanups.push(() => temp.cleanup());
  return temp.db;
}

/** What a catalog holds, without the instants it was seen at (two syncs never share those). */
function catalogOf(db: Database) {
  return listLiveOffers(db).map(({ firstSeen: _f, lastSeen: _l, ...offer }) => offer);
}

/** Each supplier's changes in the order its run logged them (runs of threads start in no set order among themselves). */
function changeLogOf(db: Database, results: SupplierSyncResult[]) {
  return results.map((result) => changesForRuns(db, [result.runId]).map(({ runId: _r, ...change }) => change));
}

describe('sync in worker threads', () => {
  it('stores, counts and logs exactly what a sync in this thread does, full and then incremental', async () => {
    const sims = [
      await simulator('dujiao-next', { size: 400, churn: 3 }),
      await simulator('mesim', { size: 400, churn: 3 }),
      await simulator('billionconnect', { size: 300, churn: 3 }),
    ];
    const connections = sims.map((sim) => sim.connection as Connection);
    const threaded = database();
    const inline = database();
    const events: SyncEvent[] = [];

    const compare = async (mode: 'full' | 'auto') => {
      const viaThreads = await syncSuppliersInThreads(
        threaded,
        connections.map((c) => portableSyncTarget(c, ENV)),
        { mode, threads: 2, onEvent: (e) => events.push(e) },
      );
      const here = await syncSuppliers(
        inline,
        connections.map((c) => syncTargetFor(c, adapterFor(c, ENV))),
        { mode },
      );
      expect(viaThreads.map((r) => [r.supplierId, r.status, r.mode, r.counts])).toEqual(
        here.map((r) => [r.supplierId, r.status, r.mode, r.counts]),
      );
      expect(viaThreads.every((r) => r.status === 'ok')).toBe(true);
      expect(catalogOf(threaded)).toEqual(catalogOf(inline));
      expect(changeLogOf(threaded, viaThreads)).toEqual(changeLogOf(inline, here));
      return viaThreads;
    };

    const first = await compare('full');
    expect(first.every((r) => r.counts!.added > 0 && r.requests > 0 && r.bytes > 0)).toBe(true);
    for (const sim of sims) sim.setGeneration(1);
    const second = await compare('auto');
    expect(second.find((r) => r.supplierId === connections[0].id)!.mode).toBe('incremental');
    expect(second.some((r) => r.counts!.changed + r.counts!.added + r.counts!.removed > 0)).toBe(true);
    // The runs are the threads' own, recorded in the shared file; their events reached this thread.
    for (const result of [...first, ...second]) {
      expect(getRun(threaded, result.runId)!.status).toBe('ok');
      expect(events.filter((e) => e.type === 'finished' && e.runId === result.runId)).toHaveLength(1);
    }
    expect(listRuns(threaded)).toHaveLength(6);
  });
});

describe('a sync thread that dies', () => {
  it('fails its suppliers with a worded stop and leaves their previous catalogs as they were', async () => {
    // Limits lifted: the pace is tested elsewhere, and the real one would take a minute here.
    const sims = [
      await simulator('dujiao-next', { size: 600, rateLimit: null }),
      await simulator('mesim', { size: 600, rateLimit: null }),
    ];
    const connections = sims.map((sim) => sim.connection as Connection);
    const db = database();
    const targets = () => connections.map((c) => portableSyncTarget(c, ENV));
    const first = await syncSuppliersInThreads(db, targets(), { mode: 'full', threads: 2 });
    expect(first.every((r) => r.status === 'ok')).toBe(true);
    const before = catalogOf(db);
    for (const sim of sims) sim.setGeneration(1);

    // A heap far too small for a sync: each thread runs out of memory and dies.
    const events: SyncEvent[] = [];
    const second = await syncSuppliersInThreads(db, targets(), {
      mode: 'full',
      threads: 2,
      heapLimitMb: 4,
      onEvent: (e) => events.push(e),
    });
    expect(second.map((r) => [r.status, r.error])).toEqual(connections.map(() => ['failed', WORKER_STOPPED]));
    expect(catalogOf(db)).toEqual(before);
    // No run is left running: a run the thread had started is closed as stopped.
    expect(listRuns(db).filter((run) => run.status === 'running')).toEqual([]);
    for (const run of listRuns(db).filter((r) => !first.some((f) => f.runId === r.id))) {
      expect(run).toMatchObject({ status: 'failed', error: WORKER_STOPPED });
    }
    expect(events.filter((e) => e.type === 'finished')).toHaveLength(connections.length);
  });
});

describe('request budgets of a sync in worker threads', () => {
  /** The real rule (60 per 60 s, then a 30 s block) scaled down, as in request-budget.test.ts. */
  const RULE = { windowMs: 1000, max: 20, blockMs: 300 };
  const PACED: PortableAdapterEnv = {
    retry: FAST_RETRY,
    budgetTuning: { windowMs: RULE.windowMs, blockMs: RULE.blockMs, marginMs: 250 },
  };

  async function dujiao(): Promise<DujiaoSimulator> {
    const sim = await startDujiaoSimulator({ size: 1_600, rateLimit: { ...RULE, refusal: 'http429' } });
    cleanups.push(() => sim.close());
    return sim;
  }

  describe('a supplier with a login session (Linksfield)', () => {
    type LinksfieldSim = RunningSimulator & {
      server: {
        state: { logins: number; expireAllTokens(): void; pathFamily: 'v1.1' | 'plain' };
        hits: Map<string, number>;
        faults: FaultPlan;
      };
    };
    async function threadedSync(
      prepare: (lf: LinksfieldSim, connection: Connection) => Promise<void>,
      /** Runs on this thread while the worker syncs, as an order would. */
      meanwhile?: (connection: Connection) => Promise<unknown>,
    ) {
      const lf = (await simulator('linksfield', { size: 40 })) as LinksfieldSim;
      const others = [await simulator('mesim', { size: 200 }), await simulator('dujiao-next', { size: 200 })];
      const connection = lf.connection as Connection;
      await prepare(lf, connection);
      const targets = [connection, ...others.map((sim) => sim.connection as Connection)].map((c) =>
        portableSyncTarget(c, ENV),
      );
      const events: SyncEvent[] = [];
      const [results] = await Promise.all([
        syncSuppliersInThreads(database(), targets, { mode: 'full', threads: 2, onEvent: (e) => events.push(e) }),
        meanwhile?.(connection),
      ]);
      // Linksfield listed in a worker: its run counted the listing's requests, while its adapter here sent nothing but
      // logins made for the worker.
      expect(results[0].requests).toBeGreaterThan(40);
      expect(targets[0].adapter.budget!.stats().requests).toBeLessThanOrEqual(
        lf.server.hits.get('POST /user/login') ?? 0,
      );
      // All three synced in worker threads; every result came back, in the order asked.
      expect(results.map((r) => [r.supplierId, r.status])).toEqual(
        [connection, ...others.map((sim) => sim.connection)].map((c) => [c.id, 'ok']),
      );
      expect(results.every((r) => r.counts!.added > 0)).toBe(true);
      // This thread's adapters (the order service's) hold the session the worker used.
      const ordering = adapterFor(connection, ENV);
      return { lf, ordering, run: results[0], events };
    }

    /** Every request the Linksfield simulator answered, logins and refusals included. */
    const served = (lf: LinksfieldSim) => [...lf.server.hits.values()].reduce((sum, n) => sum + n, 0);

    it("gives the worker the session this thread's orders use: the worker does not log in beside it", async () => {
      const { lf } = await threadedSync(async (sim, connection) => {
        // This thread's adapter for the account (the order service's) logs in, as a connection test does.
        await adapterFor(connection, ENV).ping();
        expect(sim.server.state.logins).toBe(1);
      });
      expect(lf.server.state.logins).toBe(1);
    });

    it('logs in here for the worker when this thread has no session yet, so both threads share that one', async () => {
      const { lf, ordering } = await threadedSync(async (sim) => expect(sim.server.state.logins).toBe(0));
      expect(lf.server.state.logins).toBe(1);
      // This thread holds that session: its orders do not log in again.
      await ordering.session!.replace(null);
      expect(lf.server.state.logins).toBe(1);
    });

    it("hands the worker the path family this thread learnt the host speaks: it never asks the other's", async () => {
      const versioned = (lf: LinksfieldSim) =>
        [...lf.server.hits].filter(([path]) => path.includes('/v1.1/')).reduce((sum, [, n]) => sum + n, 0);
      let learnt = 0;
      const { lf } = await threadedSync(async (sim, connection) => {
        sim.server.state.pathFamily = 'plain';
        await collectPages(adapterFor(connection, ENV).fetchCatalog());
        learnt = versioned(sim);
        expect(learnt).toBeGreaterThan(0);
      });
      expect(versioned(lf)).toBe(learnt);
    });

    it('a path family handed over is a hint: a host that moved since still syncs, and this thread learns the move', async () => {
      const plain = (lf: LinksfieldSim) =>
        [...lf.server.hits]
          .filter(([path]) => /^POST \/package\/(packageList|detail|preOrderPackage)$/.test(path))
          .reduce((sum, [, n]) => sum + n, 0);
      const { lf, ordering } = await threadedSync(async (sim, connection) => {
        sim.server.state.pathFamily = 'plain';
        await collectPages(adapterFor(connection, ENV).fetchCatalog());
        sim.server.state.pathFamily = 'v1.1';
      });
      // The worker learnt the host speaks /v1.1 again, and handed it back: this thread asks there straight away.
      const before = plain(lf);
      await collectPages(ordering.fetchCatalog());
      expect(plain(lf)).toBe(before);
    });

    it('counts the logins made here for the worker in its run, and shows their wait for the request limit', async () => {
      const { lf, run, events, ordering } = await threadedSync(async (sim) => {
        // The first login is told to come back in 2 s: the account's budget here holds it that long.
        sim.server.faults.add({
          path: '/user/login',
          times: 1,
          action: { kind: 'status', status: 429, headers: { 'Retry-After': '2' } },
        });
      });
      expect(lf.server.state.logins).toBe(1);
      // Nothing but the sync asked this account: the run counts every request the server saw, both logins included.
      expect(run.requests).toBe(served(lf));
      expect(run.throttled).toBe(1);
      // The login was held 2 s there (its Retry-After): the run waited at least that long, and counted it once: never
      // more than the account's budget, which counts the time any of its requests was held.
      expect(run.waitMs).toBeGreaterThanOrEqual(1_900);
      expect(run.waitMs).toBeLessThanOrEqual((ordering.budget as MeteredBudget).account.stats().waitMs + 5);
      // The account's budget announces its waits to every adapter of the account, the worker's included.
      const waits = events.filter((e) => e.type === 'waiting' && e.supplierId === lf.connection.id);
      expect(waits.some((e) => e.type === 'waiting' && e.resumesAt !== null)).toBe(true);
    });

    it('logs in once here when the token expires during the sync, and keeps that session for its orders', async () => {
      const { lf, ordering } = await threadedSync(async (sim, connection) => {
        await adapterFor(connection, ENV).ping();
        sim.server.state.expireAllTokens();
      });
      expect(lf.server.state.logins).toBe(2);
      // The token the worker was given works here without another login.
      await collectPages(ordering.fetchCatalog());
      expect(lf.server.state.logins).toBe(2);
    });

    it('an order here meeting the same expired token shares that one login: never two sessions', async () => {
      const { lf } = await threadedSync(
        async (sim, connection) => {
          await adapterFor(connection, ENV).ping();
          sim.server.state.expireAllTokens();
          // The order's new login takes a while: the worker meets the expired token while it is under way.
          sim.server.faults.add({ path: '/user/login', times: 1, action: { kind: 'delay', ms: 3_000 } });
        },
        (connection) => collectPages(adapterFor(connection, ENV).fetchCatalog()),
      );
      expect(lf.server.state.logins).toBe(2);
    });
    it("fails the worker's run with this thread's refusal, worded as a sync in this thread words it", async () => {
      const lf = (await simulator('linksfield', { size: 10 })) as LinksfieldSim;
      const other = await simulator('mesim', { size: 100 });
      const wrong = { ...lf.connection, password: `wrong-${Math.random()}` } as Connection;
      const targets = () => [wrong, other.connection as Connection].map((c) => portableSyncTarget(c, ENV));
      const inThreads = targets();
      const [threaded] = await syncSuppliersInThreads(database(), inThreads, { mode: 'full', threads: 2 });
      // The one login, refused, was sent from here for the worker.
      expect(inThreads[0].adapter.budget!.stats().requests).toBe(1);
      const [here] = await syncSuppliers(database(), targets(), { mode: 'full' });
      expect(threaded.status).toBe('failed');
      expect(threaded.error).toBe(here.error);
      expect(threaded.error).toMatch(/login|password|refus/i);
    });
  });

  describe("what this thread learnt of a host's clock", () => {
    /** A Dujiao-Next host whose clock runs ten minutes ahead of this computer's; MeSIM beside it for a second thread. */
    async function aheadOfUs() {
      const sim = await startDujiaoSimulator({ size: 120 });
      cleanups.push(() => sim.close());
      sim.server.state.clockOffsetMs = 10 * 60_000;
      const other = await simulator('mesim', { size: 100 });
      const connection = sim.connection as Connection;
      const pings = () => sim.server.hits.get('POST /api/v1/upstream/ping') ?? 0;
      const sync = async () => {
        const results = await syncSuppliersInThreads(
          database(),
          [connection, other.connection as Connection].map((c) => portableSyncTarget(c, ENV)),
          { mode: 'full', threads: 2 },
        );
        expect(results.map((r) => r.status)).toEqual(['ok', 'ok']);
      };
      return { connection, pings, sync };
    }

    it('is handed to the worker: its first signed request is not refused', async () => {
      const { connection, pings, sync } = await aheadOfUs();
      // This thread's adapter (a connection test's) is refused once and learns the offset.
      await adapterFor(connection, ENV).ping();
      expect(pings()).toBe(2);
      await sync();
      // The listing's one ping, signed right.
      expect(pings()).toBe(3);
    });

    it("comes back from the worker: this thread's next request is signed right", async () => {
      const { connection, pings, sync } = await aheadOfUs();
      await sync();
      expect(pings()).toBe(2);
      await adapterFor(connection, ENV).ping();
      expect(pings()).toBe(3);
    });
  });

  it('paces the worker and an order placed from this thread as one account: the server never blocks the key', async () => {
    const sim = await dujiao();
    const other = await simulator('mesim', { size: 200 });
    const db = database();
    const connection = { ...sim.connection, requestsPerMinute: RULE.max } as Connection;
    // This thread's adapter for the same account: the order service's, sharing the budget the worker is served from.
    const ordering = adapterFor(connection, PACED);
    const sync = syncSuppliersInThreads(
      db,
      [portableSyncTarget(connection, PACED), portableSyncTarget(other.connection as Connection, ENV)],
      { mode: 'full', threads: 2 },
    );
    const placed = await ordering.orders!.place(autoDeliveredOrder(sim, 'THREADS-1'));
    const [result] = await sync;
    expect(result.status).toBe('ok');
    expect(result.requests).toBeGreaterThan(RULE.max);
    expect(placed.upstreamOrderId).not.toBeNull();
    // Every request the server saw, the worker's and the order's, passed this thread's one budget; the run records
    // the worker's alone.
    const served = [...sim.server.hits.values()].reduce((sum, n) => sum + n, 0);
    const account = (ordering.budget as MeteredBudget).account;
    expect(account.stats().requests).toBe(served);
    expect(ordering.budget!.stats().requests).toBeGreaterThan(0);
    expect(result.requests).toBe(served - ordering.budget!.stats().requests);
    expect(sim.server.state.rateLimiter.blocks).toBe(0);
    expect(listLiveOffers(db, sim.connection.id).length).toBeGreaterThan(1_500);
  });

  it('ends a worker canceled during a budget wait as canceled, with the previous catalog intact', async () => {
    const sim = await dujiao();
    const other = await simulator('mesim', { size: 200 });
    const db = database();
    const connection = { ...sim.connection, requestsPerMinute: RULE.max } as Connection;
    const targets = () => [
      portableSyncTarget(connection, PACED),
      portableSyncTarget(other.connection as Connection, ENV),
    ];
    const [first] = await syncSuppliersInThreads(db, targets(), { mode: 'full', threads: 2 });
    expect(first.status).toBe('ok');
    const before = listLiveOffers(db, sim.connection.id);
    sim.setGeneration(1);
    const stop = new AbortController();
    const waits: SyncEvent[] = [];
    const [second] = await syncSuppliersInThreads(db, targets(), {
      mode: 'full',
      threads: 2,
      signal: stop.signal,
      onEvent: (event) => {
        if (event.type === 'waiting' && event.resumesAt !== null && event.supplierId === sim.connection.id) {
          waits.push(event);
          stop.abort();
        }
      },
    });
    expect(waits.length).toBeGreaterThan(0);
    expect(second.status).toBe('canceled');
    expect(getRun(db, second.runId)!.status).toBe('canceled');
    expect(listLiveOffers(db, sim.connection.id)).toEqual(before);
  });

  it('ends a sync canceled before its worker started as canceled, every catalog as it was', async () => {
    const sims = [await simulator('dujiao-next', { size: 300 }), await simulator('mesim', { size: 300 })];
    const db = database();
    const targets = () => sims.map((sim) => portableSyncTarget(sim.connection as Connection, ENV));
    await syncSuppliersInThreads(db, targets(), { mode: 'full', threads: 2 });
    const before = catalogOf(db);
    for (const sim of sims) sim.setGeneration(1);
    const results = await syncSuppliersInThreads(db, targets(), {
      mode: 'full',
      threads: 2,
      signal: AbortSignal.abort(),
    });
    expect(results.map((r) => r.status)).toEqual(['canceled', 'canceled']);
    expect(catalogOf(db)).toEqual(before);
  });

  it('gives every thread the deadline the sync started with: one already past sends nothing, every catalog as it was', async () => {
    const sims = [await simulator('dujiao-next', { size: 300 }), await simulator('mesim', { size: 300 })];
    const db = database();
    const targets = () => sims.map((sim) => portableSyncTarget(sim.connection as Connection, ENV));
    await syncSuppliersInThreads(db, targets(), { mode: 'full', threads: 2 });
    const before = catalogOf(db);
    for (const sim of sims) sim.setGeneration(1);
    // A worker counting a deadline of its own, from its own start, would list and commit generation 1.
    const results = await syncSuppliersInThreads(db, targets(), {
      mode: 'full',
      threads: 2,
      deadlineAt: Date.now() - 1,
    });
    expect(results.map((r) => [r.status, r.error, r.requests])).toEqual([
      ['failed', 'deadline passed', 0],
      ['failed', 'deadline passed', 0],
    ]);
    expect(catalogOf(db)).toEqual(before);
  });
});
