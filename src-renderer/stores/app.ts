import { create } from 'zustand';
import type { AppInfo } from '../../src-shared/contract';
import { api } from '../api';

interface AppState {
  info: AppInfo | null;
  error: string | null;
  load(): Promise<void>;
}

/** What the main process says about itself (demo mode, currency, data folder). */
export const useAppStore = create<AppState>((set) => ({
  info: null,
  error: null,
  load: async () => {
    try {
      set({ info: await api()['app.info'](), error: null });
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
}));
