import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSuppliers } from '../../src-main/demo/demo-suppliers';
import { ensureSomeRates } from '../../src-main/pricing/rates-service';
import { queryGrid } from '../../src-main/grid/query';
import { syncSuppliers } from '../../src-main/sync/engine';
import { syncTargetFor } from '../../src-main/sync/targets';
import { tempDb, type TempDb } from '../helpers/temp-db';

// Issue 13 §5: whatever a merchant calls a country — its Chinese name in either script, its English name, its ISO
// code — the grid finds the same plans, over the whole demo catalog of every supplier.

let store: TempDb;

beforeAll(async () => {
  store = tempDb();
  const demo = await startDemoSuppliers(store.db);
  try {
    const results = await syncSuppliers(
      store.db,
      demo.connections.map((connection) => syncTargetFor(connection)),
    );
    for (const result of results) expect(result.status, result.error ?? '').toBe('ok');
  } finally {
    await demo.close();
  }
  ensureSomeRates(store.db);
}, 240_000);

afterAll(() => store?.cleanup());

const ids = (query: Parameters<typeof queryGrid>[1]) =>
  queryGrid(store.db, { ...query, limit: 1000 })
    .rows.map((row) => row.id)
    .sort((a, b) => a - b);
const name = (locale: string, code: string) => new Intl.DisplayNames([locale], { type: 'region' }).of(code)!;

describe('search parity over the demo catalog', () => {
  it("finds the same plans by a country's Simplified and Traditional Chinese name, English name and ISO code", () => {
    queryGrid(store.db, {});
    const countries = store.db
      .prepare("SELECT DISTINCT country FROM plan_countries WHERE country NOT LIKE 'REGION:%' ORDER BY country")
      .pluck()
      .all() as string[];
    expect(countries.length).toBeGreaterThan(20);
    for (const code of countries) {
      const byCode = ids({ search: code });
      expect(byCode.length, code).toBeGreaterThan(0);
      expect(byCode.length, code).toBeLessThan(1000);
      for (const term of [code.toLowerCase(), name('en', code), name('zh-Hans', code), name('zh-Hant', code)]) {
        expect(ids({ search: term }), `${code}: "${term}"`).toEqual(byCode);
      }
      // The country filter takes the same names and codes, and agrees with search.
      const filtered = ids({ countries: [code] });
      expect(filtered, code).toEqual(byCode);
      for (const term of [name('en', code), name('zh-Hans', code), name('zh-Hant', code)])
        expect(ids({ countries: [term] }), `${code}: filter "${term}"`).toEqual(filtered);
    }
  });

  it('finds regions and short forms in any language', () => {
    const europe = ids({ search: 'Europe' });
    expect(europe.length).toBeGreaterThan(0);
    expect(ids({ search: '欧洲' })).toEqual(europe);
    expect(ids({ search: '歐洲' })).toEqual(europe);
    const hkmo = ids({ countries: ['港澳'] });
    expect(hkmo.length).toBeGreaterThan(0);
    for (const id of hkmo) expect(ids({ countries: ['HK'] })).toContain(id);
    expect(ids({ search: '港澳' })).toEqual(ids({ search: 'Hong Kong Macau' }));
  });

  it('gives mobile recharges their country', () => {
    const recharges = queryGrid(store.db, { kinds: ['mobile_recharge'], limit: 1000 }).rows;
    expect(recharges.length).toBeGreaterThan(0);
    const withCountry = ids({ kinds: ['mobile_recharge'], countries: ['Indonesia'] });
    expect(withCountry.length).toBeGreaterThan(0);
    expect(ids({ kinds: ['mobile_recharge'], countries: ['印度尼西亚'] })).toEqual(withCountry);
  });

  it('sorts names case-insensitively with numbers by value', () => {
    const titles = queryGrid(store.db, { sort: { column: 'title', direction: 'asc' }, limit: 1000 }).rows.map(
      (row) => row.title,
    );
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    // Punctuation counts as a space between words (a collator's own punctuation order differs between locales).
    const latin = titles
      .filter((title) => /^[\x20-\x7e]+$/.test(title))
      .map((title) => title.replace(/[^\p{L}\p{N}]+/gu, ' ').trim());
    for (let i = 1; i < latin.length; i++)
      expect(collator.compare(latin[i - 1], latin[i]), `${latin[i - 1]} ≤ ${latin[i]}`).toBeLessThanOrEqual(0);
  });
});
