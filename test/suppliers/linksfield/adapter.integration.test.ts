import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listLiveOffers } from '../../../src-main/db/catalog-repo';
import { changesForRuns } from '../../../src-main/db/changes-repo';
import { openDatabase } from '../../../src-main/db/open';
import { IncompleteCatalogError, SupplierError } from '../../../src-main/http/errors';
import type { FetchProgress } from '../../../src-shared/sync-types';
import { linksfield } from '../../../src-main/suppliers/linksfield';
import type { LinksfieldConfig } from '../../../src-main/suppliers/linksfield/config';
import { startLinksfieldSimulator, type LinksfieldSimulator } from '../../../src-main/suppliers/linksfield/sim';
import { MinuteRateLimiter, type SimRequest } from '../../../src-main/suppliers/shared/sim/server';
import { syncSupplier } from '../../../src-main/sync/engine';
import { collectPages } from '../../helpers/collect-pages';
import { inEnglish, inEnglishMatching, skippedInEnglish } from '../../helpers/in-english';

const env = { retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 } };
const DETAIL = '/v1.1/package/detail';
const PACKAGE_LIST = '/v1.1/package/packageList';

let sim: LinksfieldSimulator;
beforeEach(async () => {
  sim = await startLinksfieldSimulator();
});
afterEach(async () => {
  await sim.close();
});

function adapterFor(overrides: Partial<LinksfieldConfig> = {}) {
  return linksfield.create(linksfield.configSchema.parse({ ...sim.connection, ...overrides }), env);
}

const fetchAll = (adapter = adapterFor(), onProgress?: (p: FetchProgress) => void) =>
  collectPages(adapter.fetchCatalog({ onProgress }));

