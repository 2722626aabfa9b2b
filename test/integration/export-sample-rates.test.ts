import { afterEach, describe, expect, it } from 'vitest';
import { setMerchantCurrency } from '../../src-main/db/settings';
import { preflightExport } from '../../src-main/export/service';
import { ensureSomeRates, setManualRates } from '../../src-main/pricing/rates-service';
import { runCli } from '../helpers/run-cli';
import { tempDb } from '../helpers/temp-db';
import { commitSupplier, esimOffer } from './export-fixtures';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A USD merchant buying in USD and in CNY, with only the built-in sample rates a first run seeds. */
function store() {
  const s = tempDb('supplygrid-sample-rates-');
  cleanups.push(s.cleanup);
  setMerchantCurrency(s.db, 'USD');
  ensureSomeRates(s.db);
  commitSupplier(s.db, 'us-shop', [
    esimOffer({ id: 'us', countries: ['US'], mb: 3072, days: 5, cost: '4.20', currency: 'USD', stock: 9 }),
  ]);
  return s;
}

describe('prices resting on the built-in sample exchange rates', () => {
  it('are said before an export, naming the currencies converted with them, until real rates replace them', () => {
    const s = store();
    // Only the merchant's own currency: nothing is converted, nothing to say.
    expect(preflightExport(s.db, { preset: 'shopify' }).sampleRates).toBeNull();
    commitSupplier(s.db, 'cn-shop', [
      esimOffer({ id: 'cn', countries: ['CN'], mb: 1024, days: 7, cost: '21.00', currency: 'CNY', stock: 9 }),
      esimOffer({ id: 'my', countries: ['MY'], mb: 1024, days: 7, cost: '12.00', currency: 'MYR', stock: 9 }),
    ]);
    expect(preflightExport(s.db, { preset: 'shopify' }).sampleRates).toEqual({
      currencies: ['CNY', 'MYR'],
      asOf: '2026-11-01',
    });
    // The merchant sets the yuan's rate: only the ringgit still rests on a sample.
    setManualRates(s.db, { CNY: '0.1391' });
    expect(preflightExport(s.db, { preset: 'shopify' }).sampleRates).toEqual({
      currencies: ['MYR'],
      asOf: '2026-11-01',
    });
    setManualRates(s.db, { MYR: '0.2118' });
    expect(preflightExport(s.db, { preset: 'shopify' }).sampleRates).toBeNull();
  });

  it('are said by `supplygrid export` too, which still writes the file', async () => {
    const s = store();
    commitSupplier(s.db, 'cn-shop', [
      esimOffer({ id: 'cn', countries: ['CN'], mb: 1024, days: 7, cost: '21.00', currency: 'CNY', stock: 9 }),
    ]);
    s.db.close();
    const result = await runCli(['export', '--preset', 'shopify', '--out', `${s.dir}/store.csv`, '--db', s.file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'prices convert CNY with built-in sample exchange rates (approximate, 2026-11-01); run `supplygrid rates fetch`',
    );
    expect(result.stdout).toMatch(/Wrote 2 rows to .*store\.csv/);
    // Told whatever --flagged says: an export run by cron must say so as well.
    const decided = await runCli([
      'export',
      '--preset',
      'shopify',
      '--out',
      `${s.dir}/again.csv`,
      '--flagged',
      'keep',
      '--db',
      s.file,
    ]);
    expect(decided.code).toBe(0);
    expect(decided.stderr).toContain('prices convert CNY with built-in sample exchange rates');
  }, 60_000);
});
