import { create } from 'zustand';
import type { ConnectionTest, SupplierKindInfo, SupplierSummary } from '../../src-shared/contract';
import type { ConnectionInput, ConnectionView } from '../../src-shared/connection-types';
import { api } from '../api';

interface SuppliersState {
  kinds: SupplierKindInfo[];
  suppliers: SupplierSummary[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  /** Rejects with the server's validation message, which the form shows beside itself. */
  save(input: ConnectionInput): Promise<ConnectionView>;
  remove(id: string): Promise<void>;
  test(input: ConnectionInput): Promise<ConnectionTest>;
  /** The form's problems per field, as main's schema sees them (coded issues); nothing is saved. */
  check(input: ConnectionInput): Promise<Record<string, string>>;
  /**
   * Subscribes once for the app's life to `grid.changed` (a sync moves offer counts and last-run status; saving or
   * removing a connection changes the list): the one place the supplier list is refreshed from.
   */
  connect(): void;
}

let connected = false;

export const useSuppliersStore = create<SuppliersState>((set, get) => ({
  kinds: [],
  suppliers: [],
  loaded: false,
  loading: false,
  error: null,
  load: async () => {
    set({ loading: !get().loaded, error: null });
    try {
      const [kinds, suppliers] = await Promise.all([
        get().kinds.length ? Promise.resolve(get().kinds) : api()['suppliers.kinds'](),
        api()['suppliers.list'](),
      ]);
      set({ kinds, suppliers, loaded: true, loading: false });
    } catch (error) {
      set({ loading: false, error: (error as Error).message });
    }
  },
  save: async (input) => {
    const view = await api()['suppliers.save'](input);
    await get().load();
    return view;
  },
  remove: async (id) => {
    await api()['suppliers.remove'](id);
    await get().load();
  },
  test: async (input) => {
    try {
      return await api()['suppliers.test'](input);
    } catch (error) {
      return { ok: false, cause: 'unknown', error: (error as Error).message };
    }
  },
  check: (input) => api()['suppliers.check'](input),
  connect: () => {
    if (connected) return;
    connected = true;
    api().on('grid.changed', () => void get().load());
  },
}));