async function fmsPost(path: string, body: unknown, token?: string) {
  const response = await request(`${sim.baseUrl}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { 'x-access-token': token } : {}) },
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    json: (await response.body.json()) as { code: number; data: unknown; message: string },
  };
}

async function demoToken(): Promise<string> {
  const { email, password, partnerCode } = sim.connection as unknown as LinksfieldConfig;
  const { createHash } = await import('node:crypto');
  const login = await fmsPost('/user/login', {
    email,
    passwd: createHash('md5').update(password).digest('hex'),
    partnerCode,
  });
  return login.headers['x-access-token'] as string;
}

const requestedId = (req: SimRequest) => (JSON.parse(req.body.toString()) as { id: number }).id;
const hits = (path: string) => sim.server.hits.get(`POST ${path}`) ?? 0;

describe('Linksfield catalog over HTTP', () => {
  it('fetches every package once, in the account currency, with every currency kept', async () => {
    const progress: FetchProgress[] = [];
    const { offers, skipped } = await fetchAll(adapterFor(), (p) => progress.push(p));
    const served = sim.server.packages();
    expect(served.length).toBeGreaterThanOrEqual(300);
    expect(skipped).toEqual([]);
    expect(offers).toHaveLength(served.length);
    // Regional packages show up under several countries but are detailed once and offered once.
    expect(hits(DETAIL)).toBe(served.length);
    expect(new Set(offers.map((o) => o.productId)).size).toBe(offers.length);
    const asia = offers.find((o) => o.titles.en === 'Asia 8 Countries 10GB 30 Days')!;
    expect((asia.raw as { listedUnder: string[] }).listedUnder.length).toBeGreaterThan(1);
    expect(asia.plan).toMatchObject({
      countries: ['ID', 'JP', 'KR', 'MY', 'PH', 'SG', 'TH', 'VN'],
      dataMB: 10240,
      days: 30,
      perDay: false,
    });

    const source = served.find((p) => p.id === Number(asia.productId))!;
    expect(asia.cost).toEqual({ amount: source.currencyInfos[0].price.toFixed(2), currency: 'USD' });
    expect((asia.raw as { prices: Array<{ currency: string }> }).prices.map((p) => p.currency)).toEqual([
      'USD',
      'CNY',
      'HKD',
      'EUR',
    ]);

    const monthly = offers.find(
      (o) => (o.raw as { detail: { periodUnit: string; period: number } }).detail.periodUnit === 'MONTH',
    )!;
    expect(monthly.plan.days).toBe((monthly.raw as { detail: { period: number } }).detail.period * 30);
    expect(offers.some((o) => o.plan.perDay === true)).toBe(true);
    expect(offers.every((o) => o.kind === 'esim' && o.orderable && /^\d+(\.\d{2,})$/.test(o.cost.amount))).toBe(true);

    const last = progress.at(-1)!;
    expect(last).toMatchObject({ pagesDone: served.length, pagesTotal: served.length });
  });

  it('costs in the configured currency and skips, with the reason, packages not priced in it', async () => {
    const cny = await fetchAll(adapterFor({ currency: 'CNY' }));
    expect(cny.offers.every((o) => o.cost.currency === 'CNY')).toBe(true);
    const eur = await fetchAll(adapterFor({ currency: 'eur' }));
    const unpriced = sim.server.packages().filter((p) => !p.currencyInfos.some((c) => c.currencyAbbr === 'EUR'));
    expect(unpriced.length).toBeGreaterThan(0);
    expect(eur.offers).toHaveLength(sim.server.packages().length - unpriced.length);
    expect(eur.skipped).toHaveLength(unpriced.length);
    expect(inEnglish(eur.skipped[0].reason)).toMatch(/no EUR price \(the account currency\); priced in USD, CNY, HKD/);
  });

  it('pings by logging in: no balance in FMS, the account currency and country count instead', async () => {
    const result = await adapterFor({ currency: 'HKD' }).ping();
    expect(result).toMatchObject({
      balance: null,
      currency: 'HKD',
      detail: { partnerCode: sim.server.state.account.partnerCode },
    });
    expect(Number(result.detail.countries)).toBeGreaterThan(20);
  });

  it('says clearly when the login is refused', async () => {
    const adapter = adapterFor({ password: 'not-the-password' });
    const error = await adapter.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupplierError);
    expect(inEnglish((error as SupplierError).message)).toMatch(
      /login refused for .* incorrect email, password or partner code \(code 9999: general error\); check the email, password and partner code/,
    );
    expect((error as SupplierError).code).toBe('9999');
    await expect(fetchAll(adapter)).rejects.toThrow(inEnglishMatching(/login refused/));
  });

  it('logs in once more when the token expires mid-fetch, and finishes', async () => {
    let expired = false;
    const { offers } = await fetchAll(adapterFor(), (p) => {
      if (!expired && p.pagesDone === 20) {
        expired = true;
        sim.server.state.expireAllTokens();
      }
    });
    expect(expired).toBe(true);
    expect(offers).toHaveLength(sim.server.packages().length);
    // Three requests in flight hit the expiry together and share one new login.
    expect(sim.server.state.logins).toBe(2);
  });

  it('gives up with a clear error when every new token is expired at once', async () => {
    sim.server.state.tokenLifetimeMs = 0;
    const error = await fetchAll().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupplierError);
    expect(inEnglish((error as Error).message)).toMatch(
      /login token was refused again right after a new login \(code 7: login token expired/,
    );
    expect(sim.server.state.logins).toBe(2);
  });

  it('waits out HTTP 429 and carries on', async () => {
    sim.server.faults.add({
      path: DETAIL,
      after: 5,
      times: 2,
      action: {
        kind: 'status',
        status: 429,
        headers: { 'retry-after': '0' },
        body: { status: 429, error: 'Too Many Requests' },
      },
    });
    // The pace halves after a 429; a generous one keeps this walk of a few hundred requests short.
    const { offers } = await fetchAll(adapterFor({ requestsPerMinute: 60_000 }));
    expect(offers).toHaveLength(sim.server.packages().length);
    expect(hits(DETAIL)).toBe(sim.server.packages().length + 2);
  });

  it('rate-limits per token with Retry-After; a fetch that stays limited waits until the caller gives up, never shrinks', async () => {
    const token = await demoToken();
    sim.server.state.rateLimiter = new MinuteRateLimiter(2);
    const body = { partnerCode: sim.server.state.account.partnerCode, type: 1 };
    for (let i = 0; i < 2; i++) expect((await fmsPost('/package/countryPackageList', body, token)).json.code).toBe(0);
    const limited = await fmsPost('/package/countryPackageList', body, token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    sim.server.state.rateLimiter = new MinuteRateLimiter(10);
    // A limit is waited out, never a failure: only the caller (cancel, a sync's deadline) ends the wait.
    const adapter = adapterFor();
    const stop = new AbortController();
    adapter.budget!.onWait((resumesAt) => resumesAt !== null && stop.abort());
    const error = await collectPages(adapter.fetchCatalog({ signal: stop.signal })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(IncompleteCatalogError);
    expect(adapter.budget!.stats().throttled).toBeGreaterThan(0);
  });

  it('skips a malformed detail with its reason and keeps the rest', async () => {
    const victim = sim.server.packages()[7].id;
    sim.server.faults.add({
      path: DETAIL,
      when: (req) => requestedId(req) === victim,
      action: {
        kind: 'rewrite',
        transform: (body) => ({
          ...(body as object),
          data: { ...(body as { data: object }).data, packageFlow: 'lots' },
        }),
      },
    });
    const { offers, skipped } = await fetchAll();
    expect(offers).toHaveLength(sim.server.packages().length - 1);
    expect(skippedInEnglish(skipped)).toEqual([
      {
        where: expect.stringContaining(`package ${victim} (listed under`),
        reason: 'packageFlow "lots" is not a data amount',
        productId: String(victim),
      },
    ]);
  });

  it('fails the fetch when most details on a page are malformed', async () => {
    sim.server.faults.add({
      path: DETAIL,
      action: { kind: 'rewrite', transform: (body) => ({ ...(body as object), data: { id: 1 } }) },
    });
    await expect(fetchAll()).rejects.toThrow(inEnglishMatching(/items on one page are malformed/));
  });

  it('fails the fetch when a detail keeps failing, naming the package', async () => {
    const victim = sim.server.packages()[3].id;
    sim.server.faults.add({
      path: DETAIL,
      when: (req) => requestedId(req) === victim,
      action: { kind: 'status', status: 502 },
    });
    const error = await fetchAll().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteCatalogError);
    expect(inEnglish((error as Error).message)).toMatch(
      new RegExp(`detail of package ${victim} could not be fetched: .*HTTP 502.*\\); the previous catalog is kept`),
    );
  });

  it('fails the fetch when a country cannot be listed', async () => {
    sim.server.faults.add({
      path: PACKAGE_LIST,
      when: (req) => JSON.parse(req.body.toString()).countryCode === 440,
      action: { kind: 'status', status: 500 },
    });
    await expect(fetchAll()).rejects.toThrow(
      inEnglishMatching(/package list for Japan \(MCC 440\) failed: .*HTTP 500/),
    );
  });

  it('fails the fetch when an upstream error code answers a country', async () => {
    sim.server.faults.add({
      path: PACKAGE_LIST,
      times: 1,
      action: { kind: 'status', status: 200, body: { code: 9999, data: null, message: 'Error' } },
    });
    await expect(fetchAll()).rejects.toThrow(
      inEnglishMatching(/package list for .* failed: .*\(code 9999: general error\)/),
    );
  });
});

describe('Linksfield sync into SQLite', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'supplygrid-linksfield-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the catalog, then records the next generation as changes', async () => {
    const db = openDatabase(join(dir, 'catalog.db'));
    try {
      const target = { supplierId: 'demo-linksfield', supplierKind: 'linksfield', adapter: adapterFor() };
      const first = await syncSupplier(db, target);
      expect(first).toMatchObject({ status: 'ok', error: null });
      expect(first.counts).toMatchObject({
        offers: sim.server.packages().length,
        added: sim.server.packages().length,
        removed: 0,
      });

      sim.setGeneration(1);
      const second = await syncSupplier(db, { ...target, adapter: adapterFor() });
      expect(second.status).toBe('ok');
      expect(second.counts!.added).toBe(2);
      expect(second.counts!.removed).toBeGreaterThan(0);
      expect(second.counts!.changed).toBeGreaterThan(0);
      const kinds = new Set(changesForRuns(db, [second.runId]).map((c) => c.change));
      expect(kinds.has('added') && kinds.has('removed')).toBe(true);
      expect(kinds.has('price_up') || kinds.has('price_down')).toBe(true);
      expect(listLiveOffers(db, 'demo-linksfield')).toHaveLength(sim.server.packages().length);
    } finally {
      db.close();
    }
  });

  it('keeps the previous catalog when a fetch is incomplete', async () => {
    const db = openDatabase(join(dir, 'catalog.db'));
    try {
      const target = { supplierId: 'demo-linksfield', supplierKind: 'linksfield', adapter: adapterFor() };
      await syncSupplier(db, target);
      const before = listLiveOffers(db, 'demo-linksfield').map((o) => `${o.productId} ${o.cost.amount}`);
      sim.setGeneration(1);
      sim.server.faults.add({ path: DETAIL, after: 100, action: { kind: 'status', status: 503 } });
      const failed = await syncSupplier(db, { ...target, adapter: adapterFor() });
      expect(failed.status).toBe('failed');
      expect(inEnglish(failed.error)).toMatch(/previous catalog is kept/);
      expect(listLiveOffers(db, 'demo-linksfield').map((o) => `${o.productId} ${o.cost.amount}`)).toEqual(before);
    } finally {
      db.close();
    }
  });

  it('fails as incomplete, never as an empty catalog, when countries are listed but no package under any of them', async () => {
    const db = openDatabase(join(dir, 'catalog.db'));
    try {
      const target = { supplierId: 'demo-linksfield', supplierKind: 'linksfield', adapter: adapterFor() };
      await syncSupplier(db, target);
      const before = listLiveOffers(db, 'demo-linksfield').map((o) => `${o.productId} ${o.cost.amount}`);
      expect(before.length).toBeGreaterThan(0);
      sim.server.faults.add({
        path: PACKAGE_LIST,
        action: { kind: 'rewrite', transform: (body) => ({ ...(body as object), data: [] }) },
      });
      const error = await fetchAll().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IncompleteCatalogError);
      expect(inEnglish((error as Error).message)).toMatch(
        /Linksfield lists \d+ countries but no package under any of them\); the previous catalog is kept/,
      );
      const detailsBefore = hits(DETAIL);
      const failed = await syncSupplier(db, { ...target, adapter: adapterFor() });
      expect(failed.status).toBe('failed');
      expect(hits(DETAIL)).toBe(detailsBefore);
      expect(listLiveOffers(db, 'demo-linksfield').map((o) => `${o.productId} ${o.cost.amount}`)).toEqual(before);
    } finally {
      db.close();
    }
  });
});

describe('Linksfield simulator refuses what FMS refuses', () => {
  it('answers code 7 without a valid token and code 2 for bad parameters', async () => {
    const body = { partnerCode: sim.server.state.account.partnerCode, type: 1 };
    expect((await fmsPost('/package/countryPackageList', body)).json.code).toBe(7);
    expect((await fmsPost('/package/countryPackageList', body, 'forged')).json.code).toBe(7);
    const token = await demoToken();
    expect((await fmsPost('/package/countryPackageList', { ...body, type: 3 }, token)).json).toMatchObject({
      code: 2,
      message: 'type is required: 1 or 2',
    });
    expect((await fmsPost('/package/countryPackageList', { ...body, partnerCode: 'P000001' }, token)).json.code).toBe(
      2,
    );
    expect((await fmsPost(PACKAGE_LIST, body, token)).json).toMatchObject({
      code: 2,
      message: 'countryCode or isoCountryName is required',
    });
    expect((await fmsPost(DETAIL, { id: '30001' }, token)).json.code).toBe(2);
    expect((await fmsPost(DETAIL, { id: 1 }, token)).json).toMatchObject({
      code: 2,
      message: 'package does not exist',
    });
    const { email, partnerCode, password } = sim.server.state.account;
    expect((await fmsPost('/user/login', { email, partnerCode, password })).json.code).toBe(2);
  });

  it('lists by type: 1 includes regional packages, 2 only single-country ones', async () => {
    const token = await demoToken();
    const partnerCode = sim.server.state.account.partnerCode;
    const countries = async (type: number) =>
      (
        (await fmsPost('/package/countryPackageList', { partnerCode, type }, token)).json.data as Array<{
          countryCode: number;
        }>
      ).map((c) => c.countryCode);
    const all = await countries(1);
    const own = await countries(2);
    expect(own.every((mcc) => all.includes(mcc))).toBe(true);
    expect(all).toContain(204); // the Netherlands: only in the Europe package
    expect(own).not.toContain(204);

    const packagesFor = async (query: Record<string, unknown>, type: number) =>
      ((await fmsPost(PACKAGE_LIST, { ...query, partnerCode, type }, token)).json.data as Array<{ id: number }>).map(
        (p) => p.id,
      );
    const japanAll = await packagesFor({ countryCode: 440 }, 1);
    const japanOnly = await packagesFor({ countryCode: 440 }, 2);
    expect(japanOnly.length).toBeGreaterThan(0);
    expect(japanAll.length).toBeGreaterThan(japanOnly.length);
    expect(japanAll.some((id) => id > 30000 && id < 40000)).toBe(true);
    expect(japanOnly.every((id) => id < 30000)).toBe(true);
    // countryCode supersedes isoCountryName; the name alone works too.
    expect(await packagesFor({ countryCode: 440, isoCountryName: 'France' }, 1)).toEqual(japanAll);
    expect(await packagesFor({ isoCountryName: 'Japan' }, 1)).toEqual(japanAll);
  });
});
