import { create } from 'zustand';
import type { GridQuery, GridSelection } from '../../src-shared/grid-types';

/**
 * Which grid rows the merchant ticked. Either plans picked one by one (`keys`), or every row the current filter
 * matches (`matching`, with `keys` the ones unticked since): the second is never turned into a list here, main
 * resolves it in SQL, so selecting 100k rows costs the renderer nothing.
 */
interface SelectionState {
  mode: 'keys' | 'matching';
  /** Picked plans (mode keys) or the plans unticked from "all matching" (mode matching). */
  keys: ReadonlySet<string>;
  /** The row index a shift-click extends from. */
  anchor: number | null;
  isSelected(planKey: string): boolean;
  /** How many rows are selected, given how many match the filter. */
  count(total: number): number;
  toggle(planKey: string, index: number): void;
  /** Adds these plans (a shift-click range); the anchor stays, so the next Shift+click extends from the same row. */
  addRange(planKeys: readonly string[], index: number): void;
  selectAllMatching(): void;
  clear(): void;
  /** What main is asked to act on; `query` is the grid's current filter (only used for "all matching"). */
  toSelection(query: GridQuery): GridSelection;
}

export const useSelectionStore = create<SelectionState>((set, get) => ({
  mode: 'keys',
  keys: new Set(),
  anchor: null,

  isSelected: (planKey) => (get().mode === 'keys' ? get().keys.has(planKey) : !get().keys.has(planKey)),
  count: (total) => (get().mode === 'keys' ? get().keys.size : Math.max(total - get().keys.size, 0)),
  toggle: (planKey, index) =>
    set((state) => {
      const keys = new Set(state.keys);
      if (keys.has(planKey)) keys.delete(planKey);
      else keys.add(planKey);
      return { keys, anchor: index };
    }),
  addRange: (planKeys, index) =>
    set((state) => {
      const keys = new Set(state.keys);
      // In "all matching" mode a range ticks rows back in, i.e. takes them off the unticked list.
      for (const key of planKeys) {
        if (state.mode === 'keys') keys.add(key);
        else keys.delete(key);
      }
      return { keys, anchor: state.anchor ?? index };
    }),
  selectAllMatching: () => set({ mode: 'matching', keys: new Set(), anchor: null }),
  clear: () => set({ mode: 'keys', keys: new Set(), anchor: null }),
  toSelection: (query) => {
    const { mode, keys } = get();
    if (mode === 'keys') return { type: 'keys', planKeys: [...keys] };
    const { offset: _offset, limit: _limit, ...filter } = query;
    return { type: 'matching', query: filter, except: [...keys] };
  },
}));
