import { afterEach, describe, expect, it } from 'vitest';
import { acquireSyncLock, readSyncLock, releaseSyncLock } from '../../src-main/db/sync-lock';
import { runCli } from '../helpers/run-cli';
import { tempDb } from '../helpers/temp-db';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('supplygrid sync beside the background service', () => {
  it('refuses to sync a database a live background service is syncing, and leaves its lock alone', async () => {
    const store = tempDb('supplygrid-cli-lock-');
    cleanups.push(store.cleanup);
    // This test process stands in for a running daemon: alive, on this host, holding the lock.
    expect(acquireSyncLock(store.db, 'daemon')).toBeNull();
    cleanups.push(() => store.db.open && releaseSyncLock(store.db, 'daemon'));

    const result = await runCli(['sync', '--demo', '--db', store.file]);
    expect(result.stderr).toMatch(
      new RegExp(`process ${process.pid} .*\\(the background service\\) is syncing this database`),
    );
    expect(result.code).toBe(1);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM sync_runs').get()).toEqual({ n: 0 });
    expect(readSyncLock(store.db)).toMatchObject({ holder: 'daemon', pid: process.pid });
  }, 60_000);

  it('lets the lock go after its sync', async () => {
    const store = tempDb('supplygrid-cli-lock-');
    cleanups.push(store.cleanup);
    const result = await runCli(['sync', '--demo', '--db', store.file]);
    expect(result.code).toBe(0);
    expect(readSyncLock(store.db)).toBeNull();
  }, 60_000);
});
