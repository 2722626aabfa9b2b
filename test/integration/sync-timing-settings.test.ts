import { afterEach, describe, expect, it, vi } from 'vitest';
import { getRun } from '../../src-main/db/catalog-repo';
import {
  applySyncTimingConfig,
  fullListingEveryHours,
  setFullListingEveryHours,
  setSyncDeadlineMinutes,
  syncDeadlineMinutes,
} from '../../src-main/db/settings';
import { writeState } from '../../src-main/db/app-state';
import { ConfigError, parseAppConfig } from '../../src-main/config/app-config';
import { seededRandom } from '../../src-main/suppliers/shared/sim/seeded-random';
import { syncSupplier } from '../../src-main/sync/engine';
import { evolve, FakeSupplier } from '../helpers/fake-catalog';
import { tempDb } from '../helpers/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function store() {
  const db = tempDb();
  cleanups.push(db.cleanup);
  return db.db;
}

const target = (adapter: ReturnType<FakeSupplier['adapter']>) => ({
  supplierId: 'fake',
  supplierKind: 'fake',
  adapter,
});
const HOUR = 3_600_000;

describe("the merchant's sync timing settings", () => {
  it('lists in full once the set number of hours passed since the last full listing (24 by default)', async () => {
    const supplier = new FakeSupplier();
    const db = store();
    evolve(supplier, seededRandom(3), { newProducts: 8 });
    // One adapter throughout: it serves a listing of changes once it has served a full one. Runs are stamped with the
    // real time; the schedule reads the injected clock against them, so each step is set from the start.
    const adapter = supplier.adapter();
    const start = Date.now();
    let now = start;
    const sync = async () => (await syncSupplier(db, target(adapter), { mode: 'auto', now: () => now })).mode;
    expect(await sync()).toBe('full');
    now = start + 23 * HOUR;
    expect(await sync()).toBe('incremental');
    now = start + 24 * HOUR + 1_000;
    expect(await sync()).toBe('full');

    setFullListingEveryHours(db, 2);
    now = start + 2 * HOUR - 60_000;
    expect(await sync()).toBe('incremental');
    now = start + 2 * HOUR + 1_000;
    expect(await sync()).toBe('full');
  });

  it('gives up a stuck sync after the set minutes, keeping the old catalog', async () => {
    const supplier = new FakeSupplier();
    const db = store();
    evolve(supplier, seededRandom(5), { newProducts: 8 });
    await syncSupplier(db, target(supplier.adapter()));
    const before = db.prepare('SELECT product_id, sku_id, cost_amount FROM offers ORDER BY 1, 2').all();
    for (const product of supplier.products.values()) product.skus[0].amount = '88.00';
    setSyncDeadlineMinutes(db, 2);
    // The deadline is kept on the monotonic clock, which the timers are checked against: both are faked.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    // Page 2 waits for a request limit that never lifts.
    const stuck = supplier.adapter({
      beforePage: (index) => (index === 1 ? new Promise<void>(() => undefined) : undefined),
    });
    let settled = false;
    const running = syncSupplier(db, target(stuck), { mode: 'full' }).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(2 * 60_000 - 1_000);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    const result = await running;
    expect(result).toMatchObject({ status: 'failed', error: 'deadline passed' });
    expect(getRun(db, result.runId)).toMatchObject({ status: 'failed', error: 'deadline passed' });
    expect(db.prepare('SELECT product_id, sku_id, cost_amount FROM offers ORDER BY 1, 2').all()).toEqual(before);
  });

  it('reads a stored value gone bad as the default, and refuses to store one out of bounds', () => {
    const db = store();
    expect([syncDeadlineMinutes(db), fullListingEveryHours(db)]).toEqual([60, 24]);
    writeState(db, 'settings.syncDeadlineMinutes', '0');
    writeState(db, 'settings.fullListingEveryHours', 'soon');
    expect([syncDeadlineMinutes(db), fullListingEveryHours(db)]).toEqual([60, 24]);
    expect(() => setSyncDeadlineMinutes(db, 721)).toThrow(/1 to 720/);
    expect(() => setFullListingEveryHours(db, 0.5)).toThrow(/1 to 168/);
    setSyncDeadlineMinutes(db, 720);
    setFullListingEveryHours(db, 168);
    expect([syncDeadlineMinutes(db), fullListingEveryHours(db)]).toEqual([720, 168]);
  });

  it('takes both from a config file, which names a bad value and its bounds', () => {
    const db = store();
    const config = parseAppConfig({ syncDeadlineMinutes: 120, fullListingEveryHours: 12, suppliers: [] });
    expect(config.sync).toEqual({ syncDeadlineMinutes: 120, fullListingEveryHours: 12 });
    applySyncTimingConfig(db, config.sync);
    expect([syncDeadlineMinutes(db), fullListingEveryHours(db)]).toEqual([120, 12]);
    // A file that says nothing of them leaves them as they are.
    applySyncTimingConfig(db, parseAppConfig({ suppliers: [] }).sync);
    expect([syncDeadlineMinutes(db), fullListingEveryHours(db)]).toEqual([120, 12]);
    expect(() => parseAppConfig({ fullListingEveryHours: 200 }, 'suppliers.json')).toThrow(ConfigError);
    expect(() => parseAppConfig({ fullListingEveryHours: 200 }, 'suppliers.json')).toThrow(/fullListingEveryHours/);
    expect(() => parseAppConfig({ syncDeadlineMinutes: '60' }, 'suppliers.json')).toThrow(/syncDeadlineMinutes/);
  });
});
