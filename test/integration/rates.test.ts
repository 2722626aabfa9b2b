import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { listRates } from '../../src-main/db/rates-repo';
import { gridVersion, isGridStale, markGridFresh, setMerchantCurrency } from '../../src-main/db/settings';
import { fetchEcbRates, setManualRates } from '../../src-main/pricing/rates-service';
import { startSimServer } from '../../src-main/suppliers/shared/sim/server';
import { tempDb } from '../helpers/temp-db';

const ecbXml = readFileSync(new URL('../fixtures/eurofxref-daily.xml', import.meta.url), 'utf8');
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('rates', () => {
  it('fetches ECB-format rates from a configurable URL and stores them with date and source', async () => {
    const server = await startSimServer((req) =>
      req.path === '/eurofxref-daily.xml'
        ? { status: 200, body: ecbXml, headers: { 'content-type': 'text/xml' } }
        : { status: 404, body: 'no' },
    );
    const store = tempDb();
    cleanups.push(() => server.close(), store.cleanup);
    setMerchantCurrency(store.db, 'CNY');
    markGridFresh(store.db, gridVersion(store.db));
    const rates = await fetchEcbRates(store.db, `${server.baseUrl}/eurofxref-daily.xml`);
    const usd = rates.find((r) => r.currency === 'USD')!;
    expect(usd).toMatchObject({
      base: 'CNY',
      perUnit: '7.2',
      asOf: '2026-11-20',
      source: expect.stringContaining('@rates.source.ecb?host='),
    });
    expect(isGridStale(store.db)).toBe(true);
    await expect(fetchEcbRates(store.db, `${server.baseUrl}/missing.xml`)).rejects.toThrow(/HTTP 404/);
  });

  it('takes manual rates, validates them and replaces earlier ones', () => {
    const store = tempDb();
    cleanups.push(store.cleanup);
    setManualRates(store.db, { CNY: '0.1389', myr: '0.2120' }, '2026-11-21');
    setManualRates(store.db, { CNY: '0.1400' }, '2026-11-22');
    expect(listRates(store.db, 'USD')).toEqual([
      { currency: 'CNY', perUnit: '0.1400', base: 'USD', asOf: '2026-11-22', source: '@rates.source.manual' },
      { currency: 'MYR', perUnit: '0.2120', base: 'USD', asOf: '2026-11-21', source: '@rates.source.manual' },
    ]);
    expect(() => setManualRates(store.db, { CNY: '-1' })).toThrow(/^@rates\.error\.decimal\?currency=CNY&value=-1$/);
    expect(() => setManualRates(store.db, { CNY: '1e3' })).toThrow(/@rates\.error\.decimal/);
    expect(() => setManualRates(store.db, { USD: '1' })).toThrow(/@rates\.error\.own\?currency=USD/);
    expect(() => setManualRates(store.db, { DOLLAR: '1' })).toThrow(/@rates\.error\.code\?code=DOLLAR/);
  });
});
