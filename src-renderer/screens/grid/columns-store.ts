import { create } from 'zustand';
import { clampWidth, type ColumnId } from './columns';

/** Column widths and hidden columns are the viewer's layout, like language and theme: kept in the renderer's storage. */
const STORAGE_KEY = 'supplygrid.grid.columns';

interface StoredLayout {
  widths: Record<string, number>;
  hidden: string[];
}

function load(): StoredLayout {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<StoredLayout>;
    const widths = Object.fromEntries(
      Object.entries(parsed.widths ?? {}).filter(([, w]) => typeof w === 'number' && Number.isFinite(w)),
    );
    return { widths, hidden: Array.isArray(parsed.hidden) ? parsed.hidden.filter((c) => typeof c === 'string') : [] };
  } catch {
    return { widths: {}, hidden: [] };
  }
}

function save(layout: StoredLayout): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(layout));
  } catch {
    // Storage refused (a private window): the layout lasts for this session only.
  }
}

interface ColumnsState {
  widths: Readonly<Record<string, number>>;
  hidden: ReadonlySet<string>;
  setWidth(column: ColumnId, width: number): void;
  setHidden(column: ColumnId, hidden: boolean): void;
  reset(): void;
}

const initial = load();

export const useColumnsStore = create<ColumnsState>((set, get) => {
  const persist = () => save({ widths: { ...get().widths }, hidden: [...get().hidden] });
  return {
    widths: initial.widths,
    hidden: new Set(initial.hidden),
    setWidth: (column, width) => {
      set((state) => ({ widths: { ...state.widths, [column]: clampWidth(width) } }));
      persist();
    },
    setHidden: (column, hidden) => {
      set((state) => {
        const next = new Set(state.hidden);
        if (hidden) next.add(column);
        else next.delete(column);
        return { hidden: next };
      });
      persist();
    },
    reset: () => {
      set({ widths: {}, hidden: new Set() });
      persist();
    },
  };
});
