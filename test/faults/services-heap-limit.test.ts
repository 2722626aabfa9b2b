import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVICES_HEAP_LIMIT_MB, startServicesWorker } from '../../src-main/api/worker-client';
import { startWebPreviewInWorker } from '../../src-main/web/preview-worker';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/**
 * A stand-in services host: `app.info` answers with the heap limit the thread runs under; `sync.run` plays a
 * supplier whose answer never ends, holding everything until the heap gives out.
 */
const GREEDY_HOST = `
  const { parentPort, resourceLimits } = require('node:worker_threads');
  parentPort.postMessage({ type: 'ready' });
  parentPort.on('message', (message) => {
    if (message.type === 'close') return parentPort.postMessage({ type: 'closed' });
    if (message.method === 'app.info') return parentPort.postMessage({ type: 'result', id: message.id, ok: true, result: { heapLimitMb: resourceLimits.maxOldGenerationSizeMb } });
    const held = [];
    for (;;) held.push(new Array(100000).fill({ page: held.length }));
  });
`;

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'supplygrid-heap-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the services run under a heap limit', () => {
  it('every services worker gets the default limit unless told otherwise', async () => {
    const worker = await startServicesWorker(GREEDY_HOST, null, { eval: true });
    cleanups.push(() => worker.close());
    expect(await worker.api['app.info']()).toEqual({ heapLimitMb: SERVICES_HEAP_LIMIT_MB });
  });

  it('preview:web: a heap blow-up kills the worker, not the process; it is reported and the services restart', async () => {
    const preview = await startWebPreviewInWorker({
      dataDir: dataDir(),
      serveRenderer: false,
      resourceLimits: { maxOldGenerationSizeMb: 48 },
      worker: { entry: GREEDY_HOST, eval: true },
    });
    cleanups.push(() => preview.close());
    expect(await preview.api['app.info']()).toEqual({ heapLimitMb: 48 });
    const reported = new Promise((resolve) => preview.lifecycle.once('down', resolve));

    await expect(preview.api['sync.run']()).rejects.toThrow(/SupplyGrid services stopped .*memory/);
    expect(await reported).toMatchObject({ expected: false });
    expect(preview.down?.error.message).toMatch(/memory/);
    // Until restarted, every call says why instead of waiting.
    await expect(preview.api['app.info']()).rejects.toThrow(/SupplyGrid services stopped/);

    await preview.restart();
    expect(preview.down).toBeNull();
    expect(await preview.api['app.info']()).toEqual({ heapLimitMb: 48 });
  }, 60_000);

  it('preview:web runs the real services in a worker', async () => {
    const preview = await startWebPreviewInWorker({ dataDir: dataDir(), serveRenderer: false });
    cleanups.push(() => preview.close());
    expect(await preview.api['app.info']()).toMatchObject({ demo: true });
  }, 60_000);
});
