import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/open';
import { CanceledError, IncompleteCatalogError, SupplierError } from '../../../src-main/http/errors';
import type { AdapterEnv, SupplierAdapter } from '../../../src-main/suppliers/adapter';
import type { BudgetClock } from '../../../src-main/http/budget';
import type { FetchProgress } from '../../../src-shared/sync-types';
import { seagm } from '../../../src-main/suppliers/seagm';
import { seagmSignature } from '../../../src-main/suppliers/seagm/sign';
import { startSeagmSimulator, type SeagmSimulator } from '../../../src-main/suppliers/seagm/sim';
import { syncSupplier } from '../../../src-main/sync/engine';
import { collectPages } from '../../helpers/collect-pages';
import { hostClock } from '../../../src-main/suppliers/shared/thread-shared';
import { inEnglish, skippedInEnglish } from '../../helpers/in-english';

const FAST: AdapterEnv = { retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 } };

let sim: SeagmSimulator;
const dirs: string[] = [];

beforeEach(async () => {
  sim = await startSeagmSimulator({ seed: 11 });
});
afterEach(async () => {
  await sim.close();
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function adapterFor(overrides: Record<string, unknown> = {}, env: AdapterEnv = FAST): SupplierAdapter {
  return seagm.create(seagm.configSchema.parse({ ...sim.connection, ...overrides }), env);
}

const fetchAll = (adapter: SupplierAdapter, onProgress?: (p: FetchProgress) => void) =>
  collectPages(adapter.fetchCatalog({ onProgress }));

async function rejection(promise: Promise<unknown>): Promise<SupplierError> {
  try {
    await promise;
  } catch (error) {
    return error as SupplierError;
  }
  throw new Error('expected a rejection');
}

function hits(path: string): number {
  return sim.server.hits.get(`GET ${path}`) ?? 0;
}

/** SEAGM's envelope; `Data` is what the endpoint under test answers in `data`. */
interface Answer<Data> {
  code: number;
  msg?: string;
  data: Data;
  error_info: { info_code: number; info_message: string };
}

/** A hand-made request, to hold the simulator to the doc independently of the client. */
async function raw<Data = unknown>(
  path: string,
  params: Record<string, string> = {},
  init: {
    sign?: boolean;
    timestamp?: number;
    secretKey?: string;
    tamper?: (q: Record<string, string>) => string;
    method?: string;
  } = {},
) {
  const query: Record<string, string> = { ...params };
  if (init.sign !== false) {
    query.uid = String(sim.connection.uid);
    query.timestamp = String(init.timestamp ?? Math.floor(Date.now() / 1000));
    query.signature = seagmSignature(init.secretKey ?? String(sim.connection.secretKey), query);
  }
  const search = init.tamper ? init.tamper(query) : new URLSearchParams(query).toString();
  const response = await fetch(`${sim.baseUrl}${path}?${search}`, { method: init.method ?? 'GET' });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer<Data> };
}

describe('SEAGM simulator keeps to the doc', () => {
  it('answers the unsigned endpoints and a correctly signed request', async () => {
    expect((await raw('/ping', {}, { sign: false })).body).toEqual({ code: 200, data: 'pong' });
    const time = await raw<number>('/time', {}, { sign: false });
    expect(Math.abs(time.body.data - Date.now() / 1000)).toBeLessThan(5);
    const me = await raw('/v1/me');
    expect(me).toMatchObject({
      status: 200,
      body: { code: 200, msg: 'OK', data: { currency: 'MYR', balance: '99463.82', credits: 9946382 } },
    });
  });

  it('refuses what the doc refuses, with its codes', async () => {
    const sig = (await raw('/v1/me', {}, { secretKey: 'not-the-key' })).body;
    expect(sig).toEqual({
      code: 409,
      msg: 'Invalid Signature',
      error_info: { info_code: 20038, info_message: 'Signature is invalid.' },
    });
    // "The signature is not case sensitive": the same digest in uppercase is accepted, a different one is not.
    const upper = await raw(
      '/v1/me',
      {},
      { tamper: (q) => new URLSearchParams({ ...q, signature: q.signature.toUpperCase() }).toString() },
    );
    expect(upper).toMatchObject({ status: 200, body: { code: 200, data: { currency: 'MYR' } } });
    const wrongUpper = await raw(
      '/v1/me',
      {},
      {
        tamper: (q) =>
          new URLSearchParams({
            ...q,
            signature: `${q.signature.slice(0, 63)}${q.signature.endsWith('0') ? '1' : '0'}`.toUpperCase(),
          }).toString(),
      },
    );
    expect(wrongUpper).toMatchObject({ status: 409, body: { error_info: { info_code: 20038 } } });
    const unsigned = await raw('/v1/me', {}, { tamper: (q) => `uid=${q.uid}&timestamp=${q.timestamp}` });
    expect(unsigned).toMatchObject({ status: 406, body: { error_info: { info_code: 20037 } } });
    const noUid = await raw('/v1/me', {}, { tamper: (q) => `timestamp=${q.timestamp}&signature=${q.signature}` });
    expect(noUid.body.error_info.info_code).toBe(20035);
    const strangerUid = await raw('/v1/me', {}, { tamper: (q) => new URLSearchParams({ ...q, uid: '1' }).toString() });
    expect(strangerUid).toMatchObject({ status: 401, body: { error_info: { info_code: 20035 } } });
    const twice = await raw('/v1/me', {}, { tamper: (q) => `${new URLSearchParams(q)}&uid=${q.uid}` });
    expect(twice).toMatchObject({ status: 400, body: { error_info: { info_code: 20003 } } });
    expect((await raw('/v1/me', {}, { method: 'POST' })).status).toBe(405);
    expect((await raw('/v1/card-orders')).status).toBe(501);
    expect((await raw('/v1/nothing-here')).status).toBe(404);
    expect((await raw('/v1/mobile-recharge/operators')).body.error_info.info_code).toBe(20002);
    expect((await raw('/v1/mobile-recharge/operators', { country_code: 'zz' })).body.error_info.info_code).toBe(20006);
    expect((await raw('/v1/card-categories/999999/card-types')).body.error_info).toEqual({
      info_code: 20077,
      info_message: "Card type doesn't exist.",
    });
  });

  it("serves the detail endpoints in the doc's shapes", async () => {
    const catalog = sim.server.catalog();
    const card = catalog.goods.find((g) => g.family === 'card')!;
    const topup = catalog.goods.find((g) => g.family === 'recharge')!;
    expect((await raw(`/v1/card-types/${card.item.id}`)).body.data).toEqual(card.item);
    expect((await raw(`/v1/card-categories/${catalog.cardCategories[0].id}`)).body.data).toEqual(
      catalog.cardCategories[0],
    );
    expect((await raw(`/v1/recharge-categories/${catalog.rechargeCategories[0].id}`)).body.data).toEqual(
      catalog.rechargeCategories[0],
    );
    const detail = (await raw(`/v1/recharge-types/${topup.item.id}`)).body.data;
    expect(detail).toEqual({ ...topup.item, par_value: topup.item.par_value.toFixed(2) });
    const products = (
      await raw<Record<string, unknown>>('/v1/mobile-recharge/products', {
        operator_id: String(catalog.operators[0].id),
      })
    ).body.data;
    expect(Object.keys(products)).toEqual(['airtime', 'data', 'bundle']);
  });

  it('takes timestamps strictly inside ±120 s of its own clock, in seconds', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await raw('/v1/me', {}, { timestamp: now - 110 })).status).toBe(200);
    expect((await raw('/v1/me', {}, { timestamp: now + 110 })).status).toBe(200);
    expect(await raw('/v1/me', {}, { timestamp: now - 125 })).toMatchObject({
      status: 408,
      body: { error_info: { info_code: 10408 } },
    });
    expect((await raw('/v1/me', {}, { timestamp: now + 125 })).status).toBe(408);
    expect((await raw('/v1/me', {}, { timestamp: Date.now() })).status).toBe(408);
  });

  it('pages the account history by offset and limit, end exclusive, refusing oversized pages', async () => {
    const first = (await raw<{ logs: unknown[]; total: number }>('/v1/account-history', { offset: '0', limit: '10' }))
      .body.data;
    expect(first).toMatchObject({ begin: 0, end: 10 });
    expect(first.logs).toHaveLength(10);
    const last = (await raw('/v1/account-history', { offset: String(first.total - 3), limit: '10' })).body.data;
    expect(last).toMatchObject({ begin: first.total - 3, end: first.total });
    expect((await raw('/v1/account-history', { limit: '101' })).status).toBe(413);
  });

  it('answers 429 with Retry-After beyond the limit, then bans the IP with 418 for clients that keep pushing', async () => {
    sim.server.state.rate.limitPerWindow = 1;
    sim.server.state.rate.banAfter429s = 2;
    expect((await raw('/v1/me')).status).toBe(200);
    const limited = await raw('/v1/me');
    expect(limited).toMatchObject({ status: 429, body: { code: 429, error_info: { info_code: 10429 } } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await raw('/v1/me')).status).toBe(429);
    expect((await raw('/v1/me')).status).toBe(418);
    expect((await raw('/time', {}, { sign: false })).status).toBe(418);
  });
});

