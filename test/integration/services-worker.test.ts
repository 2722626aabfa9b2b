import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../src-shared/sync-types';
import type { ServicesWorkerData } from '../../src-main/api/worker-entry';
import { startServicesWorker, type ServicesWorker } from '../../src-main/api/worker-client';
import { accountsPaced } from '../helpers/pace-ledger';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

// The app runs its services in a worker thread; here the same entry runs under Node (through tsx) so the
// message protocol is tested for real: calls, results, errors and events all cross a real thread boundary.
describe('services in a worker thread', () => {
  it('answers the API contract and forwards events across the thread boundary', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'supplygrid-worker-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const data: ServicesWorkerData = {
      dbFile: join(dataDir, 'supplygrid.db'),
      dataDir,
      version: '0.0.0-test',
      dataKey: randomBytes(32).toString('base64'),
      sealedBy: 'key-file',
      warning: null,
    };
    // bin/run-ts.mjs registers the TypeScript loader in the worker, then runs the real entry.
    const worker: ServicesWorker = await startServicesWorker(new URL('../../bin/run-ts.mjs', import.meta.url), data, {
      argv: [fileURLToPath(new URL('../../src-main/api/worker-entry.ts', import.meta.url))],
    });
    cleanups.push(() => worker.close());

    expect(await worker.api['app.info']()).toMatchObject({ demo: true, version: '0.0.0-test', dataDir });
    const events: SyncEvent[] = [];
    worker.events.on('sync.event', (event) => events.push(event));
    const results = await worker.api['sync.run']();
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    // Each supplier account's pace is kept where the background service and the CLI on this data folder find it.
    expect(accountsPaced(dataDir)).toBe(results.length);
    expect(events.some((e) => e.type === 'progress')).toBe(true);
    expect(events.filter((e) => e.type === 'finished')).toHaveLength(results.length);
    const page = await worker.api['grid.query']({ limit: 5 });
    expect(page.rows).toHaveLength(5);
    await expect(worker.api['sync.run'](['no-such-supplier'])).rejects.toThrow(/unknown supplier: no-such-supplier/);
    // The worker's port checks arguments itself (its callers may be anything that can post to it): refused by code.
    await expect(worker.api['grid.row']('seven' as never)).rejects.toMatchObject({
      code: 'invalid_arguments',
      params: { method: 'grid.row', path: '0' },
    });
  }, 60_000);
});

// A stand-in host that comes up, then dies: the client must not leave calls waiting on a thread that is gone.
const DIES_ON_FIRST_CALL = `
  const { parentPort } = require('node:worker_threads');
  parentPort.postMessage({ type: 'ready' });
  parentPort.on('message', (message) => {
    if (message.type === 'invoke') setTimeout(() => process.exit(3), 50);
  });
`;
const CRASHES_ON_FIRST_CALL = `
  const { parentPort } = require('node:worker_threads');
  parentPort.postMessage({ type: 'ready' });
  parentPort.on('message', (message) => {
    if (message.type === 'invoke') setTimeout(() => { throw new Error('database disk image is malformed'); }, 50);
  });
`;

describe('a services worker that dies', () => {
  it('rejects the calls waiting on it and every later call, and says so once', async () => {
    const worker = await startServicesWorker(DIES_ON_FIRST_CALL, null, { eval: true });
    cleanups.push(() => worker.close());
    const exits: unknown[] = [];
    worker.lifecycle.on('exit', (exit) => exits.push(exit));
    expect(worker.exited).toBeNull();

    const pending = [worker.api['app.info'](), worker.api['sync.run']()];
    for (const call of pending) await expect(call).rejects.toThrow(/SupplyGrid services stopped \(exit code 3\)/);
    expect(exits).toEqual([{ code: 3, expected: false, error: expect.any(Error) }]);
    expect(worker.exited).toMatchObject({ code: 3, expected: false });

    // Calls after the exit fail at once instead of being posted into the void.
    const later = await Promise.race([
      worker.api['grid.query']({ limit: 1 }).then(
        () => 'resolved',
        (error: Error) => error.message,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1000)),
    ]);
    expect(later).toMatch(/SupplyGrid services stopped \(exit code 3\)/);
    // Closing a dead worker returns at once.
    const started = Date.now();
    await worker.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(exits).toHaveLength(1);
  });

  it('names the error the worker died of', async () => {
    const worker = await startServicesWorker(CRASHES_ON_FIRST_CALL, null, { eval: true });
    cleanups.push(() => worker.close());
    const exited = new Promise((resolve) => worker.lifecycle.once('exit', resolve));
    await expect(worker.api['app.info']()).rejects.toThrow(
      /SupplyGrid services stopped \(exit code 1: database disk image is malformed\)/,
    );
    expect(await exited).toMatchObject({ code: 1, expected: false });
    await expect(worker.api['app.info']()).rejects.toThrow(/database disk image is malformed/);
  });

  it('tells a deliberate close from a death, and refuses calls after it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'supplygrid-worker-close-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const data: ServicesWorkerData = {
      dbFile: join(dataDir, 'supplygrid.db'),
      dataDir,
      version: '0.0.0-test',
      dataKey: randomBytes(32).toString('base64'),
      sealedBy: 'key-file',
      warning: null,
    };
    const worker = await startServicesWorker(new URL('../../bin/run-ts.mjs', import.meta.url), data, {
      argv: [fileURLToPath(new URL('../../src-main/api/worker-entry.ts', import.meta.url))],
    });
    const exits: Array<{ expected: boolean }> = [];
    worker.lifecycle.on('exit', (exit) => exits.push(exit));
    expect(await worker.api['app.info']()).toMatchObject({ version: '0.0.0-test' });
    await worker.close();
    expect(exits).toEqual([expect.objectContaining({ expected: true })]);
    await expect(worker.api['app.info']()).rejects.toThrow(/SupplyGrid services are closed/);
  }, 60_000);
});
