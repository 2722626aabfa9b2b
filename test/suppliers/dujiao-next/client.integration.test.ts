import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { IncompleteCatalogError, SupplierError } from '../../../src-main/http/errors';
import { createDujiaoProtocolAdapter } from '../../../src-main/suppliers/dujiao-next/adapter';
import { dujiaoHeaders } from '../../../src-main/suppliers/dujiao-next/sign';
import { FAST_RETRY } from '../../helpers/temp-db';
import {
  catalogOf,
  changeAfterPageOne,
  product,
  startTestDujiao,
  TEST_KEY,
  TEST_SECRET,
} from '../../helpers/dujiao-fixtures';
import { collectPages } from '../../helpers/collect-pages';
import type { FetchProgress } from '../../../src-shared/sync-types';
import type { SimCatalog } from '../../../src-main/suppliers/dujiao-next/sim/seed';
import type { Fault, FaultAction, SimRequest } from '../../../src-main/suppliers/shared/sim/server';
import { RECHECK_LIMIT } from '../../../src-main/suppliers/dujiao-next/client';
import { inEnglish, skippedInEnglish } from '../../helpers/in-english';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function sim(...args: Parameters<typeof startTestDujiao>) {
  const server = await startTestDujiao(...args);
  running.push(server);
  return server;
}

const PROFILE = { label: 'test', stockReporting: 'quantity' as const, maxQuantity: null };

const collect = collectPages;

async function rawCall(baseUrl: string, path: string, headers: Record<string, string>, method = 'GET', body?: string) {
  const response = await request(`${baseUrl}${path}`, { method: method as 'GET', headers, body });
  return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
}