describe('SEAGM adapter', () => {
  it('pings with the account balance and currency', async () => {
    const result = await adapterFor().ping();
    expect(result).toEqual({
      balance: { amount: '99463.82', currency: 'MYR' },
      currency: 'MYR',
      detail: { account: 'supplygrid-demo', accountId: '10015', credits: '9946382' },
    });
  });

  it('fetches the whole catalog: every good, kind, currency and stock answer, two requests at a time at most', async () => {
    sim.server.state.latencyMs = 5;
    const progress: FetchProgress[] = [];
    const { offers, skipped } = await fetchAll(adapterFor(), (p) => progress.push(p));
    const catalog = sim.server.catalog();
    expect(skipped).toEqual([]);
    expect(offers).toHaveLength(catalog.goods.length);
    const count = (kind: string) => offers.filter((o) => o.kind === kind).length;
    expect(count('card')).toBe(catalog.goods.filter((g) => g.family === 'card').length);
    expect(count('direct_topup')).toBe(catalog.goods.filter((g) => g.family === 'recharge').length);
    expect(count('mobile_recharge')).toBe(catalog.goods.filter((g) => g.family === 'mobile').length);

    const byKey = new Map(offers.map((o) => [`${o.kind}:${o.skuId}`, o]));
    for (const good of catalog.goods) {
      const id = good.family === 'mobile' ? good.item.product_id : good.item.id;
      const offer = byKey.get(
        `${{ card: 'card', recharge: 'direct_topup', mobile: 'mobile_recharge' }[good.family]}:${id}`,
      )!;
      expect(offer.cost.currency).toBe(good.item.currency);
      expect(Number(offer.cost.amount)).toBe(good.item.unit_price);
      expect(offer.stock).toEqual(
        good.family === 'card'
          ? { status: good.item.has_stock ? 'in_stock' : 'out', quantity: null }
          : { status: 'unknown', quantity: null },
      );
    }
    expect(new Set(offers.map((o) => o.cost.currency))).toEqual(new Set(['USD', 'MYR', 'SGD', 'PHP', 'IDR', 'THB']));
    expect(offers.some((o) => o.kind === 'direct_topup' && o.fulfillment.inputFields.length >= 2)).toBe(true);

    const listings = catalog.cardCategories.length + catalog.rechargeCategories.length + catalog.operators.length;
    expect(progress.at(-1)).toEqual({ pagesDone: listings, pagesTotal: listings, items: offers.length });
    expect(sim.server.state.maxInFlight).toBeLessThanOrEqual(2);
    expect(sim.server.state.maxInFlight).toBe(2);
  });

  it('says clearly when the signature is refused, and never shows the secret or a signature', async () => {
    const secretKey = 'WrongKeyWrongKeyWrongKeyWrongKeyWrongKeyWrongKeyWrongKeyWrongKey';
    const error = await rejection(adapterFor({ secretKey }).ping());
    expect(error).toBeInstanceOf(SupplierError);
    expect(inEnglish(error.message)).toMatch(/Signature is invalid\. \(SEAGM 20038; HTTP 409 Invalid Signature\)/);
    // Read decoded: a coded text's parameters are URL-encoded, which would hide a leak from a plain search.
    expect(inEnglish(error.message)).not.toContain(secretKey);
    expect(inEnglish(error.message)).not.toContain(String(sim.connection.secretKey));
    expect(error.message).not.toMatch(/[0-9a-f]{64}/);
    expect(error.retryable).toBe(false);
    expect(hits('/v1/me')).toBe(1);
    const fetchError = await rejection(fetchAll(adapterFor({ secretKey })));
    expect(inEnglish(fetchError.message)).toMatch(/20038/);
  });

  it('corrects its clock from /time when the server says the timestamp is stale, then succeeds', async () => {
    sim.server.state.clockOffsetMs = 300_000;
    const adapter = adapterFor();
    expect((await adapter.ping()).currency).toBe('MYR');
    expect(hits('/time')).toBe(1);
    const { offers } = await fetchAll(adapter);
    expect(offers).toHaveLength(sim.server.catalog().goods.length);
    expect(hits('/time')).toBe(1);

    // The local clock can be the one that is off, too.
    const behind = adapterFor({}, { ...FAST, now: () => Date.now() - 600_000 });
    expect((await behind.ping()).currency).toBe('MYR');
    expect(hits('/time')).toBe(2);
  });

  it('sends again a request refused under an offset another thread replaced while it was on its way', async () => {
    sim.server.state.clockOffsetMs = 300_000;
    const clock = hostClock(String(sim.connection.baseUrl));
    sim.server.faults.add({
      path: '/v1/me',
      times: 1,
      action: { kind: 'delay', ms: 200 },
    });
    const pinging = adapterFor().ping();
    // A sync worker comes back with the offset it learnt while this request, signed without it, is on its way.
    await new Promise((resolve) => setTimeout(resolve, 50));
    clock.adopt(300_000);
    expect((await pinging).currency).toBe('MYR');
    expect(hits('/time')).toBe(1);
  });

  it('signs each request as it is sent: one that waited three minutes for its turn is not refused as stale', async () => {
    // Time passes for both sides alike, without sleeping: the budget jumps to the end of each wait, and our clock and
    // the server's jump with it. SEAGM refuses a timestamp more than 120 s off (408, 10408).
    let passedMs = 0;
    const clock: BudgetClock = {
      now: () => Date.now() + passedMs,
      sleep: async (ms, signal) => {
        if (signal?.aborted) throw new CanceledError();
        passedMs += ms;
        sim.server.state.clockOffsetMs = passedMs;
      },
    };
    const adapter = adapterFor({ requestsPerMinute: 1 }, { ...FAST, now: clock.now, budgetTuning: { clock } });
    const pings = await Promise.all([adapter.ping(), adapter.ping(), adapter.ping(), adapter.ping()]);
    expect(pings.map((ping) => ping.currency)).toEqual(['MYR', 'MYR', 'MYR', 'MYR']);
    expect(passedMs).toBeGreaterThan(150_000);
    expect(hits('/v1/me')).toBe(4);
  });

  it('does not retry a refusal that /time shows is not about the clock', async () => {
    const error = await rejection(adapterFor({ uid: '10' }).ping());
    expect(inEnglish(error.message)).toMatch(/Invalid user id Or required user id\. \(SEAGM 20035; HTTP 401/);
    expect(hits('/time')).toBe(1);
    expect(hits('/v1/me')).toBe(1);
  });

  it('backs off for as long as a 429 asks and then succeeds', async () => {
    sim.server.state.rate.limitPerWindow = 2;
    sim.server.state.rate.windowMs = 1000;
    const adapter = adapterFor();
    const started = Date.now();
    const results = await Promise.all([adapter.ping(), adapter.ping(), adapter.ping()]);
    expect(results.map((r) => r.currency)).toEqual(['MYR', 'MYR', 'MYR']);
    expect(sim.server.state.rate.refused).toBe(1);
    // Retry-After said 1 s; the retry policy alone would have waited only 50 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('waits out even a long Retry-After, without resending early, until the caller gives up', async () => {
    sim.server.state.rate.limitPerWindow = 1;
    sim.server.state.rate.retryAfterSeconds = 200;
    const adapter = adapterFor();
    await adapter.ping();
    const stop = new AbortController();
    const unsubscribe = adapter.budget!.onWait((resumesAt) => {
      if (resumesAt !== null) stop.abort();
    });
    const error = await rejection(adapter.ping(stop.signal));
    unsubscribe();
    expect(error).toBeInstanceOf(CanceledError);
    expect(hits('/v1/me')).toBe(2);
    expect(adapter.budget!.stats().throttled).toBe(1);
  });

  it('walks a whole catalog under a tight limit without earning a ban', async () => {
    sim.server.state.rate.limitPerWindow = 40;
    sim.server.state.rate.windowMs = 1000;
    sim.server.state.rate.banAfter429s = 3;
    const { offers } = await fetchAll(adapterFor({}, { retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 50 } }));
    expect(offers).toHaveLength(sim.server.catalog().goods.length);
    expect(sim.server.state.rate.refused).toBeGreaterThan(0);
    expect(sim.server.state.rate.bannedUntil).toBe(0);
  });

  it('reports an IP ban (418) plainly, does not retry it, and stops sending', async () => {
    sim.server.state.rate.limitPerWindow = 1;
    sim.server.state.rate.retryAfterSeconds = 0;
    sim.server.state.rate.banAfter429s = 2;
    const adapter = adapterFor();
    await adapter.ping();
    const error = await rejection(adapter.ping());
    expect(error.code).toBe('ip_banned');
    expect(error.retryable).toBe(false);
    expect(inEnglish(error.message)).toMatch(/banned this IP address .* \(HTTP 418\)/);
    const sent = hits('/v1/me');
    expect(sent).toBe(4);
    const again = await rejection(fetchAll(adapter));
    expect(again.code).toBe('ip_banned');
    expect(hits('/v1/me') + hits('/v1/card-categories')).toBe(sent);
  });

  it('skips a malformed item with its reason while the rest of the catalog syncs', async () => {
    const category = sim.server.catalog().cardCategories[0];
    const path = `/v1/card-categories/${category.id}/card-types`;
    let brokenId = 0;
    sim.server.faults.add({
      path,
      action: {
        kind: 'rewrite',
        transform: (body) => {
          const data = (body as { data: Array<Record<string, unknown>> }).data;
          brokenId = data[1].id as number;
          data[1] = { ...data[1], unit_price: 'n/a' };
          return body;
        },
      },
    });
    const { offers, skipped } = await fetchAll(adapterFor());
    expect(offers).toHaveLength(sim.server.catalog().goods.length - 1);
    expect(skippedInEnglish(skipped)).toEqual([
      {
        where: `card category ${category.id} (${category.name}), item 2 (id ${brokenId})`,
        reason: 'field unit_price: not a decimal amount: "n/a"',
        productId: String(category.id),
        skuId: String(brokenId),
      },
    ]);
  });

  it('fails as incomplete, never partially, when one listing cannot be read', async () => {
    const operator = sim.server.catalog().operators[3];
    sim.server.faults.add({
      path: '/v1/mobile-recharge/products',
      when: (req) => req.query.get('operator_id') === String(operator.id),
      action: {
        kind: 'status',
        status: 503,
        body: {
          code: 503,
          msg: 'Service Unavailable',
          error_info: { info_code: 10503, info_message: 'Service Unavailable' },
        },
      },
    });
    const error = await rejection(fetchAll(adapterFor()));
    expect(error).toBeInstanceOf(IncompleteCatalogError);
    expect(inEnglish(error.message)).toContain(`mobile operator ${operator.id} (${operator.name}`);
    expect(inEnglish(error.message)).toContain('HTTP 503');
  });

  it('fails as incomplete when a directory entry cannot be walked', async () => {
    sim.server.faults.add({
      path: '/v1/recharge-categories',
      action: {
        kind: 'rewrite',
        transform: (body) => {
          (body as { data: Array<Record<string, unknown>> }).data[2].id = null;
          return body;
        },
      },
    });
    const error = await rejection(fetchAll(adapterFor()));
    expect(error).toBeInstanceOf(IncompleteCatalogError);
    expect(inEnglish(error.message)).toMatch(
      /GET \/v1\/recharge-categories: the catalog could not be listed completely \(entry 3 cannot be read \(field id:/,
    );
  });
});

describe('SEAGM sync into SQLite', () => {
  it('stores the catalog, then records the next generation as changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'supplygrid-seagm-'));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'catalog.db'));
    try {
      const target = { supplierId: 'seagm-demo', supplierKind: 'seagm', adapter: adapterFor() };
      const first = await syncSupplier(db, target);
      const total = sim.server.catalog().goods.length;
      expect(first).toMatchObject({
        status: 'ok',
        error: null,
        counts: { offers: total, added: total, removed: 0, changed: 0, skipped: 0 },
      });
      const stored = db
        .prepare(
          `SELECT kind, cost_currency AS currency, COUNT(*) AS n FROM offers WHERE supplier_id = ? GROUP BY kind, cost_currency`,
        )
        .all('seagm-demo') as Array<{ kind: string; currency: string; n: number }>;
      expect(new Set(stored.map((row) => row.kind))).toEqual(new Set(['card', 'direct_topup', 'mobile_recharge']));
      expect(stored.reduce((sum, row) => sum + row.n, 0)).toBe(total);

      sim.setGeneration(1);
      const second = await syncSupplier(db, target);
      expect(second.status).toBe('ok');
      expect(second.counts!.offers).toBe(sim.server.catalog().goods.length);
      expect(second.counts!.added).toBe(2);
      expect(second.counts!.removed).toBeGreaterThan(0);
      expect(second.counts!.changed).toBeGreaterThan(0);
      const changes = db
        .prepare(`SELECT change, COUNT(*) AS n FROM changes WHERE run_id = ? GROUP BY change`)
        .all(second.runId) as Array<{ change: string; n: number }>;
      expect(changes.map((c) => c.change)).toEqual(expect.arrayContaining(['added', 'removed']));
      expect(changes.some((c) => c.change === 'price_up' || c.change === 'price_down')).toBe(true);

      // A failed fetch leaves the stored catalog exactly as it was.
      sim.server.faults.add({
        path: '/v1/recharge-categories',
        action: {
          kind: 'status',
          status: 404,
          body: { code: 404, msg: 'Not Found', error_info: { info_code: 10404, info_message: 'Not Found' } },
        },
      });
      const live = () =>
        db.prepare(`SELECT COUNT(*) AS n FROM offers WHERE supplier_id = ? AND removed_at IS NULL`).get('seagm-demo');
      const before = live();
      const third = await syncSupplier(db, target);
      expect(third.status).toBe('failed');
      expect(inEnglish(third.error)).toMatch(/Not Found \(SEAGM 10404; HTTP 404 Not Found\)/);
      expect(live()).toEqual(before);
    } finally {
      db.close();
    }
  });
});
