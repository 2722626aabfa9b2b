import { create } from 'zustand';
import type { Language } from '../../src-shared/languages';

export type Screen = 'grid' | 'suppliers' | 'sync' | 'pricing' | 'export' | 'orders' | 'alerts' | 'settings';
export type Theme = 'system' | 'light' | 'dark';

interface UiState {
  screen: Screen;
  language: Language;
  theme: Theme;
  go(screen: Screen): void;
  /** Set by "Add a real supplier" outside the Suppliers screen: that screen opens its form at once, then clears it. */
  addSupplierRequested: boolean;
  openAddSupplier(): void;
  clearAddSupplier(): void;
  setLanguage(language: Language): void;
  setTheme(theme: Theme): void;
}

// Language and theme are the viewer's preferences, not business data: they live in the renderer's storage.
const stored = (key: string) => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
const remember = (key: string, value: string) => {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private windows may refuse storage; the choice then lasts for this session only.
  }
};

const initialLanguage = (): Language => {
  const saved = stored('supplygrid.language');
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
};

export const useUiStore = create<UiState>((set) => ({
  screen: 'grid',
  language: initialLanguage(),
  theme: (stored('supplygrid.theme') as Theme | null) ?? 'system',
  go: (screen) => set({ screen }),
  addSupplierRequested: false,
  openAddSupplier: () => set({ screen: 'suppliers', addSupplierRequested: true }),
  clearAddSupplier: () => set({ addSupplierRequested: false }),
  setLanguage: (language) => {
    remember('supplygrid.language', language);
    document.documentElement.lang = language;
    set({ language });
  },
  setTheme: (theme) => {
    remember('supplygrid.theme', theme);
    set({ theme });
  },
}));
