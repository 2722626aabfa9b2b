import { create } from 'zustand';
import type { Settings } from '../../src-shared/contract';
import { api } from '../api';

interface SettingsState {
  settings: Settings | null;
  loading: boolean;
  loadError: string | null;
  /** The setting being written right now, so only its control shows it is busy. */
  saving: keyof Settings | null;
  errors: Partial<Record<keyof Settings, string>>;
  load(): Promise<void>;
  /** Writes one setting; false (with the server's message under that setting) when it was refused. */
  update<K extends keyof Settings>(key: K, value: Settings[K]): Promise<boolean>;
}

/** The merchant's settings as main holds them; shared by the Settings and Sync screens (the schedule). */
export const useSettingsStore = create<SettingsState>((set, get) => ({
  settings: null,
  loading: false,
  loadError: null,
  saving: null,
  errors: {},
  load: async () => {
    set({ loading: get().settings === null, loadError: null });
    try {
      set({ settings: await api()['settings.get'](), loading: false });
    } catch (error) {
      set({ loading: false, loadError: (error as Error).message });
    }
  },
  update: async (key, value) => {
    set((state) => ({ saving: key, errors: { ...state.errors, [key]: undefined } }));
    try {
      const settings = await api()['settings.update']({ [key]: value });
      set({ settings, saving: null });
      return true;
    } catch (error) {
      set((state) => ({ saving: null, errors: { ...state.errors, [key]: (error as Error).message } }));
      return false;
    }
  },
}));
