import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiAnswer } from '../../src-shared/api-answer';
import type { ApiTransport } from '../../src-shared/contract';
import type { SyncRun } from '../../src-shared/sync-types';

// The Sync screen's history, fed by a transport whose answers the test releases in any order: the store as the
// renderer runs it, over the same contract client as the app.

const pendingRuns: Array<(runs: SyncRun[]) => void> = [];
const listeners = new Map<string, (payload: unknown) => void>();
const transport: ApiTransport = {
  invoke: (method) =>
    method === 'sync.runs'
      ? new Promise<ApiAnswer>((resolve) => pendingRuns.push((runs) => resolve({ ok: true, result: runs })))
      : Promise.resolve({ ok: true, result: method === 'sync.held' ? [] : { running: false, supplierIds: [] } }),
  on: (event, listener) => {
    listeners.set(event, listener as (payload: unknown) => void);
    return () => listeners.delete(event);
  },
};

let store: typeof import('../../src-renderer/stores/sync').useSyncStore;
beforeAll(async () => {
  vi.stubGlobal('window', { supplygrid: transport });
  store = (await import('../../src-renderer/stores/sync')).useSyncStore;
});
afterEach(() => {
  vi.useRealTimers();
  pendingRuns.length = 0;
});

const run = (id: number, status: SyncRun['status']) => ({ id, supplierId: 'demo-seagm', status }) as SyncRun;

describe('the sync history', () => {
  it('shows the answer to the latest request, even when an earlier one answers last', async () => {
    const older = store.getState().loadRuns();
    const newer = store.getState().loadRuns();
    pendingRuns[1]([run(1, 'ok')]);
    await newer;
    pendingRuns[0]([run(1, 'running')]);
    await older;
    expect(store.getState().runs.map((r) => r.status)).toEqual(['ok']);
  });

  it('is read again once the sync is over, whatever events came before', async () => {
    vi.useFakeTimers();
    store.getState().connect();
    await vi.runAllTimersAsync();
    pendingRuns.length = 0;
    listeners.get('sync.state')!({ running: true, supplierIds: ['demo-seagm'] });
    await vi.runAllTimersAsync();
    expect(pendingRuns).toHaveLength(0);
    listeners.get('sync.state')!({ running: false, supplierIds: [] });
    await vi.runAllTimersAsync();
    expect(pendingRuns).toHaveLength(1);
    pendingRuns[0]([run(2, 'ok')]);
    await vi.runAllTimersAsync();
    expect(store.getState().runs.map((r) => r.id)).toEqual([2]);
  });
});
