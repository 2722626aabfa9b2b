import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireSyncLock, readSyncLock, releaseSyncLock } from '../../src-main/db/sync-lock';
import { keyFileSecretBox } from '../../src-main/secrets/secret-box';
import { AppServices, SYNCED_BY_COMMAND_LINE } from '../../src-main/services/app-services';
import { runCli } from '../helpers/run-cli';
import { tempDb } from '../helpers/temp-db';

/** A command-line sync on another computer sharing the data folder: live while its heartbeat is fresh. */
const CLI_ELSEWHERE = { pid: 4242, host: 'another-computer', startedAt: '2026-12-07T08:00:00.000Z' };

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

  it('holds the lock as the command-line tool while it syncs, and lets it go after', async () => {
    const store = tempDb('supplygrid-cli-lock-');
    cleanups.push(store.cleanup);
    // The CLI's own process writes the lock row: a trigger in the file notes under which name.
    store.db.exec(`CREATE TABLE lock_holders_seen (holder TEXT);
      CREATE TRIGGER note_lock_holder AFTER INSERT ON sync_lock BEGIN INSERT INTO lock_holders_seen VALUES (new.holder); END;`);
    const result = await runCli(['sync', '--demo', '--db', store.file]);
    expect(result.code).toBe(0);
    expect(store.db.prepare('SELECT holder FROM lock_holders_seen').pluck().all()).toEqual(['cli']);
    expect(readSyncLock(store.db)).toBeNull();
  }, 60_000);

  it('tells the app and another command line that the command-line tool is syncing', async () => {
    const store = tempDb('supplygrid-cli-lock-');
    cleanups.push(store.cleanup);
    expect(acquireSyncLock(store.db, 'cli', { self: CLI_ELSEWHERE })).toBeNull();

    const app = await AppServices.start({
      db: store.db,
      dataDir: dirname(store.file),
      version: 'test',
      secretBox: keyFileSecretBox(dirname(store.file)),
    });
    cleanups.push(() => app.close());
    expect(app.syncState().lockedBy).toMatchObject({ holder: 'cli', pid: CLI_ELSEWHERE.pid });
    await expect(app.sync()).rejects.toThrow(SYNCED_BY_COMMAND_LINE);

    const again = await runCli(['sync', '--demo', '--db', store.file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/process 4242 on another-computer \(the command-line tool\) is syncing this database/);
    expect(readSyncLock(store.db)).toMatchObject({ holder: 'cli', pid: CLI_ELSEWHERE.pid });
  }, 60_000);
});
