import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listLiveOffers } from '../../../src-main/db/catalog-repo';
import { openDatabase } from '../../../src-main/db/open';
import type { Offer } from '../../../src-main/domain/offer';
import { CanceledError, SupplierError } from '../../../src-main/http/errors';
import type { AdapterEnv, CatalogPage, SupplierAdapter } from '../../../src-main/suppliers/adapter';
import { billionconnect } from '../../../src-main/suppliers/billionconnect';
import { INVOKE_PATH, type BillionConnectConfig } from '../../../src-main/suppliers/billionconnect/config';
import { signBody } from '../../../src-main/suppliers/billionconnect/sign';
import {
  startBillionConnectSimulator,
  type BillionConnectSimulator,
} from '../../../src-main/suppliers/billionconnect/sim';
import { formatTradeTime } from '../../../src-main/suppliers/billionconnect/trade-time';
import type { SimRequest } from '../../../src-main/suppliers/shared/sim/server';
import { syncSupplier } from '../../../src-main/sync/engine';
import { collectPages } from '../../helpers/collect-pages';
import { inEnglish, skippedInEnglish } from '../../helpers/in-english';

const FAST: AdapterEnv = { retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 } };
const HITS = `POST ${INVOKE_PATH}`;

let sim: BillionConnectSimulator;
let config: BillionConnectConfig;

beforeEach(async () => {
  sim = await startBillionConnectSimulator();
  config = billionconnect.configSchema.parse(sim.connection);
});

afterEach(async () => {
  await sim.close();
});

function adapter(overrides: Partial<BillionConnectConfig> = {}, env: AdapterEnv = FAST): SupplierAdapter {
  return billionconnect.create({ ...config, ...overrides }, env);
}

const fetchAll = (source: SupplierAdapter): Promise<CatalogPage> => collectPages(source.fetchCatalog());

async function failure(promise: Promise<unknown>): Promise<SupplierError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SupplierError);
  return error as SupplierError;
}

const tradeTypeOf = (req: SimRequest) =>
  JSON.parse(req.body.toString('utf8')) as { tradeType: string; tradeData?: { language?: string } };
const isTrade = (type: string) => (req: SimRequest) => tradeTypeOf(req).tradeType === type;

/** Replaces tradeData of a successful answer; a fault rewrite sees the body the simulator was about to send. */
function rewriteTradeData(type: string, edit: (items: Array<Record<string, unknown>>) => unknown) {
  sim.server.faults.add({
    when: isTrade(type),
    action: {
      kind: 'rewrite',
      transform: (body) => {
        const envelope = body as { tradeData: Array<Record<string, unknown>> };
        return { ...envelope, tradeData: edit(structuredClone(envelope.tradeData)) };
      },
    },
  });
}

