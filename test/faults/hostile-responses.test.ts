import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterEnv, RunningSimulator, SupplierKind } from '../../src-main/suppliers/adapter';
import { createDujiaoProtocolAdapter } from '../../src-main/suppliers/dujiao-next/adapter';
import type { SimCatalog } from '../../src-main/suppliers/dujiao-next/sim/seed';
import { SUPPLIER_KINDS } from '../../src-main/suppliers/registry';
import type { Fault, FaultPlan } from '../../src-main/suppliers/shared/sim/server';
import { syncSupplier } from '../../src-main/sync/engine';
import { catalogOf, product, startTestDujiao } from '../helpers/dujiao-fixtures';
import { FAST_RETRY, tempDb } from '../helpers/temp-db';
import { inEnglish, inEnglishMatching, skippedInEnglish } from '../helpers/in-english';

// An upstream that is not on our side: answers without end, answers a byte at a time, claims billions of products,
// pages that go nowhere, prices below zero, currencies made of markup, redirects elsewhere. Each must fail (or skip)
// with a reason a merchant can read, and leave the previous catalog exactly as it was.

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const PRODUCTS = '/api/v1/upstream/products';
const PING = '/api/v1/upstream/ping';
const PROFILE = { label: 'hostile', stockReporting: 'quantity' as const, maxQuantity: null };
/** Small limits so the tests stay fast; the defaults are the same code with bigger numbers. */
const ENV: AdapterEnv = {
  retry: FAST_RETRY,
  timeoutMs: 2000,
  requestDeadlineMs: 400,
  maxResponseBytes: 256 * 1024,
  budgetTuning: { blockMs: 50 },
};
const page = (n: number) => (req: { query: URLSearchParams }) => req.query.get('page') === String(n);

function liveCatalog(db: Database) {
  return db
    .prepare(
      `SELECT product_id, sku_id, variant, cost_amount, cost_currency, stock_status, stock_quantity, titles_json
    FROM offers WHERE removed_at IS NULL ORDER BY product_id, sku_id, variant`,
    )
    .all();
}

/** The upstream after a change a healthy sync would store: new prices, a new product, stock moved. */
function nextGeneration(): SimCatalog {
  const next = catalogOf(120);
  next.products.forEach((p, i) => {
    if (i % 7 === 0) p.skus[0].price_amount = '13.75';
  });
  next.products.push(product(999));
  return next;
}

/**
 * Syncs once cleanly, switches the upstream to its next generation, turns `faults` on and syncs again. Returns that
 * second result with the catalog before and after it, and the server (for its hit counts).
 */
async function syncAgainst(faults: Fault[], env: AdapterEnv = ENV, next: SimCatalog = nextGeneration()) {
  const server = await startTestDujiao(catalogOf(120), { pageSizeCap: 50 });
  const store = tempDb();
  cleanups.push(() => server.close(), store.cleanup);
  const target = () => ({
    supplierId: 'dj',
    supplierKind: 'dujiao-next',
    adapter: createDujiaoProtocolAdapter(server.connection, PROFILE, env),
  });
  expect((await syncSupplier(store.db, target())).status).toBe('ok');
  const before = liveCatalog(store.db);
  server.replaceCatalog(next);
  server.faults.add(...faults);
  server.hits.clear();
  const result = await syncSupplier(store.db, target());
  return { result, before, after: liveCatalog(store.db), server, db: store.db };
}

/** The run failed, said why in words, and the catalog is exactly the previous one. */
function expectFailedAndKept(outcome: Awaited<ReturnType<typeof syncAgainst>>, reason: RegExp): void {
  expect(outcome.result.status).toBe('failed');
  expect(inEnglish(outcome.result.error)).toMatch(reason);
  expect(outcome.after).toEqual(outcome.before);
  const stored = outcome.db.prepare('SELECT status, error FROM sync_runs WHERE id = ?').get(outcome.result.runId);
  expect(stored).toEqual({ status: 'failed', error: outcome.result.error });
}

