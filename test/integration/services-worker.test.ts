import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../src-main/sync/engine';
import type { ServicesWorkerData } from '../../src-main/services/worker-entry';
import { startServicesWorker, type ServicesWorker } from '../../src-main/services/worker-client';

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
      dbFile: join(dataDir, 'supplygrid.db'), dataDir, version: '0.0.0-test',
      dataKey: randomBytes(32).toString('base64'), sealedBy: 'key-file', warning: null,
    };
    // bin/run-ts.mjs registers the TypeScript loader in the worker, then runs the real entry.
    const worker: ServicesWorker = await startServicesWorker(new URL('../../bin/run-ts.mjs', import.meta.url), data, {
      argv: [fileURLToPath(new URL('../../src-main/services/worker-entry.ts', import.meta.url))],
    });
    cleanups.push(() => worker.close());

    expect(await worker.api['app.info']()).toMatchObject({ demo: true, version: '0.0.0-test', dataDir });
    const events: SyncEvent[] = [];
    worker.events.on('sync.event', (event) => events.push(event));
    const results = await worker.api['sync.run']();
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(events.some((e) => e.type === 'progress')).toBe(true);
    expect(events.filter((e) => e.type === 'finished')).toHaveLength(results.length);
    const page = await worker.api['grid.query']({ limit: 5 });
    expect(page.rows).toHaveLength(5);
    await expect(worker.api['sync.run'](['no-such-supplier'])).rejects.toThrow(/unknown supplier: no-such-supplier/);
  }, 60_000);
});
