import { create } from 'zustand';
import type { SyncRun } from '../../src-shared/sync-types';
import type { GridSortColumn, PlanRow } from '../../src-shared/grid-types';
import { api } from '../api';
import {
  buildGridQuery,
  DEFAULT_SORT,
  EMPTY_FILTERS,
  findLoadedRow,
  isJump,
  JUMP_SETTLE_MS,
  MAX_IN_FLIGHT,
  mergePage,
  nextSort,
  PAGE_SIZE,
  pagesCovering,
  pagesToFetch,
  queryKey,
  type GridFilters,
  type GridSort,
  type PageMap,
} from './grid-query';

export interface SelectedRow {
  /** Row ids are renumbered by every grid rebuild; the plan key is what identifies the plan across them. */
  id: number;
  planKey: string;
  title: string;
}

interface GridState {
  filters: GridFilters;
  sort: GridSort;
  language: string;
  /** Sparse: page index → rows, only around where the merchant has scrolled. */
  pages: PageMap;
  /** Pages shown from before the last grid.changed, kept on screen until their fresh copy arrives. */
  stalePages: ReadonlySet<number>;
  total: number | null;
  currency: string | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** Bumped on every grid.changed, so views holding server data of their own (the detail panel) refetch. */
  dataVersion: number;
  /** Bumped when the result set changes, so the table scrolls back to the top. */
  resultVersion: number;
  selected: SelectedRow | null;
  lastRun: SyncRun | null;
  /** False until sync.runs has answered: the empty state must not say "never synced" on a guess. */
  runsKnown: boolean;

  setFilters(patch: Partial<GridFilters>): void;
  clearFilters(): void;
  sortBy(column: GridSortColumn): void;
  setLanguage(language: string): void;
  /** The table reports the rows it shows; the store fetches the pages they need. */
  showRows(start: number, end: number): void;
  /** Server data changed (grid.changed): refetch what is on screen without blanking it. */
  refresh(): void;
  retry(): void;
  select(row: Pick<PlanRow, 'id' | 'planKey' | 'title'> | null): void;
  /** After a rebuild the selected plan may have a new id: its row among the freshly loaded pages, if there. */
  findSelectedInPages(): SelectedRow | null;
  /** The latest sync run, for "last synced" and the empty state; the supplier list lives in stores/suppliers.ts. */
  loadLastRun(): Promise<void>;
}

export const useGridStore = create<GridState>((set, get) => {
  // Bookkeeping that no view renders: kept out of the state so it never triggers a render.
  let generation = 0;
  let currentKey = '';
  let inFlight = new Set<number>();
  let wanted: number[] = [0];
  let focusPage = 0;
  let settleTimer: ReturnType<typeof setTimeout> | null = null;

  const restart = () => {
    generation++;
    inFlight = new Set();
    wanted = [0];
    focusPage = 0;
    set((state) => ({
      pages: {},
      stalePages: new Set(),
      status: 'loading',
      error: null,
      resultVersion: state.resultVersion + 1,
    }));
    pump();
  };

  const applyQueryChange = (patch: Partial<Pick<GridState, 'filters' | 'sort' | 'language'>>) => {
    set(patch);
    const { filters, sort, language } = get();
    const key = queryKey(filters, sort, language);
    if (key === currentKey) return;
    currentKey = key;
    restart();
  };

  const pump = () => {
    const state = get();
    const toFetch = pagesToFetch(wanted, state.pages, state.stalePages, inFlight, MAX_IN_FLIGHT - inFlight.size);
    for (const page of toFetch) void fetchPage(page);
  };

  const fetchPage = async (page: number) => {
    const requestGeneration = generation;
    inFlight.add(page);
    const { filters, sort, language } = get();
    try {
      const result = await api()['grid.query'](buildGridQuery(filters, sort, language, page, PAGE_SIZE));
      if (requestGeneration !== generation) return;
      inFlight.delete(page);
      set((state) => {
        const stalePages = new Set(state.stalePages);
        stalePages.delete(page);
        return {
          pages: mergePage(state.pages, page, result.rows, focusPage),
          stalePages,
          total: result.total,
          currency: result.currency,
          status: 'ready',
          error: null,
        };
      });
      pump();
    } catch (error) {
      if (requestGeneration !== generation) return;
      inFlight.delete(page);
      // Not retried on its own: a failing bridge would otherwise be hammered; the error state offers a retry.
      set({ status: 'error', error: (error as Error).message });
    }
  };

  return {
    filters: EMPTY_FILTERS,
    sort: DEFAULT_SORT,
    language: 'en',
    pages: {},
    stalePages: new Set(),
    total: null,
    currency: null,
    status: 'loading',
    error: null,
    dataVersion: 0,
    resultVersion: 0,
    selected: null,
    lastRun: null,
    runsKnown: false,

    setFilters: (patch) => applyQueryChange({ filters: { ...get().filters, ...patch } }),
    clearFilters: () => applyQueryChange({ filters: EMPTY_FILTERS }),
    sortBy: (column) => applyQueryChange({ sort: nextSort(get().sort, column) }),
    setLanguage: (language) => {
      if (language === get().language && currentKey) return;
      applyQueryChange({ language });
    },

    showRows: (start, end) => {
      const pages = pagesCovering(start, end, get().total, PAGE_SIZE);
      if (pages.length === 0) return;
      const jumped = isJump(wanted, pages);
      wanted = pages;
      focusPage = pages[Math.floor(pages.length / 2)];
      if (settleTimer) clearTimeout(settleTimer);
      settleTimer = null;
      // Mid-fling every frame lands on new pages: fetch where the view comes to rest, not every page it passes.
      if (jumped) settleTimer = setTimeout(pump, JUMP_SETTLE_MS);
      else pump();
    },

    refresh: () => {
      generation++;
      inFlight = new Set();
      // Pages on screen stay visible until their fresh copy arrives; the rest are simply forgotten and fetched
      // again if the merchant scrolls back to them.
      set((state) => {
        const onScreen = wanted.filter((page) => page in state.pages);
        return {
          pages: Object.fromEntries(onScreen.map((page) => [page, state.pages[page]])),
          stalePages: new Set(onScreen),
          dataVersion: state.dataVersion + 1,
        };
      });
      // Nothing loaded yet (an empty grid before the first sync): ask again from the top.
      if (Object.keys(get().pages).length === 0) wanted = [0];
      pump();
      void get().loadLastRun();
    },

    retry: () => {
      if (Object.keys(get().pages).length === 0) {
        restart();
        return;
      }
      set({ status: 'ready', error: null });
      get().refresh();
    },

    select: (row) => set({ selected: row ? { id: row.id, planKey: row.planKey, title: row.title } : null }),

    findSelectedInPages: () => {
      const { selected, pages, stalePages } = get();
      if (!selected) return null;
      // A stale page may still carry the old numbering; only a fresh one can say where the plan is now.
      const freshPages = Object.fromEntries(Object.entries(pages).filter(([page]) => !stalePages.has(Number(page))));
      const found = findLoadedRow(freshPages, selected.planKey);
      return found ? { id: found.id, planKey: found.planKey, title: found.title } : null;
    },

    loadLastRun: async () => {
      try {
        const runs = await api()['sync.runs'](1);
        set({ lastRun: runs[0] ?? null, runsKnown: true });
      } catch {
        // The empty state keeps saying nothing about the last sync until an answer comes.
      }
    },
  };
});
