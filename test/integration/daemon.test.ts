import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireSyncLock, otherLockHolder, readSyncLock, releaseSyncLock } from '../../src-main/db/sync-lock';
import { openDatabase } from '../../src-main/db/open';
import { getRun } from '../../src-main/db/catalog-repo';
import { listBackups, backupsDirFor } from '../../src-main/db/backup-store';
import { keyFileSecretBox } from '../../src-main/secrets/secret-box';
import { AppServices, SYNCED_BY_BACKGROUND_SERVICE } from '../../src-main/services/app-services';
import { startDaemon, type DaemonProcess } from '../helpers/daemon-process';
import { runCli } from '../helpers/run-cli';
import { tempDb } from '../helpers/temp-db';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function daemon(args: string[]): DaemonProcess {
  const process = startDaemon(args);
  cleanups.push(async () => {
    if (process.child.exitCode === null) process.child.kill('SIGKILL');
    await process.exited;
  });
  return process;
}

describe('supplygrid daemon', () => {
  it('syncs on its schedule, backs up, holds the sync lock against the app, and stops cleanly on SIGTERM', async () => {
    const store = tempDb('supplygrid-daemon-');
    cleanups.push(store.cleanup);
    store.db.close();
    const run = daemon(['--db', store.file, '--interval', '3s']);

    const started = await run.waitFor((e) => e.event === 'daemon.started');
    expect(started).toMatchObject({ demo: true });
    const suppliers = String(started.connections).split(',');
    expect(suppliers).toHaveLength(5);
    const firstRound = await Promise.all(
      suppliers.map((supplier) => run.waitFor((e) => e.event === 'sync.finished' && e.supplier === supplier)),
    );
    expect(firstRound.every((e) => e.status === 'ok')).toBe(true);
    const backup = await run.waitFor((e) => e.event === 'backup.created');
    expect(backup.reason).toBe('daily');
    expect(listBackups(backupsDirFor(store.file)).map((b) => b.name)).toContain(backup.name);

    // The app beside it: told who syncs, and refused rather than syncing the same database at once.
    const db = openDatabase(store.file);
    cleanups.push(() => db.close());
    expect(otherLockHolder(db)).toMatchObject({ holder: 'daemon', pid: run.child.pid });
    const app = await AppServices.start({
      db,
      dataDir: dirname(store.file),
      version: 'test',
      secretBox: keyFileSecretBox(dirname(store.file)),
    });
    cleanups.push(() => app.close());
    expect(app.syncState().lockedBy).toMatchObject({ holder: 'daemon', pid: run.child.pid });
    await expect(app.sync()).rejects.toThrow(SYNCED_BY_BACKGROUND_SERVICE);

    // The next round lists only what changed.
    const tick = run.entries.length;
    const next = await run.waitFor((e) => e.event === 'sync.started' && e.mode === 'incremental', tick);
    const finished = await run.waitFor((e) => e.event === 'sync.finished' && e.run === next.run, tick);
    // The line says what the run cost, as its record keeps it.
    const record = getRun(db, Number(next.run))!;
    expect(finished).toMatchObject({ mode: record.mode, requests: record.requests, waitMs: record.waitMs });
    expect(finished.fetchMs).toBe(record.fetchMs);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.entries.at(-1)?.event).toBe('daemon.stopped');
    expect(readSyncLock(db)).toBeNull();
    expect(db.prepare(`SELECT COUNT(*) AS n FROM sync_runs WHERE status = 'running'`).get()).toEqual({ n: 0 });
  }, 120_000);

  it('waits while another live process holds the lock, and still stops at once on SIGTERM', async () => {
    const store = tempDb('supplygrid-daemon-wait-');
    cleanups.push(store.cleanup);
    expect(acquireSyncLock(store.db, 'app')).toBeNull();
    cleanups.push(() => store.db.open && releaseSyncLock(store.db, 'app'));
    const run = daemon(['--db', store.file, '--interval', '1m']);
    expect(await run.waitFor((e) => e.event === 'lock.waiting')).toMatchObject({
      holder: 'app',
      holderPid: process.pid,
    });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.entries.some((e) => e.event === 'daemon.started')).toBe(false);
    expect(readSyncLock(store.db)).toMatchObject({ holder: 'app', pid: process.pid });
    // Nor is a restore made under a live sync.
    const restore = await runCli(['restore', 'any.db', '--db', store.file]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(new RegExp(`process ${process.pid} .*\\(the app\\) is syncing this database`));
  }, 60_000);
});