describe('hostile responses end a sync cleanly and keep the previous catalog', () => {
  it('an endless body: reading stops at the byte cap; the request fails without retries', async () => {
    const outcome = await syncAgainst([{ path: PRODUCTS, when: page(2), action: { kind: 'endless' } }]);
    expectFailedAndKept(outcome, /GET \/products: the answer is larger than the 256 KiB one response may have/);
    // Past the cap, trying again only downloads the same flood.
    expect(outcome.server.hits.get(`GET ${PRODUCTS}`)).toBeLessThanOrEqual(3);
    expect(outcome.result.bytes).toBeLessThan(2 * 1024 * 1024);
  });

  it('a body announcing more than the cap is not read at all', async () => {
    const outcome = await syncAgainst([
      {
        path: PRODUCTS,
        when: page(1),
        action: { kind: 'rewrite', transform: (body) => ({ ...(body as object), padding: ' '.repeat(300 * 1024) }) },
      },
    ]);
    expectFailedAndKept(
      outcome,
      /larger than the 256 KiB one response may have \(it announces \d+\.\d KiB\); it was not read further/,
    );
  });

  it('a drip (never silent, never done): the request deadline ends it, though the silence timeout never fires', async () => {
    const outcome = await syncAgainst([{ path: PRODUCTS, when: page(2), action: { kind: 'drip', everyMs: 20 } }]);
    expectFailedAndKept(
      outcome,
      /GET \/products: no complete answer within 400 ms \(the limit for one request, however slowly it arrives\)/,
    );
  });

  it('an implausible total is refused before any further page is asked for', async () => {
    const outcome = await syncAgainst([
      {
        path: PRODUCTS,
        action: {
          kind: 'rewrite',
          transform: (body) => ({ ...(body as object), total: 4_000_000_000, page_size: 1, items: [] }),
        },
      },
    ]);
    expectFailedAndKept(outcome, /reports 4000000000 products, more than the 1000000 any catalog is believed to have/);
    expect(outcome.server.hits.get(`GET ${PRODUCTS}`)).toBe(1);
  });

  it('an implausible page count is refused the same way', async () => {
    const outcome = await syncAgainst([
      {
        path: PRODUCTS,
        action: { kind: 'rewrite', transform: (body) => ({ ...(body as object), total: 500_000, page_size: 1 }) },
      },
    ]);
    expectFailedAndKept(outcome, /listing 500000 products would take 500000 pages, more than the 20000/);
    expect(outcome.server.hits.get(`GET ${PRODUCTS}`)).toBe(1);
  });

  it('empty pages before the total is reached end the listing as incomplete, not after every claimed page', async () => {
    // The server claims 5,000 products (100 pages of 50) but has 121: page 4 onwards is empty.
    const outcome = await syncAgainst([
      { path: PRODUCTS, action: { kind: 'rewrite', transform: (body) => ({ ...(body as object), total: 5000 }) } },
    ]);
    expectFailedAndKept(
      outcome,
      /the catalog could not be listed completely \(page \d+ of 100 came back empty although the server reported 5000 products\)/,
    );
    // Two tries of the listing, each stopping a few pages (the ones already in flight) after the first empty one.
    expect(outcome.server.hits.get(`GET ${PRODUCTS}`)).toBeLessThan(20);
  });

  it('pages repeating products already listed end the listing as incomplete', async () => {
    let firstPage: unknown[] = [];
    const outcome = await syncAgainst([
      {
        path: PRODUCTS,
        when: page(1),
        action: {
          kind: 'rewrite',
          transform: (body) => {
            firstPage = (body as { items: unknown[] }).items;
            return body;
          },
        },
      },
      {
        path: PRODUCTS,
        when: (req) => req.query.get('page') !== '1',
        action: { kind: 'rewrite', transform: (body) => ({ ...(body as object), items: firstPage }) },
      },
    ]);
    expectFailedAndKept(
      outcome,
      /could not be listed completely \(page \d+ of 3 lists only products already listed on earlier pages\)/,
    );
  });

  it('a cost of zero or below: that item is skipped with the reason and keeps its previous price; the rest is stored', async () => {
    const next = nextGeneration();
    next.products[4].skus[0].price_amount = '-1.00';
    next.products[5].skus[0].price_amount = '0.00';
    const outcome = await syncAgainst([], ENV, next);
    expect(outcome.result.status).toBe('ok');
    expect(skippedInEnglish(outcome.result.skipped)).toEqual([
      expect.objectContaining({ productId: '5', reason: 'cost -1.00 CNY is not above zero' }),
      expect.objectContaining({ productId: '6', reason: 'cost 0.00 CNY is not above zero' }),
    ]);
    const costOf = (rows: unknown[], id: string) =>
      (rows as Array<{ product_id: string; cost_amount: string }>).find((r) => r.product_id === id)?.cost_amount;
    expect(costOf(outcome.after, '5')).toBe(costOf(outcome.before, '5'));
    expect(costOf(outcome.after, '6')).toBe(costOf(outcome.before, '6'));
    expect(costOf(outcome.after, '999')).toBe('12.50');
    expect(outcome.db.prepare('SELECT COUNT(*) AS n FROM offers WHERE CAST(cost_amount AS REAL) <= 0').get()).toEqual({
      n: 0,
    });
  });

  it('a /ping currency that is not ISO 4217 fails the sync before anything is stored', async () => {
    const bogus = '<img src=x onerror=alert(1)>';
    const outcome = await syncAgainst([
      { path: PING, action: { kind: 'rewrite', transform: (body) => ({ ...(body as object), currency: bogus }) } },
    ]);
    expectFailedAndKept(
      outcome,
      /POST \/ping: an answer SupplyGrid cannot read \(field currency: not an ISO 4217 currency code: "<img src=x onerror=alert\(1\)>"\)/,
    );
    expect(outcome.db.prepare('SELECT COUNT(*) AS n FROM offers WHERE cost_currency <> ?').get('CNY')).toEqual({
      n: 0,
    });
  });

  it('a three-letter currency that is not ISO 4217 is refused too (a list, not a pattern)', async () => {
    const outcome = await syncAgainst([
      { path: PING, action: { kind: 'rewrite', transform: (body) => ({ ...(body as object), currency: 'ABC' }) } },
    ]);
    expectFailedAndKept(outcome, /not an ISO 4217 currency code: "ABC"/);
  });

  it('a redirect to another host is not followed: the other host never sees a signed request', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const elsewhere = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true,"items":[],"total":0,"page_size":50}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => elsewhere.close(resolve)));
    const otherOrigin = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    const outcome = await syncAgainst([
      {
        path: PRODUCTS,
        when: page(2),
        action: {
          kind: 'status',
          status: 302,
          body: '',
          headers: { location: `${otherOrigin}${PRODUCTS}?page=2&token=abc` },
        },
      },
    ]);
    expectFailedAndKept(
      outcome,
      new RegExp(
        `redirects this request \\(HTTP 302\\) to ${otherOrigin.replace(/\./g, '\\.')}; redirects are not followed`,
      ),
    );
    // Read decoded: a coded text's parameters are URL-encoded, which would hide a leak from a plain search.
    expect(inEnglish(outcome.result.error)).not.toContain('token=abc');
    expect(seen.filter((headers) => Object.keys(headers).some((name) => name.startsWith('dujiao-next-')))).toEqual([]);
    expect(seen).toEqual([]);
  });
});

