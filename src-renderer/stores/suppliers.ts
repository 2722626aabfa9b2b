import { create } from 'zustand';
import type { ConnectionTest, SupplierKindInfo, SupplierSummary } from '../../src-main/api/contract';
import type { ConnectionInput, ConnectionView } from '../../src-main/services/connections-service';
import { api } from '../api';
import { common } from '../i18n/common';
import { fillTemplate } from '../components/fill-template';
import { useUiStore } from './ui';

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

/**
 * The name a merchant gave a supplier, falling back to its id (runs, orders and rules may outlive their connection).
 * A built-in simulator has no name of the merchant's: it is called "Demo <brand>" in the reader's language, also
 * once it is no longer listed (its runs and orders stay after a real supplier is added).
 */
export function supplierName(suppliers: readonly SupplierSummary[], supplierId: string): string {
  const supplier = suppliers.find((s) => s.id === supplierId);
  if (supplier && !supplier.demo) return supplier.name;
  const { kinds } = useSuppliersStore.getState();
  const brand = supplier
    ? kinds.find((k) => k.kind === supplier.kind)?.label
    : supplierId.startsWith('demo-') ? kinds.find((k) => k.label.toLowerCase().replace(/[^a-z]/g, '').startsWith(supplierId.slice(5)))?.label : undefined;
  if (!brand) return supplier?.name ?? supplierId;
  return fillTemplate(common[useUiStore.getState().language]['demo.supplierName'], { brand });
}
