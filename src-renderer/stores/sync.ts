import { create } from 'zustand';
import type { ChangeView } from '../../src-main/api/contract';
import type { SyncRun } from '../../src-main/db/catalog-repo';
import { api } from '../api';
import type { ChangeFilter } from './sync-changes';
import { reduceSyncEvent, reduceSyncState, type ProgressBySupplier } from './sync-progress';

const RUNS_SHOWN = 50;

interface SyncStoreState {
  running: boolean;
  runningIds: string[];
  progress: ProgressBySupplier;
  startError: string | null;
  runs: SyncRun[];
  runsLoaded: boolean;
  runsError: string | null;
  selectedRunId: number | null;
  changes: ChangeView[] | null;
  changesError: string | null;
  filter: ChangeFilter;
  /** Subscribes to main's sync events once for the app's life: a sync keeps running while other screens show. */
  connect(): void;
  loadRuns(): Promise<void>;
  syncAll(): void;
  syncSuppliers(supplierIds: string[]): void;
  cancel(): Promise<void>;
  selectRun(runId: number | null, language: string): Promise<void>;
  setFilter(filter: ChangeFilter): void;
}

let connected = false;
let runsRefresh: ReturnType<typeof setTimeout> | null = null;

export const useSyncStore = create<SyncStoreState>((set, get) => {
  // Several suppliers finish within milliseconds of each other: one history refetch covers them all.
  const refreshRunsSoon = () => {
    if (runsRefresh) clearTimeout(runsRefresh);
    runsRefresh = setTimeout(() => void get().loadRuns(), 150);
  };
  const start = (supplierIds?: string[]) => {
    set({ startError: null });
    // The promise settles when the whole sync is over; progress meanwhile arrives as events.
    api()['sync.run'](supplierIds).catch((error: Error) => set({ startError: error.message }));
  };
  return {
    running: false,
    runningIds: [],
    progress: {},
    startError: null,
    runs: [],
    runsLoaded: false,
    runsError: null,
    selectedRunId: null,
    changes: null,
    changesError: null,
    filter: 'all',
    connect: () => {
      if (connected) return;
      connected = true;
      api().on('sync.event', (event) => {
        set((state) => ({ progress: reduceSyncEvent(state.progress, event) }));
        if (event.type !== 'progress') refreshRunsSoon();
      });
      api().on('sync.state', (syncState) => {
        set((state) => ({ running: syncState.running, runningIds: syncState.supplierIds, progress: reduceSyncState(state.progress, syncState) }));
      });
      void api()['sync.state']().then((syncState) => {
        set((state) => ({ running: syncState.running, runningIds: syncState.supplierIds, progress: reduceSyncState(state.progress, syncState) }));
      }).catch(() => undefined);
    },
    loadRuns: async () => {
      try {
        set({ runs: await api()['sync.runs'](RUNS_SHOWN), runsLoaded: true, runsError: null });
      } catch (error) {
        set({ runsLoaded: true, runsError: (error as Error).message });
      }
    },
    syncAll: () => start(),
    syncSuppliers: (supplierIds) => start(supplierIds),
    cancel: async () => {
      await api()['sync.cancel']();
    },
    selectRun: async (runId, language) => {
      set({ selectedRunId: runId, changes: null, changesError: null, ...(runId !== get().selectedRunId && { filter: 'all' as const }) });
      if (runId === null) return;
      try {
        const changes = await api()['sync.changes'](runId, language);
        // A slower answer for a run the merchant has since clicked away from must not replace the current one.
        if (get().selectedRunId === runId) set({ changes });
      } catch (error) {
        if (get().selectedRunId === runId) set({ changesError: (error as Error).message });
      }
    },
    setFilter: (filter) => set({ filter }),
  };
});