function faultsOf(simulator: RunningSimulator): FaultPlan {
  const server = (simulator as unknown as { server?: { faults?: FaultPlan } }).server;
  if (!server?.faults) throw new Error('simulator does not expose its fault plan');
  return server.faults;
}

// Every client passes the limits to the transport: a flood or a drip against any supplier ends its request.
describe.each(SUPPLIER_KINDS.map((kind) => [kind.kind, kind] as const))(
  '%s: the transport limits hold',
  (_name, kind: SupplierKind) => {
    async function simulatorWith(action: Fault['action']) {
      const simulator = await kind.startSimulator({ size: 12, rateLimit: null });
      cleanups.push(() => simulator.close());
      faultsOf(simulator).add({ action });
      return kind.create(simulator.connection as never, {
        ...ENV,
        retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      });
    }

    it('an endless answer fails at the byte cap', async () => {
      const adapter = await simulatorWith({ kind: 'endless' });
      await expect(adapter.ping()).rejects.toThrow(
        inEnglishMatching(/the answer is larger than the 256 KiB one response may have/),
      );
    });

    it('a dripped answer fails at the request deadline', async () => {
      const adapter = await simulatorWith({ kind: 'drip', everyMs: 20 });
      await expect(adapter.ping()).rejects.toThrow(inEnglishMatching(/no complete answer within 400 ms/));
    });
  },
);