describe('Dujiao-Next client against the simulator', () => {
  it.each([
    [0, 100],
    [1, 100],
    [100, 100],
    [101, 100],
    [101, 50],
    [100, 50],
  ])('pages through %i products when the server caps pages at %i', async (count, cap) => {
    const server = await sim(catalogOf(count), { pageSizeCap: cap });
    const progress: number[] = [];
    const adapter = createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY });
    const { offers, skipped } = await collect(adapter.fetchCatalog({ onProgress: (p) => progress.push(p.pagesDone) }));
    expect(offers.map((o) => o.productId)).toEqual(Array.from({ length: count }, (_, i) => String(i + 1)));
    expect(skipped).toEqual([]);
    const expectedPages = Math.max(1, Math.ceil(count / cap));
    expect(server.hits.get('GET /api/v1/upstream/products')).toBe(expectedPages);
    expect(progress.at(-1)).toBe(expectedPages);
  });

  it('maps a product into the common model, with the site currency, category path, every locale and stock scale', async () => {
    const catalog = catalogOf(0);
    catalog.products = [
      product(1, {
        skus: [
          {
            id: 11,
            sku_code: '7D',
            spec_values: { Days: '7' },
            price_amount: '6.50',
            original_price: '8.00',
            member_price: '6.50',
            stock_quantity: -1,
            is_active: true,
          },
          {
            id: 12,
            sku_code: '15D',
            spec_values: { Days: '15' },
            price_amount: '9.90',
            stock_quantity: 5,
            is_active: true,
          },
          {
            id: 13,
            sku_code: '30D',
            spec_values: { Days: '30' },
            price_amount: '15.00',
            stock_quantity: 0,
            is_active: true,
          },
          { id: 14, sku_code: 'OLD', spec_values: {}, price_amount: '1.00', stock_quantity: 50, is_active: false },
        ],
      }),
    ];
    const server = await sim(catalog);
    const { offers } = await collect(
      createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY }).fetchCatalog(),
    );
    expect(offers.map((o) => o.skuId)).toEqual(['11', '12', '13']);
    const [unlimited, low, out] = offers;
    expect(unlimited.cost).toEqual({ amount: '6.50', currency: 'CNY' });
    expect(unlimited.originalPrice).toEqual({ amount: '8.00', currency: 'CNY' });
    expect(unlimited.stock).toEqual({ status: 'unlimited', quantity: null });
    expect(low.stock).toEqual({ status: 'low', quantity: 5 });
    expect(out.stock).toEqual({ status: 'out', quantity: 0 });
    expect(unlimited.titles).toEqual({
      'zh-CN': '香港 5GB 7天 #1 (7 Days)',
      'en-US': 'Hong Kong 5GB 7 Days #1 (7 Days)',
    });
    expect(unlimited.category?.path.map((level) => level.names['en-US'])).toEqual(['eSIM', 'Asia']);
    expect(unlimited.kind).toBe('esim');
  });

  it('pings for balance and currency', async () => {
    const server = await sim(catalogOf(1));
    const ping = await createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY }).ping();
    expect(ping.balance).toEqual({ amount: '100.00', currency: 'CNY' });
    expect(ping.detail.site).toBe('Test site');
  });

  describe('auth errors, in the real server order', () => {
    it('missing headers → 401 missing_auth_headers', async () => {
      const server = await sim(catalogOf(1));
      expect(await rawCall(server.baseUrl, '/api/v1/upstream/categories', {})).toMatchObject({
        status: 401,
        body: { ok: false, error_code: 'missing_auth_headers' },
      });
    });

    it('non-integer timestamp → 401 invalid_timestamp', async () => {
      const server = await sim(catalogOf(1));
      const headers = {
        ...dujiaoHeaders(TEST_KEY, TEST_SECRET, 'GET', '/api/v1/upstream/categories', 1),
        'Dujiao-Next-Timestamp': '17000000.5',
      };
      expect(await rawCall(server.baseUrl, '/api/v1/upstream/categories', headers)).toMatchObject({
        status: 401,
        body: { error_code: 'invalid_timestamp' },
      });
    });

    it('millisecond timestamps are outside the window → 401 timestamp_expired', async () => {
      const server = await sim(catalogOf(1));
      const headers = dujiaoHeaders(TEST_KEY, TEST_SECRET, 'GET', '/api/v1/upstream/categories', Date.now());
      expect(await rawCall(server.baseUrl, '/api/v1/upstream/categories', headers)).toMatchObject({
        status: 401,
        body: { error_code: 'timestamp_expired' },
      });
    });

    it('unknown key → 403 invalid_api_key; disabled user → 403 user_disabled', async () => {
      const server = await sim(catalogOf(1));
      const now = Math.floor(Date.now() / 1000);
      expect(
        await rawCall(
          server.baseUrl,
          '/api/v1/upstream/categories',
          dujiaoHeaders('c'.repeat(64), TEST_SECRET, 'GET', '/api/v1/upstream/categories', now),
        ),
      ).toMatchObject({ status: 403, body: { error_code: 'invalid_api_key' } });
      server.state.accounts[0].userDisabled = true;
      expect(
        await rawCall(
          server.baseUrl,
          '/api/v1/upstream/categories',
          dujiaoHeaders(TEST_KEY, TEST_SECRET, 'GET', '/api/v1/upstream/categories', now),
        ),
      ).toMatchObject({ status: 403, body: { error_code: 'user_disabled' } });
    });

    it('a signature over the path with its query string → 401 invalid_signature', async () => {
      const server = await sim(catalogOf(1));
      const now = Math.floor(Date.now() / 1000);
      const headers = dujiaoHeaders(TEST_KEY, TEST_SECRET, 'GET', '/api/v1/upstream/products?page=1', now);
      expect(await rawCall(server.baseUrl, '/api/v1/upstream/products?page=1', headers)).toMatchObject({
        status: 401,
        body: { error_code: 'invalid_signature' },
      });
    });

    it('unreadable POST body → 400 bad_request', async () => {
      const server = await sim(catalogOf(1));
      const body = '{not json';
      const headers = dujiaoHeaders(
        TEST_KEY,
        TEST_SECRET,
        'POST',
        '/api/v1/upstream/orders',
        Math.floor(Date.now() / 1000),
        body,
      );
      expect(await rawCall(server.baseUrl, '/api/v1/upstream/orders', headers, 'POST', body)).toMatchObject({
        status: 400,
        body: { error_code: 'bad_request' },
      });
    });

    it('the body is read before the signature is checked, and after the user: unreadable + bad signature → 400 bad_request', async () => {
      const server = await sim(catalogOf(1));
      const body = '{not json';
      const now = Math.floor(Date.now() / 1000);
      const badlySigned = dujiaoHeaders(TEST_KEY, 'not-the-secret', 'POST', '/api/v1/upstream/orders', now, body);
      expect(await rawCall(server.baseUrl, '/api/v1/upstream/orders', badlySigned, 'POST', body)).toMatchObject({
        status: 400,
        body: { ok: false, error_code: 'bad_request' },
      });
      // The same bad signature over a readable body is a signature mismatch.
      const readable = '{"sku_id":10,"quantity":1}';
      expect(
        await rawCall(
          server.baseUrl,
          '/api/v1/upstream/orders',
          dujiaoHeaders(TEST_KEY, 'not-the-secret', 'POST', '/api/v1/upstream/orders', now, readable),
          'POST',
          readable,
        ),
      ).toMatchObject({ status: 401, body: { error_code: 'invalid_signature' } });
      server.state.accounts[0].userDisabled = true;
      expect(await rawCall(server.baseUrl, '/api/v1/upstream/orders', badlySigned, 'POST', body)).toMatchObject({
        status: 403,
        body: { error_code: 'user_disabled' },
      });
      expect(server.state.orders).toHaveLength(0);
    });
  });

  it('a wrong secret fails with invalid_signature, without retrying and without leaking the secret', async () => {
    const server = await sim(catalogOf(1));
    const wrongSecret = 'wrong-secret-value-123';
    const adapter = createDujiaoProtocolAdapter({ ...server.connection, apiSecret: wrongSecret }, PROFILE, {
      retry: FAST_RETRY,
    });
    const error = await adapter.ping().catch((e) => e);
    expect(error).toBeInstanceOf(SupplierError);
    expect(error.code).toBe('invalid_signature');
    expect(inEnglish(error.message)).toMatch(/signature verification failed \(invalid_signature, HTTP 401\)/);
    // Read decoded: a coded text's parameters are URL-encoded, which would hide a leak from a plain search.
    expect(inEnglish(error.message)).not.toContain(wrongSecret);
    expect(server.hits.get('POST /api/v1/upstream/ping')).toBe(1);
  });

  it('corrects for clock skew from the Date header and retries once', async () => {
    const server = await sim(catalogOf(3));
    server.state.clockOffsetMs = 10 * 60_000;
    const adapter = createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY });
    const { offers } = await collect(adapter.fetchCatalog());
    expect(offers).toHaveLength(3);
    // One rejected ping, then everything signed with the corrected clock.
    expect(server.hits.get('POST /api/v1/upstream/ping')).toBe(2);
    // The offset is the host's: the next adapter made for it (the next sync's, an order's) signs right from the start.
    const next = createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY });
    expect(await collect(next.fetchCatalog())).toMatchObject({ offers: { length: 3 } });
    expect(server.hits.get('POST /api/v1/upstream/ping')).toBe(3);
  });

  it("waits out the rate limiter's 200 envelope for as long as its Retry-After asks before retrying", async () => {
    const server = await sim(catalogOf(120), { pageSizeCap: 50 });
    const page2At: number[] = [];
    server.faults.add(
      // Never fires: records when each request for page 2 reached the simulator.
      {
        path: '/api/v1/upstream/products',
        when: (r) => r.query.get('page') === '2' && page2At.push(r.now) < 0,
        action: { kind: 'delay', ms: 0 },
      },
      {
        path: '/api/v1/upstream/products',
        when: (r) => r.query.get('page') === '2',
        times: 1,
        action: {
          kind: 'status',
          status: 200,
          body: { code: 429, message: 'too many requests' },
          headers: { 'retry-after': '1' },
        },
      },
    );
    // Backoff alone would be 5 ms; the wait allowed (2 s) covers what the limiter asks.
    const patient = { ...FAST_RETRY, baseDelayMs: 5, maxDelayMs: 2000 };
    const { offers } = await collect(
      createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: patient }).fetchCatalog(),
    );
    expect(offers).toHaveLength(120);
    expect(page2At).toHaveLength(2);
    expect(page2At[1] - page2At[0]).toBeGreaterThanOrEqual(990);
  });

  it("waits out a rate limit however long it asks, without spending the retry policy's attempts", async () => {
    const server = await sim(catalogOf(120), { pageSizeCap: 50 });
    server.faults.add({
      path: '/api/v1/upstream/products',
      when: (r) => r.query.get('page') === '2',
      times: 1,
      action: { kind: 'status', status: 200, body: { status_code: 429, msg: '请求过于频繁，请 1 秒后再试' } },
    });
    const { offers } = await collect(
      createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: { ...FAST_RETRY, attempts: 1 } }).fetchCatalog(),
    );
    expect(offers).toHaveLength(120);
    expect(server.hits.get('GET /api/v1/upstream/products')).toBe(4);
  });

  it('stops asking for pages once one has failed', async () => {
    const server = await sim(catalogOf(200), { pageSizeCap: 10 });
    server.faults.add(
      {
        path: '/api/v1/upstream/products',
        when: (r) => r.query.get('page') === '2',
        action: {
          kind: 'status',
          status: 400,
          body: { ok: false, error_code: 'bad_request', error_message: 'Invalid request parameters' },
        },
      },
      // The pages in flight beside page 2 answer after its refusal.
      {
        path: '/api/v1/upstream/products',
        when: (r) => r.query.get('page') !== '1' && r.query.get('page') !== '2',
        action: { kind: 'delay', ms: 100 },
      },
    );
    const error = await collect(
      createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY }).fetchCatalog(),
    ).catch((e) => e);
    expect(error.code).toBe('bad_request');
    // Page 1, then pages 2–4 (three at a time); none of the 16 after them, not even once the failure is reported.
    expect(server.hits.get('GET /api/v1/upstream/products')).toBe(4);
    await sleep(300);
    expect(server.hits.get('GET /api/v1/upstream/products')).toBe(4);
  });

  it("retries the rate limiter's 200 envelope and 5xx, honouring Retry-After", async () => {
    const server = await sim(catalogOf(120), { pageSizeCap: 50 });
    server.faults.add(
      {
        path: '/api/v1/upstream/products',
        when: (r) => r.query.get('page') === '2',
        times: 1,
        action: { kind: 'status', status: 200, body: { code: 429, message: 'too many requests' } },
      },
      {
        path: '/api/v1/upstream/products',
        when: (r) => r.query.get('page') === '3',
        times: 1,
        action: { kind: 'status', status: 503, headers: { 'retry-after': '0' } },
      },
    );
    // The envelope says nothing of how long: the budget waits a whole block, shortened here.
    const { offers } = await collect(
      createDujiaoProtocolAdapter(server.connection, PROFILE, {
        retry: FAST_RETRY,
        budgetTuning: { blockMs: 50 },
      }).fetchCatalog(),
    );
    expect(offers).toHaveLength(120);
    expect(server.hits.get('GET /api/v1/upstream/products')).toBe(5);
  });

  it('does not retry a 4xx business error', async () => {
    const server = await sim(catalogOf(1));
    server.faults.add({
      path: '/api/v1/upstream/categories',
      action: {
        kind: 'status',
        status: 400,
        body: { ok: false, error_code: 'bad_request', error_message: 'Invalid request parameters' },
      },
    });
    const error = await collect(
      createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY }).fetchCatalog(),
    ).catch((e) => e);
    expect(error.code).toBe('bad_request');
    expect(server.hits.get('GET /api/v1/upstream/categories')).toBe(1);
  });

  it('treats a page without an items array as an error, never as an empty page', async () => {
    const server = await sim(catalogOf(60), { pageSizeCap: 50 });
    server.faults.add({
      path: '/api/v1/upstream/products',
      when: (r) => r.query.get('page') === '2',
      action: { kind: 'rewrite', transform: (body) => ({ ...(body as object), items: null }) },
    });
    const error = await collect(
      createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY }).fetchCatalog(),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(SupplierError);
    expect(inEnglish(error.message)).toMatch(
      /GET \/products\?page=2: an answer SupplyGrid cannot read \(field items: a list was expected\)/,
    );
  });

  it('gives up after the retries on persistent failure with a readable reason', async () => {
    const server = await sim(catalogOf(60), { pageSizeCap: 50 });
    server.faults.add({
      path: '/api/v1/upstream/products',
      when: (r) => r.query.get('page') === '2',
      action: { kind: 'truncate' },
    });
    const error = await collect(
      createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY }).fetchCatalog(),
    ).catch((e) => e);
    expect(inEnglish(error.message)).toMatch(/response is not valid JSON/);
  });

  it('reports a listing that never reaches total as incomplete', async () => {
    const server = await sim(catalogOf(120), { pageSizeCap: 50 });
    // The server claims more products than it will ever list.
    server.faults.add({
      path: '/api/v1/upstream/products',
      action: { kind: 'rewrite', transform: (body) => ({ ...(body as object), total: 130 }) },
    });
    const error = await collect(
      createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY }).fetchCatalog(),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(IncompleteCatalogError);
    expect(inEnglish(error.message)).toMatch(/saw 120 distinct products of the 130/);
  });

  /** A full listing during which `change` is made to the catalog, as soon as page 1 has been read. */
  async function listWhileChanging(
    change: (catalog: SimCatalog) => SimCatalog,
    { newestFirst = false, oldBuild = false, catalog = catalogOf(120), faults = [] as Fault[] } = {},
  ) {
    const server = await sim(catalog, { pageSizeCap: 50 });
    server.state.quirks.newestFirst = newestFirst;
    server.state.quirks.ignoreIncremental = oldBuild;
    server.faults.add(...faults);
    changeAfterPageOne(server, change(catalog));
    const live = catalog.products.filter((p) => p.is_active).map((p) => String(p.id));
    const adapter = createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY });
    const progress: FetchProgress[] = [];
    const listing = await collect(
      adapter.fetchCatalog({ liveProducts: () => live, onProgress: (step) => progress.push(step) }),
    );
    const readAlone = [...server.hits.keys()].filter((key) => /^GET \/api\/v1\/upstream\/products\/\d+$/.test(key));
    return { listing, ids: listing.offers.map((o) => o.productId), readAlone, server, progress };
  }

  it('asks for a live product the pages shifted past when one already listed is deleted mid-listing', async () => {
    // The server pages by offset: once product 1 (page 1) is gone, page 2 starts at product 52 and 51 is on no page.
    // The counts still agree (119 seen, total 119). Product 1 stays until the next listing.
    const { listing, ids, readAlone } = await listWhileChanging((catalog) => ({
      ...catalog,
      products: catalog.products.slice(1),
    }));
    expect(listing.restarts).toBe(0);
    expect(readAlone).toEqual(['GET /api/v1/upstream/products/51']);
    expect(new Set(ids)).toEqual(new Set(Array.from({ length: 120 }, (_, i) => String(i + 1))));
    expect(listing.skipped).toEqual([]);
  });

  it('asks for it too when another product came meanwhile and the total did not move', async () => {
    const { listing, ids, readAlone } = await listWhileChanging((catalog) => ({
      ...catalog,
      products: [...catalog.products.slice(1), product(121)],
    }));
    expect(listing.restarts).toBe(0);
    expect(readAlone).toEqual(['GET /api/v1/upstream/products/51']);
    expect(new Set(ids)).toEqual(new Set(Array.from({ length: 121 }, (_, i) => String(i + 1))));
  });

  it('a product taken off sale while another comes back, newest first, on an old build listing only products on sale: the one skipped is asked for alone', async () => {
    // Page 1 holds 120…71. Product 110 leaves it and product 30 (off sale at first) comes back further down: the
    // total does not move, page 2 starts one product later, and 70 is on no page.
    const start = catalogOf(120);
    start.products[29].is_active = false;
    const { listing, ids, readAlone } = await listWhileChanging(
      (catalog) => {
        const next = structuredClone(catalog);
        next.products[109].is_active = false;
        next.products[29].is_active = true;
        return next;
      },
      { newestFirst: true, oldBuild: true, catalog: start },
    );
    expect(listing.restarts).toBe(0);
    expect(readAlone).toEqual(['GET /api/v1/upstream/products/70']);
    expect(new Set(ids)).toEqual(new Set(Array.from({ length: 120 }, (_, i) => String(i + 1))));
  });

  it('a product taken off sale mid-listing stays on its page (include_inactive): nothing shifts, nothing is asked alone', async () => {
    const { listing, ids, readAlone } = await listWhileChanging(
      (catalog) => {
        const next = structuredClone(catalog);
        next.products[109].is_active = false;
        return next;
      },
      { newestFirst: true },
    );
    expect(listing.restarts).toBe(0);
    expect(readAlone).toEqual([]);
    expect(ids).toEqual(Array.from({ length: 120 }, (_, i) => String(120 - i)));
  });

  it('a product created mid-listing, newest first: no product is lost and nothing is listed again', async () => {
    // The new product lands on page 1, already read, and every later page starts one product earlier: product 71 is
    // listed twice, the new one waits for the next sync.
    const { listing, ids, readAlone } = await listWhileChanging(
      (catalog) => ({ ...catalog, products: [...catalog.products, product(121)] }),
      { newestFirst: true },
    );
    expect(listing.restarts).toBe(0);
    expect(readAlone).toEqual([]);
    expect(ids).toEqual(Array.from({ length: 120 }, (_, i) => String(120 - i)));
    expect(skippedInEnglish(listing.skipped)).toEqual([
      { where: 'page 2, item 1 (product 71)', reason: 'duplicate of a product listed before; first kept' },
    ]);
  });

  it('a product created mid-listing, newest first, pushes the oldest past the planned pages: they are read too', async () => {
    // 100 products make two full pages; once one more comes, product 1 is alone on a page 3 the first total did not
    // promise.
    const { listing, ids, server, progress } = await listWhileChanging(
      (catalog) => ({ ...catalog, products: [...catalog.products, product(101)] }),
      { newestFirst: true, catalog: catalogOf(100) },
    );
    expect(listing.restarts).toBe(0);
    expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => String(100 - i)));
    expect(server.hits.get('GET /api/v1/upstream/products')).toBe(3);
    expect(progress.at(-1)).toEqual({ pagesDone: 3, pagesTotal: 3, items: 101 });
  });

  it('a product created mid-listing on a page not yet read: more products than the first total, all kept', async () => {
    const { listing, ids } = await listWhileChanging((catalog) => ({
      ...catalog,
      products: [...catalog.products, product(121)],
    }));
    expect(listing.restarts).toBe(0);
    expect(ids).toEqual(Array.from({ length: 121 }, (_, i) => String(i + 1)));
  });

  it('a full listing whose total falls by more than RECHECK_LIMIT is listed again', async () => {
    // 21 products of page 1 go: the later pages start 21 products later, and 51–71 would be on none.
    const { listing, ids, readAlone } = await listWhileChanging(
      (catalog) => ({ ...catalog, products: catalog.products.slice(RECHECK_LIMIT + 1) }),
      { catalog: catalogOf(200) },
    );
    expect(listing.restarts).toBe(1);
    expect(readAlone).toEqual([]);
    expect(ids).toEqual(Array.from({ length: 200 - RECHECK_LIMIT - 1 }, (_, i) => String(i + RECHECK_LIMIT + 2)));
  });

  it('a page of the first listing answered after it started over reports no progress over the second', async () => {
    // The first listing's page 4 is still in flight when page 2 shows the fall; it comes back while the second
    // listing waits for its own page 2.
    const atPage = (page: number) => (r: SimRequest) => r.query.get('page') === String(page);
    const PRODUCTS_PATH = '/api/v1/upstream/products';
    const { listing, progress } = await listWhileChanging(
      (catalog) => ({ ...catalog, products: catalog.products.slice(RECHECK_LIMIT + 1) }),
      {
        catalog: catalogOf(200),
        faults: [
          { path: PRODUCTS_PATH, when: atPage(4), times: 1, action: { kind: 'delay', ms: 100 } },
          { path: PRODUCTS_PATH, when: atPage(2), after: 1, times: 1, action: { kind: 'delay', ms: 400 } },
        ],
      },
    );
    expect(listing.restarts).toBe(1);
    const second = progress.slice(progress.findLastIndex((step) => step.pagesDone === 1));
    expect(second).toEqual([1, 2, 3, 4].map((pagesDone) => expect.objectContaining({ pagesDone, pagesTotal: 4 })));
  });

  /** Product 1 goes once page 1 is read, so product 51 is asked for alone; `answer` is what the server makes of that. */
  const withProductOneGone = (answer: FaultAction) =>
    listWhileChanging((catalog) => ({ ...catalog, products: catalog.products.slice(1) }), {
      faults: [{ path: '/api/v1/upstream/products/51', action: answer }],
    });
  const productPatched = (fields: object): FaultAction => ({
    kind: 'rewrite',
    transform: (body) => ({ ...(body as object), product: { ...(body as { product: object }).product, ...fields } }),
  });

  it('a product asked for alone that cannot be read is skipped, keeping its offers, and fails nothing else', async () => {
    const { listing, ids } = await withProductOneGone(productPatched({ skus: 'none' }));
    expect(ids).not.toContain('51');
    expect(skippedInEnglish(listing.skipped)).toEqual([
      expect.objectContaining({ where: 'product 51 (read alone; the listing missed it)', productId: '51' }),
    ]);
  });

  it('asking alone is a safety net: an answer that fails, or names another product, leaves the listing as it was', async () => {
    const notFound = await withProductOneGone({
      kind: 'status',
      status: 404,
      body: '404 page not found',
      headers: { 'content-type': 'text/plain' },
    });
    expect(notFound.readAlone).toEqual(['GET /api/v1/upstream/products/51']);
    expect(notFound.ids).not.toContain('51');
    const another = await withProductOneGone(productPatched({ id: 52 }));
    expect(another.ids).not.toContain('51');
    expect(another.ids.filter((id) => id === '52')).toHaveLength(1);
  });

  it('a total that rises past belief mid-listing stops the listing, naming the page', async () => {
    const server = await sim(catalogOf(120), { pageSizeCap: 50 });
    server.faults.add({
      path: '/api/v1/upstream/products',
      when: (req) => req.query.get('page') === '2',
      action: { kind: 'rewrite', transform: (body) => ({ ...(body as object), total: 2_000_000 }) },
    });
    const error = await collect(
      createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY }).fetchCatalog(),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(IncompleteCatalogError);
    expect(inEnglish(error.message)).toMatch(
      /page 2 reported 2000000 products, more than any catalog SupplyGrid lists/,
    );
    expect(server.hits.get('GET /api/v1/upstream/products')).toBeLessThanOrEqual(4);
  });

  it('lists changes again when a product is deleted while they are listed: a change shifted past is not lost', async () => {
    const catalog = catalogOf(120);
    const server = await sim(catalog, { pageSizeCap: 50 });
    // Every product changes now, so all 120 are listed as changes, on three pages.
    const changed = structuredClone(catalog);
    for (const p of changed.products) p.title = { ...p.title, 'en-US': `${p.title['en-US']} (new)` };
    server.replaceCatalog(changed);
    changeAfterPageOne(server, { ...changed, products: changed.products.slice(1) });
    const adapter = createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY });
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const listing = await collect(adapter.fetchCatalog({ changedSince: since }));
    expect(listing.restarts).toBe(1);
    expect(new Set(listing.offers.map((o) => o.productId))).toEqual(
      new Set(Array.from({ length: 119 }, (_, i) => String(i + 2))),
    );
  });

  it('skips malformed items with their reasons and keeps the rest', async () => {
    const server = await sim(catalogOf(10));
    server.faults.add({
      path: '/api/v1/upstream/products',
      action: {
        kind: 'rewrite',
        transform: (body) => {
          const page = body as { items: Array<Record<string, unknown>> };
          page.items[2] = {
            ...page.items[2],
            skus: [{ ...(page.items[2].skus as object[])[0], price_amount: 'free' }],
          };
          page.items[5] = { ...page.items[5], title: {} };
          return page;
        },
      },
    });
    const { offers, skipped } = await collect(
      createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY }).fetchCatalog(),
    );
    expect(offers).toHaveLength(8);
    expect(skippedInEnglish(skipped)).toEqual([
      {
        where: 'page 1, item 3 (product 3)',
        reason: 'field skus.0.price_amount: not a decimal amount: "free"',
        productId: '3',
      },
      { where: 'page 1, item 6 (product 6)', reason: 'field title: has no text in any language', productId: '6' },
    ]);
  });

  it('fails the page when most of its items are malformed', async () => {
    const server = await sim(catalogOf(4));
    server.faults.add({
      path: '/api/v1/upstream/products',
      action: {
        kind: 'rewrite',
        transform: (body) => ({
          ...(body as object),
          items: [{ id: 1 }, { id: 2 }, { id: 3 }, (body as { items: unknown[] }).items[3]],
        }),
      },
    });
    const error = await collect(
      createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY }).fetchCatalog(),
    ).catch((e) => e);
    expect(error.code).toBe('malformed_page');
    expect(inEnglish(error.message)).toMatch(/3 of 4 items on one page are malformed/);
  });

  it('refuses an order for a manual product without manual_form_data (400 bad_request), and takes it with', async () => {
    const catalog = catalogOf(1);
    catalog.products[0] = product(1, {
      fulfillment_type: 'manual',
      manual_form_schema: { fields: [{ key: 'player_id', label: { 'en-US': 'Player ID' }, required: true }] },
      delivers: 'topup',
    });
    const server = await sim(catalog);
    const order = (body: unknown) => {
      const text = JSON.stringify(body);
      return rawCall(
        server.baseUrl,
        '/api/v1/upstream/orders',
        dujiaoHeaders(TEST_KEY, TEST_SECRET, 'POST', '/api/v1/upstream/orders', Math.floor(Date.now() / 1000), text),
        'POST',
        text,
      );
    };
    expect(await order({ sku_id: 10, quantity: 1, downstream_order_no: 'M-1' })).toMatchObject({
      status: 400,
      body: { ok: false, error_code: 'bad_request' },
    });
    expect(
      await order({ sku_id: 10, quantity: 1, downstream_order_no: 'M-2', manual_form_data: 'player 42' }),
    ).toMatchObject({ status: 400, body: { error_code: 'bad_request' } });
    expect(server.state.orders).toHaveLength(0);
    expect(server.state.accounts[0].balance).toBe('100.00');
    expect(
      await order({ sku_id: 10, quantity: 1, downstream_order_no: 'M-3', manual_form_data: { player_id: '42' } }),
    ).toMatchObject({ status: 200, body: { ok: true, amount: '12.50' } });
    expect(server.state.accounts[0].balance).toBe('87.50');
  });

  it('keeps the wallet in exact decimals, even where a float would lose the cents', async () => {
    const catalog = catalogOf(1);
    catalog.products[0].skus[0].price_amount = '0.10';
    const server = await sim(catalog);
    server.state.accounts[0].balance = '9007199254740993.30';
    const adapter = createDujiaoProtocolAdapter(server.connection, PROFILE, { retry: FAST_RETRY });
    const placed = await adapter.orders!.place({
      productId: '1',
      skuId: '10',
      variant: '',
      quantity: 3,
      idempotencyKey: 'EXACT-1',
      expectedCost: { amount: '0.30', currency: 'CNY' },
    });
    expect(placed.amount).toEqual({ amount: '0.30', currency: 'CNY' });
    expect(server.state.accounts[0].balance).toBe('9007199254740993.00');
    expect((await adapter.ping()).balance).toEqual({ amount: '9007199254740993.00', currency: 'CNY' });
  });

  it('maps MeSIM binary stock to in_stock/out and never shows 999 as a count', async () => {
    const catalog = catalogOf(2);
    catalog.products[1].skus[0].stock_quantity = 0;
    const server = await sim(catalog, { binaryStock: true });
    const { offers } = await collect(
      createDujiaoProtocolAdapter(
        server.connection,
        { ...PROFILE, stockReporting: 'binary', maxQuantity: 1, fixedKind: 'esim' },
        { retry: FAST_RETRY },
      ).fetchCatalog(),
    );
    expect(offers.map((o) => o.stock)).toEqual([
      { status: 'in_stock', quantity: null },
      { status: 'out', quantity: 0 },
    ]);
    expect(offers[0].maxQuantity).toBe(1);
  });
});
