import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setMerchantCurrency } from '../../src-main/db/settings';
import { preflightExport, runExport } from '../../src-main/export/service';
import { queryGrid } from '../../src-main/grid/query';
import { saveRuleSet } from '../../src-main/pricing/rules-store';
import { formatAmount } from '../../src-renderer/components/format';
import { tempDb } from '../helpers/temp-db';
import { commitSupplier, esimOffer, readRows } from './export-fixtures';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A JPY merchant buying from a JPY supplier, with the starting tiers' kind of rounding (up to 0.1). */
function yenStore(rules: unknown[]) {
  const db = tempDb('supplygrid-charged-price-');
  cleanups.push(db.cleanup);
  setMerchantCurrency(db.db, 'JPY');
  saveRuleSet(db.db, { currency: 'JPY', rules, locks: [] });
  commitSupplier(db.db, 'jp-shop', [
    esimOffer({ id: 'jp', countries: ['JP'], mb: 3072, days: 5, cost: '1001', currency: 'JPY', stock: 9 }),
  ]);
  return db;
}

describe('sale prices in a currency without decimals', () => {
  it('the grid shows the price the store receives, not a yen below it', async () => {
    const s = yenStore([{ id: 'all', scope: { type: 'all' }, percent: '15', rounding: { mode: 'up', step: '0.1' } }]);
    const row = queryGrid(s.db, { limit: 10 }).rows[0];
    const result = await runExport(s.db, { preset: 'shopify' }, join(s.dir, 'yen.csv'));
    const written = readRows(readFileSync(result.file, 'utf8')).rows[0];
    // 1001 × 1.15 = 1151.15: the store can only charge whole yen, and the file writes 1152.
    expect(written.Price).toBe('1152');
    // The grid's sale cell shows what the file writes, and the margin beside it is the one each sale makes.
    expect(formatAmount(row.salePrice!).replace(/,/g, '')).toBe(written.Price);
    expect(formatAmount(row.margin!)).toBe('151');
  });

  it('the preflight does not call a row a loss when the price the store receives covers its cost', () => {
    // A discount rule a merchant might use to match a competitor: 1001 × (1 − 0.03%) = 1000.6997, charged 1001.
    const s = yenStore([{ id: 'all', scope: { type: 'all' }, percent: '-0.03', rounding: { mode: 'none' } }]);
    const preflight = preflightExport(s.db, { preset: 'shopify' });
    // The file writes 1001 yen for a 1001-yen cost: nothing is lost per sale.
    expect(preflight.belowCost).toBe(0);
  });

  it('the preflight lists a loss as the file would make it, at the price the store charges', () => {
    // 1001 × (1 − 0.5%) = 995.995: the store charges 996 yen, and each sale loses 5.
    const s = yenStore([{ id: 'all', scope: { type: 'all' }, percent: '-0.5', rounding: { mode: 'none' } }]);
    const preflight = preflightExport(s.db, { preset: 'shopify' });
    expect(preflight.belowCost).toBe(1);
    expect(preflight.flagged[0]).toMatchObject({
      salePrice: { amount: '996', currency: 'JPY' },
      lossPerSale: { amount: '5', currency: 'JPY' },
    });
  });
});
