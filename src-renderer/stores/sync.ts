import { create } from 'zustand';
import type { ChangeView } from '../../src-shared/contract';
import type { SyncRun, HeldRun } from '../../src-shared/sync-types';
import type { ChangeKind } from '../../src-main/domain/diff';
import { api } from '../api';
import type { ChangeFilter } from './sync-changes';
import { reduceSyncEvent, reduceSyncState, type ProgressBySupplier } from './sync-progress';

const RUNS_SHOWN = 50;
/** A first sync of a large supplier logs a change per offer: main sends them a page at a time. */
export const CHANGES_PAGE = 200;

interface SyncStoreState {
  running: boolean;
  runningIds: string[];
  progress: ProgressBySupplier;
  startError: string | null;
  runs: SyncRun[];
  runsLoaded: boolean;
  runsError: string | null;
  selectedRunId: number | null;
  /** The pages of the selected run's changes fetched so far, of the current filter's kind; null while the first loads. */
  changes: ChangeView[] | null;
  /** How many changes of the current filter's kind the run has in all (more than `changes` holds until shown). */
  changesTotal: number;
  /** The whole run's count per kind, for the filter chips; kept while another kind's first page loads. */
  countsByKind: Record<ChangeKind, number> | null;
  /** The language the titles of `changes` are in. */
  changesLanguage: string;
  changesError: string | null;
  loadingMore: boolean;
  /** Why the next page did not come; the "show more" button tries again. */
  moreError: string | null;
  filter: ChangeFilter;
  /** Syncs held for review (they would remove too much), oldest first. */
  held: HeldRun[];
  /** The held run being applied or discarded, while main works on it. */
  heldBusy: number | null;
  /** Why the last apply/discard was refused (main's code or message, worded by the screen), by run id. */
  heldError: { runId: number; error: string } | null;
  loadHeld(): Promise<void>;
  applyHeld(runId: number): Promise<void>;
  discardHeld(runId: number): Promise<void>;
  /** Subscribes to main's sync events once for the app's life: a sync keeps running while other screens show. */
  connect(): void;
  loadRuns(): Promise<void>;
  /** `full`: a complete listing of every supplier (the only one that shows products deleted outright). */
  syncAll(options?: { full?: boolean }): void;
  syncSuppliers(supplierIds: string[]): void;
  cancel(): Promise<void>;
  selectRun(runId: number | null, language: string): Promise<void>;
  setFilter(filter: ChangeFilter): Promise<void>;
  /** Titles come in the reader's language: refetches the open diff when, and only when, that language changed. */
  setChangesLanguage(language: string): Promise<void>;
  /** Fetches the next page of the current filter's changes and appends it. */
  showMoreChanges(): Promise<void>;
}

let connected = false;
let runsRefresh: ReturnType<typeof setTimeout> | null = null;
/** Bumped by every new first-page request: a slower answer for a run, kind or language since left must not land. */
let changesRequest = 0;
/** Bumped by every history request: an answer read before a later one was asked for must not overwrite it. */
let runsRequest = 0;

