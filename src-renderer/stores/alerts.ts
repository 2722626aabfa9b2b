import { create } from 'zustand';
import type { AlertsView } from '../../src-shared/alert-types';
import { api } from '../api';

interface AlertsState {
  view: AlertsView | null;
  error: string | null;
  load(): Promise<void>;
  markRead(ids: number[] | null): Promise<void>;
  /** Subscribes to new alerts once for the app's life (the nav's unread count follows them on every screen). */
  connect(): () => void;
}

let connected = false;

export const useAlertsStore = create<AlertsState>((set, get) => ({
  view: null,
  error: null,
  load: async () => {
    try {
      set({ view: await api()['alerts.list'](200), error: null });
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
  markRead: async (ids) => {
    set({ view: await api()['alerts.markRead'](ids) });
  },
  connect: () => {
    if (connected) return () => undefined;
    connected = true;
    void get().load();
    const off = api().on('alert.raised', () => void get().load());
    return () => {
      connected = false;
      off();
    };
  },
}));