async function rawInvoke(body: string, headers: Record<string, string>) {
  const response = await fetch(`${sim.baseUrl}${INVOKE_PATH}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('BillionConnect catalog over HTTP', () => {
  it('joins F002 (both languages) with F003 into one offer per price row', async () => {
    const { offers, skipped } = await fetchAll(adapter());
    expect(skipped).toEqual([]);
    const products = sim.server.catalog();
    expect(products.length).toBeGreaterThan(200);
    expect(offers).toHaveLength(products.reduce((sum, p) => sum + p.prices.length, 0));
    const byKey = new Map(offers.map((o) => [`${o.skuId}/${o.variant}`, o]));

    for (const product of products) {
      expect(product.skuId).toMatch(/^\d{16}$/);
      for (const row of product.prices) {
        const offer = byKey.get(`${product.skuId}/${row.copies}`)!;
        expect(offer.cost).toEqual({ amount: row.settlementPrice, currency: 'CNY' });
        expect(offer.orderable).toBe(product.type === '3105' || product.type === '3106');
        expect(offer.titles.en.startsWith(product.name.en)).toBe(true);
        expect(offer.titles['zh-CN'].startsWith(product.name.zh)).toBe(true);
      }
    }

    // A self-selected eSIM: every duration row is its own variant, the days are days × copies, prices not linear.
    const selfSelected = products.find((p) => p.type === '3105' && p.prices.length >= 3 && p.highFlowSize !== '-1')!;
    const variants = offers.filter((o) => o.skuId === selfSelected.skuId);
    expect(variants.map((o) => o.variant)).toEqual(selfSelected.prices.map((row) => row.copies));
    for (const offer of variants) {
      expect(offer.plan).toEqual({
        countries: selfSelected.countries,
        dataMB: Number(selfSelected.highFlowSize) / 1024,
        unlimited: false,
        perDay: true,
        days: Number(offer.variant),
      });
      expect(offer.cost.amount).toMatch(/^\d+\.\d{4}$/);
    }
    const [first, last] = [variants[0], variants[variants.length - 1]];
    expect(Number(last.cost.amount) / Number(last.variant)).toBeLessThan(
      Number(first.cost.amount) / Number(first.variant),
    );

    const europe = offers.find((o) => o.titles.en === 'Europe 33 Countries 10GB 30 Days')!;
    expect(europe).toMatchObject({
      kind: 'esim',
      orderable: true,
      variant: '1',
      plan: { dataMB: 10240, unlimited: false, perDay: false, days: 30 },
    });
    expect(europe.plan.countries).toHaveLength(33);
    expect(europe.plan.countries).toEqual(expect.arrayContaining(['FR', 'DE', 'GB', 'CH', 'NO']));

    const unlimited = offers.find((o) => o.plan.unlimited)!;
    expect(unlimited).toMatchObject({ plan: { dataMB: null, perDay: true }, orderable: true });
    expect(offers.find((o) => o.titles.en.startsWith('Hong Kong-4G-1 day-200M'))).toMatchObject({
      kind: 'data_plan',
      orderable: false,
      plan: { dataMB: 200, perDay: true },
    });
    expect(offers.filter((o) => o.category?.id === '230').every((o) => o.kind === 'esim' && !o.orderable)).toBe(true);
    expect(offers.some((o) => o.retailPrice === null) && offers.some((o) => o.retailPrice !== null)).toBe(true);
  });

  it('prices in the account currency F014 reports and pings with the available balance', async () => {
    sim.server.state.accounts[0].currency = 'HKD';
    const { offers } = await fetchAll(adapter());
    expect(new Set(offers.map((o) => o.cost.currency))).toEqual(new Set(['HKD']));
    const ping = await adapter().ping();
    expect(ping).toEqual({
      balance: { amount: '18800.00', currency: 'HKD' },
      currency: 'HKD',
      detail: { accountBalance: '20000.00 HKD', frozenBalance: '1200.00 HKD', creditLimit: '0.00 HKD' },
    });
  });

  it('accepts the full invoke URL as baseUrl too', async () => {
    const ping = await adapter({ baseUrl: `${sim.baseUrl}${INVOKE_PATH}` }).ping();
    expect(ping.currency).toBe('CNY');
  });
});

describe('BillionConnect refusals', () => {
  it('names tradeCode 1003 for a bad signature, without retrying it', async () => {
    const error = await failure(adapter({ appSecret: 'not-the-secret' }).ping());
    expect(error.code).toBe('1003');
    expect(inEnglish(error.message)).toMatch(/参数错误 \(tradeCode 1003\).*signature/);
    expect(sim.server.hits.get(HITS)).toBe(1);
  });

  it('answers exactly the documented 1003 envelope to a request signed over other bytes', async () => {
    const body = JSON.stringify({ tradeType: 'F014', tradeTime: formatTradeTime(Date.now()), tradeData: {} });
    const signedOverOther = signBody(config.appSecret, body.replace('F014', 'F003'));
    const refused = await rawInvoke(body, {
      'x-channel-id': config.appKey,
      'x-sign-method': 'md5',
      'x-sign-value': signedOverOther,
    });
    expect(refused).toEqual({ status: 200, body: { tradeCode: '1003', tradeMsg: '参数错误', tradeData: null } });
    const accepted = await rawInvoke(body, {
      'x-channel-id': config.appKey,
      'x-sign-method': 'md5',
      'x-sign-value': signBody(config.appSecret, body),
    });
    expect(accepted.body.tradeCode).toBe('1000');
    for (const value of Object.values(accepted.body.tradeData as Record<string, unknown>))
      expect(typeof value).toBe('string');
  });

  it('serves F001 and F002 per language and filter, every value a string', async () => {
    const invoke = async (tradeType: string, tradeData: Record<string, string>) => {
      const body = JSON.stringify({ tradeType, tradeTime: formatTradeTime(Date.now()), tradeData });
      const answer = await rawInvoke(body, {
        'x-channel-id': config.appKey,
        'x-sign-method': 'md5',
        'x-sign-value': signBody(config.appSecret, body),
      });
      expect(answer.body.tradeCode).toBe('1000');
      return answer.body.tradeData as Array<Record<string, unknown>>;
    };
    const leaves = (value: unknown): unknown[] =>
      value && typeof value === 'object' ? Object.values(value).flatMap(leaves) : [value];
    const englishCountries = await invoke('F001', { salesMethod: '5', language: '2' });
    expect(englishCountries).toContainEqual(
      expect.objectContaining({ mcc: 'HK', name: 'Hong Kong', continent: 'Asia' }),
    );
    // Chinese is the vendor's default language.
    expect(await invoke('F001', { salesMethod: '5' })).toContainEqual(
      expect.objectContaining({ mcc: 'HK', name: '香港', continent: '亚洲' }),
    );
    const japan = await invoke('F002', { salesMethod: '5', language: '2', countryCode: 'jp' });
    expect(japan.length).toBeGreaterThan(3);
    for (const product of japan) expect((product.country as Array<{ mcc: string }>).map((c) => c.mcc)).toContain('JP');
    const one = await invoke('F002', { salesMethod: '5', skuId: String(japan[0].skuId) });
    expect(one).toHaveLength(1);
    expect(
      leaves([englishCountries, japan, one, await invoke('F003', { salesMethod: '5' })]).every(
        (leaf) => typeof leaf === 'string',
      ),
    ).toBe(true);
  });

  it('refuses an unknown appKey, another sign method, numbers for strings and a salesMethod the account lacks', async () => {
    const sign = (body: string) => signBody(config.appSecret, body);
    const tradeTime = formatTradeTime(Date.now());
    const good = JSON.stringify({ tradeType: 'F003', tradeTime, tradeData: { salesMethod: '5' } });
    const headers = { 'x-channel-id': config.appKey, 'x-sign-method': 'md5' };
    for (const [body, extra] of [
      [good, { 'x-channel-id': 'unknown-app' }],
      [good, { 'x-sign-method': 'sha256' }],
      [JSON.stringify({ tradeType: 'F003', tradeTime, tradeData: { salesMethod: 5 } }), {}],
      [JSON.stringify({ tradeType: 'F003', 'tradeTime ': tradeTime, tradeData: { salesMethod: '5' } }), {}],
      [
        JSON.stringify({ tradeType: 'F003', tradeTime: tradeTime.replace(' ', 'T'), tradeData: { salesMethod: '5' } }),
        {},
      ],
      [JSON.stringify({ tradeType: 'F002', tradeTime, tradeData: { salesMethod: '5', language: '3' } }), {}],
    ] as Array<[string, Record<string, string>]>) {
      const answer = await rawInvoke(body, { ...headers, 'x-sign-value': sign(body), ...extra });
      expect(answer.body, body).toEqual({ tradeCode: '1003', tradeMsg: '参数错误', tradeData: null });
    }
    const error = await failure(fetchAll(adapter({ salesMethod: '1' })));
    expect(inEnglish(error.message)).toMatch(
      /F00[23]: 参数错误 \(tradeCode 1003\).*sales method the account does not have/,
    );
  });

  it('explains an expired tradeTime and points at the clock', async () => {
    const halfHourSlow: AdapterEnv = { ...FAST, now: () => Date.now() - 30 * 60_000 };
    const error = await failure(adapter({}, halfHourSlow).ping());
    expect(error.code).toBe('1011');
    expect(inEnglish(error.message)).toMatch(/tradeCode 1011.*clock is 30 min behind/);
    // Inside the window a slow clock is fine.
    const fiveMinutesSlow: AdapterEnv = { ...FAST, now: () => Date.now() - 5 * 60_000 };
    await expect(adapter({}, fiveMinutesSlow).ping()).resolves.toMatchObject({ currency: 'CNY' });
  });
});

describe('BillionConnect transport trouble', () => {
  it('answers 429 with Retry-After once the per-key limit is spent; the client waits it out until the caller gives up', async () => {
    sim.server.state.rateLimiter.limitPerMinute = 1;
    const limited = adapter({}, { retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 50 } });
    await limited.ping();
    const stop = new AbortController();
    limited.budget!.onWait((resumesAt) => resumesAt !== null && stop.abort());
    const error = await limited.ping(stop.signal).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CanceledError);
    expect(sim.server.state.rateLimiter.refused).toBe(1);
    expect(limited.budget!.stats().throttled).toBe(1);
  });

  it('waits out a 429 and then succeeds', async () => {
    sim.server.state.rateLimiter.limitPerMinute = 1;
    await adapter().ping();
    // Move the simulator's clock to just before its minute window closes: the next call is limited with
    // Retry-After 1, the client waits that second out (its policy allows waits that long) and the retry goes through.
    sim.server.state.clockOffsetMs = 59_600;
    const patient = adapter({}, { retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 1500 } });
    await expect(patient.ping()).resolves.toMatchObject({ currency: 'CNY' });
    expect(sim.server.hits.get(HITS)).toBe(3);
  });

  it('a 429 never spends a retry: with a single attempt allowed, the call still waits out Retry-After and succeeds', async () => {
    sim.server.state.rateLimiter.limitPerMinute = 1;
    await adapter().ping();
    sim.server.state.clockOffsetMs = 59_600;
    await expect(
      adapter({}, { retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 50 } }).ping(),
    ).resolves.toMatchObject({ currency: 'CNY' });
    expect(sim.server.hits.get(HITS)).toBe(3);
  });

  it('retries a 5xx and a garbled answer, and never reads them as an empty catalog', async () => {
    sim.server.faults.add({
      when: isTrade('F003'),
      times: 1,
      action: { kind: 'status', status: 502, body: 'Bad Gateway' },
    });
    sim.server.faults.add({
      when: isTrade('F014'),
      times: 1,
      action: { kind: 'rewrite', transform: () => '<html>maintenance</html>' },
    });
    const { offers } = await fetchAll(adapter());
    expect(offers.length).toBeGreaterThan(600);

    sim.server.faults.add({ when: isTrade('F003'), action: { kind: 'rewrite', transform: () => ({ result: 'ok' }) } });
    const noEnvelope = await failure(fetchAll(adapter()));
    expect(inEnglish(noEnvelope.message)).toMatch(/F003: the answer has no “tradeCode”/);
    sim.server.faults.clear();
    rewriteTradeData('F002', () => null);
    const noList = await failure(fetchAll(adapter()));
    expect(inEnglish(noList.message)).toMatch(/F002: “tradeData” in the answer is not a list/);
  });

  it('says where the API is not, when baseUrl points elsewhere', async () => {
    const error = await failure(adapter({ baseUrl: `${sim.baseUrl}/api` }).ping());
    expect(error).toMatchObject({ code: 'http_error', httpStatus: 404 });
    expect(inEnglish(error.message)).toMatch(
      /HTTP 404 without an answer from the supplier’s API; check the API address/,
    );
  });
});

describe('BillionConnect item validation over HTTP', () => {
  it('skips a malformed item and an unpriced sku with reasons, ignores prices for unknown skus', async () => {
    const [broken, unpriced] = sim.server
      .catalog()
      .slice(30, 32)
      .map((p) => p.skuId);
    rewriteTradeData('F002', (items) =>
      items.map((item) => (item.skuId === broken ? { ...item, type: 'eSIM' } : item)),
    );
    rewriteTradeData('F003', (items) => [
      ...items.filter((item) => item.skuId !== unpriced),
      { skuId: '1999999999999999', price: [{ copies: '1', retailPrice: '1', settlementPrice: '1.0000' }] },
    ]);
    const { offers, skipped } = await fetchAll(adapter());
    const skus = new Set(offers.map((o: Offer) => o.skuId));
    expect(skus.has(broken) || skus.has(unpriced) || skus.has('1999999999999999')).toBe(false);
    expect(skippedInEnglish(skipped)).toEqual([
      // Each names its sku as the offer's product: a sync keeps that sku's last good offers instead of removing them.
      {
        where: expect.stringContaining(`(sku ${broken})`),
        reason: 'field product.type: not a product type code',
        productId: broken,
      },
      {
        where: expect.stringContaining(`(sku ${unpriced})`),
        reason: expect.stringMatching(/F003 gives no price/),
        productId: unpriced,
      },
    ]);
    expect(skus.size).toBe(sim.server.catalog().length - 2);
  });

  it('fails the fetch when most of the listing is malformed', async () => {
    rewriteTradeData('F002', (items) => items.map((item, i) => (i % 3 === 0 ? item : { ...item, name: '' })));
    const error = await failure(fetchAll(adapter()));
    expect(error.code).toBe('malformed_page');
  });
});

describe('BillionConnect sync into SQLite', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'supplygrid-bc-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the catalog, then records the changes of the next generation', async () => {
    const db = openDatabase(join(dir, 'catalog.sqlite'));
    try {
      const target = { supplierId: 'bc', supplierKind: billionconnect.kind, adapter: adapter() };
      const first = await syncSupplier(db, target);
      expect(first).toMatchObject({ status: 'ok', error: null });
      const rows = sim.server.catalog().reduce((sum, p) => sum + p.prices.length, 0);
      expect(first.counts).toMatchObject({ offers: rows, added: rows, removed: 0, changed: 0, skipped: 0 });
      const stored = listLiveOffers(db, 'bc');
      expect(stored).toHaveLength(rows);
      const multi = stored.find((o) => o.variant === '7' && o.plan.days === 7)!;
      expect(multi).toMatchObject({ kind: 'esim', orderable: true, cost: { currency: 'CNY' } });

      sim.setGeneration(1);
      const second = await syncSupplier(db, target);
      expect(second.status).toBe('ok');
      expect(second.counts!.added).toBeGreaterThan(0);
      expect(second.counts!.removed).toBeGreaterThan(0);
      expect(second.counts!.changed).toBeGreaterThan(0);
      expect(listLiveOffers(db, 'bc')).toHaveLength(sim.server.catalog().reduce((sum, p) => sum + p.prices.length, 0));
    } finally {
      db.close();
    }
  });

  it('between full listings, reuses skus listed as before, and ends with exactly the catalog a full listing gives', async () => {
    const reusing = openDatabase(join(dir, 'reusing.sqlite'));
    const reading = openDatabase(join(dir, 'reading.sqlite'));
    const table = (db: typeof reusing) =>
      db
        .prepare(
          `SELECT product_id, sku_id, variant, titles_json, cost_amount, cost_currency, stock_status, plan_json, raw_json,
          item_fingerprint, removed_at IS NULL AS live FROM offers ORDER BY product_id, sku_id, variant`,
        )
        .all();
    const changes = (db: typeof reusing) =>
      db.prepare('SELECT product_id, sku_id, variant, change, old_json, new_json FROM changes ORDER BY id').all();
    try {
      const target = { supplierId: 'bc', supplierKind: billionconnect.kind, adapter: adapter() };
      for (const db of [reusing, reading]) expect((await syncSupplier(db, target, { mode: 'auto' })).mode).toBe('full');
      expect(
        table(reusing).every((row) => typeof (row as { item_fingerprint: unknown }).item_fingerprint === 'string'),
      ).toBe(true);

      sim.setGeneration(1);
      const reused = await syncSupplier(reusing, target, { mode: 'auto' });
      const read = await syncSupplier(reading, target, { mode: 'full' });
      expect([reused.status, reused.mode, read.status, read.mode]).toEqual(['ok', 'incremental', 'ok', 'full']);
      expect(reused.counts).toEqual(read.counts);
      expect(reused.counts!.changed + reused.counts!.added + reused.counts!.removed).toBeGreaterThan(0);
      expect(table(reusing)).toEqual(table(reading));
      expect(changes(reusing)).toEqual(changes(reading));

      // Only the Chinese listing names a sku anew: that sku is read again, and its Chinese title follows.
      const renamed = sim.server.catalog()[0];
      renamed.name.zh = `${renamed.name.zh}（新）`;
      const retitled = await syncSupplier(reusing, target, { mode: 'auto' });
      expect([retitled.status, retitled.mode]).toEqual(['ok', 'incremental']);
      expect(
        listLiveOffers(reusing, 'bc')
          .filter((offer) => offer.productId === renamed.skuId)
          .map((offer) => offer.titles['zh-CN']),
      ).toEqual(expect.arrayContaining([expect.stringContaining('（新）')]));

      // The account now prices in another currency: no sku is as it was mapped, so every one is read again.
      sim.server.state.accounts[0].currency = 'HKD';
      const repriced = await syncSupplier(reusing, target, { mode: 'auto' });
      expect([repriced.status, repriced.mode]).toEqual(['ok', 'full']);
      expect(new Set(listLiveOffers(reusing, 'bc').map((o) => o.cost.currency))).toEqual(new Set(['HKD']));
    } finally {
      reusing.close();
      reading.close();
    }
  });
});