export const useSyncStore = create<SyncStoreState>((set, get) => {
  // Several suppliers finish within milliseconds of each other: one history refetch covers them all.
  const refreshRunsSoon = () => {
    if (runsRefresh) clearTimeout(runsRefresh);
    runsRefresh = setTimeout(() => {
      void get().loadRuns();
      void get().loadHeld();
    }, 150);
  };
  const fetchPage = (offset: number) => {
    const { selectedRunId, filter, changesLanguage } = get();
    return api()['sync.changes'](selectedRunId!, {
      language: changesLanguage,
      ...(filter !== 'all' && { kind: filter }),
      offset,
      limit: CHANGES_PAGE,
    });
  };
  /** The first page of the selected run's changes of the current kind, in the current language. */
  const loadFirstPage = async () => {
    const request = ++changesRequest;
    set({ changes: null, changesTotal: 0, changesError: null, loadingMore: false, moreError: null });
    if (get().selectedRunId === null) return;
    try {
      const page = await fetchPage(0);
      if (request === changesRequest)
        set({ changes: page.rows, changesTotal: page.total, countsByKind: page.countsByKind });
    } catch (error) {
      if (request === changesRequest) set({ changesError: (error as Error).message });
    }
  };
  const start = (supplierIds?: string[], options?: { full?: boolean }) => {
    set({ startError: null });
    // The promise settles when the whole sync is over; progress meanwhile arrives as events.
    const call = options?.full ? api()['sync.run'](supplierIds, { full: true }) : api()['sync.run'](supplierIds);
    call.catch((error: Error) => set({ startError: error.message }));
  };
  const resolveHeld = async (runId: number, call: (runId: number) => Promise<SyncRun>) => {
    set({ heldBusy: runId, heldError: null });
    try {
      await call(runId);
    } catch (error) {
      set({ heldError: { runId, error: (error as Error).message } });
    } finally {
      set({ heldBusy: null });
      await Promise.all([get().loadHeld(), get().loadRuns()]);
    }
  };
  return {
    held: [],
    heldBusy: null,
    heldError: null,
    loadHeld: async () => {
      try {
        set({ held: await api()['sync.held']() });
      } catch {
        // Kept as last shown: the next sync event or visit asks again.
      }
    },
    applyHeld: (runId) => resolveHeld(runId, (id) => api()['sync.applyHeld'](id)),
    discardHeld: (runId) => resolveHeld(runId, (id) => api()['sync.discardHeld'](id)),
    running: false,
    runningIds: [],
    progress: {},
    startError: null,
    runs: [],
    runsLoaded: false,
    runsError: null,
    selectedRunId: null,
    changes: null,
    changesTotal: 0,
    countsByKind: null,
    changesLanguage: 'en',
    changesError: null,
    loadingMore: false,
    moreError: null,
    filter: 'all',
    connect: () => {
      if (connected) return;
      connected = true;
      api().on('sync.event', (event) => {
        set((state) => ({ progress: reduceSyncEvent(state.progress, event) }));
        if (event.type !== 'progress' && event.type !== 'waiting') refreshRunsSoon();
      });
      api().on('sync.state', (syncState) => {
        const ended = get().running && !syncState.running;
        set((state) => ({
          running: syncState.running,
          runningIds: syncState.supplierIds,
          progress: reduceSyncState(state.progress, syncState),
        }));
        // The history's last word on a sync: every run of it is finished by now.
        if (ended) refreshRunsSoon();
      });
      void api()
        ['sync.state']()
        .then((syncState) => {
          set((state) => ({
            running: syncState.running,
            runningIds: syncState.supplierIds,
            progress: reduceSyncState(state.progress, syncState),
          }));
        })
        .catch(() => undefined);
    },
    loadRuns: async () => {
      const request = ++runsRequest;
      try {
        const runs = await api()['sync.runs'](RUNS_SHOWN);
        if (request === runsRequest) set({ runs, runsLoaded: true, runsError: null });
      } catch (error) {
        if (request === runsRequest) set({ runsLoaded: true, runsError: (error as Error).message });
      }
    },
    syncAll: (options) => start(undefined, options),
    syncSuppliers: (supplierIds) => start(supplierIds),
    cancel: async () => {
      await api()['sync.cancel']();
    },
    selectRun: async (runId, language) => {
      const sameRun = runId === get().selectedRunId;
      set({
        selectedRunId: runId,
        changesLanguage: language,
        ...(!sameRun && { filter: 'all' as const, countsByKind: null }),
      });
      await loadFirstPage();
    },
    setFilter: async (filter) => {
      if (filter === get().filter) return;
      set({ filter });
      await loadFirstPage();
    },
    setChangesLanguage: async (language) => {
      if (language === get().changesLanguage) return;
      set({ changesLanguage: language });
      if (get().selectedRunId !== null) await loadFirstPage();
    },
    showMoreChanges: async () => {
      const { selectedRunId, changes, changesTotal, loadingMore } = get();
      if (selectedRunId === null || changes === null || loadingMore || changes.length >= changesTotal) return;
      const request = changesRequest;
      set({ loadingMore: true, moreError: null });
      try {
        const page = await fetchPage(changes.length);
        if (request !== changesRequest) return;
        set((state) => ({
          changes: [...(state.changes ?? []), ...page.rows],
          changesTotal: page.total,
          countsByKind: page.countsByKind,
          loadingMore: false,
        }));
      } catch (error) {
        if (request === changesRequest) set({ loadingMore: false, moreError: (error as Error).message });
      }
    },
  };
});
