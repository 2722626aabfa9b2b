import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/migrate';
import {
  acquireSyncLock,
  heartbeatSyncLock,
  otherLockHolder,
  readSyncLock,
  releaseSyncLock,
  STALE_AFTER_MS,
} from '../../src-main/db/sync-lock';

const daemonProcess = { pid: 4242, host: 'server', startedAt: '2026-12-06T00:00:00.000Z' };
const appProcess = { pid: 5151, host: 'server', startedAt: '2026-12-06T01:00:00.000Z' };
const t0 = new Date('2026-12-06T02:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

let db: BetterSqlite3.Database;
afterEach(() => db?.close());
function fresh() {
  db = new BetterSqlite3(':memory:');
  migrate(db);
  return db;
}

describe('the sync lock: one process syncs a database at a time', () => {
  it('refuses a second holder while the first is alive and beating, and lets it in once released', () => {
    fresh();
    const alive = () => true;
    expect(acquireSyncLock(db, 'daemon', { self: daemonProcess, now: t0, alive })).toBeNull();
    expect(acquireSyncLock(db, 'app', { self: appProcess, now: later(60_000), alive })).toMatchObject({
      holder: 'daemon',
      pid: 4242,
    });
    expect(otherLockHolder(db, { self: appProcess, now: later(60_000), alive })).toMatchObject({ holder: 'daemon' });
    // The holder itself is never blocked by its own lock, and taking it again keeps its kind.
    expect(acquireSyncLock(db, 'app', { self: daemonProcess, now: later(1000), alive })).toBeNull();
    expect(readSyncLock(db)).toMatchObject({ holder: 'daemon', heartbeatAt: later(1000).toISOString() });
    releaseSyncLock(db, 'daemon', daemonProcess);
    expect(acquireSyncLock(db, 'app', { self: appProcess, now: later(2000), alive })).toBeNull();
    expect(readSyncLock(db)).toMatchObject({ holder: 'app', pid: 5151 });
  });

  it('takes over a lock whose process is dead, or whose heartbeat is stale', () => {
    fresh();
    expect(acquireSyncLock(db, 'daemon', { self: daemonProcess, now: t0, alive: () => true })).toBeNull();
    expect(acquireSyncLock(db, 'app', { self: appProcess, now: later(1000), alive: () => false })).toBeNull();
    expect(readSyncLock(db)).toMatchObject({ holder: 'app', pid: 5151 });
    // The old holder's heartbeat now fails: it knows it lost the lock.
    expect(heartbeatSyncLock(db, { self: daemonProcess, now: later(2000) })).toBe(false);

    expect(heartbeatSyncLock(db, { self: appProcess, now: later(3000) })).toBe(true);
    expect(
      acquireSyncLock(db, 'daemon', { self: daemonProcess, now: later(3000 + STALE_AFTER_MS - 1), alive: () => true }),
    ).toMatchObject({ holder: 'app' });
    expect(
      acquireSyncLock(db, 'daemon', { self: daemonProcess, now: later(3000 + STALE_AFTER_MS + 1), alive: () => true }),
    ).toBeNull();
  });
});
