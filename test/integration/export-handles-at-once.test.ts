import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportCsv, runExport } from '../../src-main/export/service';
import { queryGrid } from '../../src-main/grid/query';
import { tempDb } from '../helpers/temp-db';
import { commitSupplier, esimOffer, readRows, simplePricing } from './export-fixtures';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('handles under two exports at once', () => {
  // Two Europe plans whose readable handle is the same: austria-belgium-and-3-more-1gb-7-days.
  function twinStore() {
    const db = tempDb('supplygrid-handles-at-once-');
    cleanups.push(db.cleanup);
    simplePricing(db.db);
    commitSupplier(db.db, 'eu-shop', [
      esimOffer({ id: 'a', countries: ['AT', 'BE', 'DE', 'FR', 'IT'], mb: 1024, days: 7, cost: '3.00' }),
      esimOffer({ id: 'b', countries: ['AT', 'BE', 'ES', 'NL', 'PT'], mb: 1024, days: 7, cost: '4.00' }),
    ]);
    return db;
  }

  it('a plan keeps the handle its first file gave it when another export ran meanwhile', async () => {
    const s = twinStore();
    const keys = queryGrid(s.db, { limit: 10 }).rows.map((row) => row.planKey);
    const handlesIn = (text: string) => Object.fromEntries(readRows(text).rows.map((row) => [row.plan_key, row.sku]));
    let other: string | null = null;
    // While the whole-catalog file is being written, a download of one plan (the app, or the CLI) is made.
    const first = await runExport(s.db, { preset: 'generic' }, join(s.dir, 'all.csv'), {
      onProgress: () => {
        other ??= exportCsv(s.db, { preset: 'generic', rows: { type: 'selected', planKeys: [keys[1]] } }).csv;
      },
    });
    const firstHandles = handlesIn(readFileSync(first.file, 'utf8'));
    const otherHandles = handlesIn(other!);
    // Two files, two products under one handle: the store would overwrite one plan with the other.
    expect(otherHandles[keys[1]]).not.toBe(firstHandles[keys[0]]);
    const again = handlesIn(
      readFileSync((await runExport(s.db, { preset: 'generic' }, join(s.dir, 'again.csv'))).file, 'utf8'),
    );
    expect(again[keys[0]]).toBe(firstHandles[keys[0]]);
  });
});
