import { create } from 'zustand';
import type {
  ExportDownload,
  ExportHistoryEntry,
  ExportOptions,
  ExportPreflight,
  ExportPresetId,
  ExportPresetInfo,
  ExportPreview,
  LastExportChoice,
  PreflightRecord,
} from '../../src-shared/export-types';
import { api } from '../api';
import {
  currencyCode,
  defaultForm,
  exportOptionsOf,
  formFromSettings,
  gridFilterQuery,
  HISTORY_SHOWN,
  PREVIEW_DEBOUNCE_MS,
  PREFLIGHT_ROWS,
  PREVIEW_ROWS,
  suggestedFileName,
  type ExportForm,
} from './export-form';
import { useGridStore } from './grid';

/** What the merchant is told after an export: where the rows went. */
export interface ExportOutcome {
  preset: ExportPresetId;
  rows: number;
  /** Where the desktop app wrote it; null for a browser download. */
  file: string | null;
  /** The browser download's name; null for a file. */
  filename: string | null;
  /** Flagged rows met while writing, and whether they went in. */
  preflight: PreflightRecord;
}

interface ExportState {
  status: 'loading' | 'ready' | 'error';
  loadError: string | null;
  merchantCurrency: string | null;
  /** Rows in the grid: zero means there is nothing to export until a sync has run. */
  gridRows: number | null;
  presets: ExportPresetInfo[];
  /** Currencies with a known rate, offered as suggestions; any code may still be typed. */
  knownCurrencies: string[];
  form: ExportForm | null;
  /** The last export with the selected preset. */
  lastChoice: LastExportChoice | null;
  /** The form was filled in from lastChoice (not yet replaced by an export made here). */
  restored: boolean;
  preview: ExportPreview | null;
  previewStatus: 'idle' | 'loading' | 'ready' | 'error';
  previewError: string | null;
  exporting: boolean;
  /**
   * The step between "Export…" and the file: `checking` while the preflight runs, `review` while the merchant looks
   * at the rows it flagged (below cost, no price) and chooses to leave them out or write them.
   */
  preflightStatus: 'idle' | 'checking' | 'review';
  preflight: ExportPreflight | null;
  outcome: ExportOutcome | null;
  exportError: string | null;
  history: ExportHistoryEntry[];
  historyStatus: 'loading' | 'ready' | 'error';
  historyError: string | null;

  /** Loads everything the screen shows; the form survives a visit to another screen. */
  open(): Promise<void>;
  selectPreset(preset: ExportPresetId): Promise<void>;
  updateForm(patch: Partial<Omit<ExportForm, 'preset'>>): void;
  /** Sync, rules, rates or links changed the grid: the preview and the empty state may be out of date. */
  gridChanged(): void;
  retryPreview(): void;
  loadHistory(): Promise<void>;
  /**
   * Saves the export through the desktop app's save dialog, or, in a browser (where that dialog always answers
   * null), fetches the CSV text and hands it to `deliver` to download.
   */
  exportNow(deliver: (download: ExportDownload) => void): Promise<void>;
  /** The merchant's answer to the preflight: leave the flagged rows out, write them anyway, or go back (null). */
  decideFlagged(choice: 'exclude' | 'keep' | null): Promise<void>;
}

/** The desktop app's preload defines window.supplygrid; in a browser the bridge client stands in for it. */
const hasSaveDialog = () => typeof window !== 'undefined' && window.supplygrid !== undefined;

const currentGridQuery = () => {
  const grid = useGridStore.getState();
  return gridFilterQuery(grid.filters, grid.sort, grid.language);
};

export const useExportStore = create<ExportState>((set, get) => {
  // Bookkeeping no view renders: answers to superseded requests are recognized by these and dropped.
  let previewGeneration = 0;
  let presetGeneration = 0;
  let presetsGeneration = 0;
  let previewTimer: ReturnType<typeof setTimeout> | null = null;
  /** The options the preflight checked, kept while the merchant decides, so the file is written with exactly those. */
  let pending: { options: ExportOptions; deliver: (download: ExportDownload) => void } | null = null;

  const write = async (options: ExportOptions, deliver: (download: ExportDownload) => void) => {
    set({ exporting: true, exportError: null, outcome: null });
    try {
      const file = await api()['shell.saveDialog'](suggestedFileName(options.preset, new Date()));
      let outcome: ExportOutcome;
      if (file) {
        const result = await api()['export.run']({ ...options, file });
        outcome = {
          preset: result.preset,
          rows: result.rows,
          file: result.file,
          filename: null,
          preflight: result.preflight,
        };
      } else if (hasSaveDialog()) {
        // The merchant closed the desktop save dialog: nothing was written, nothing to say.
        set({ exporting: false });
        return;
      } else {
        const download = await api()['export.csv'](options);
        deliver(download);
        outcome = {
          preset: options.preset,
          rows: download.rows,
          file: null,
          filename: download.filename,
          preflight: download.preflight,
        };
      }
      set({ exporting: false, outcome, restored: false });
      // What the store now has changed: "changed since the last export" starts from this one.
      void get().loadHistory();
      const lastChoice = await api()
        ['export.lastOptions'](options.preset)
        .catch(() => null);
      if (get().form?.preset === options.preset) set({ lastChoice });
      schedulePreview(0);
    } catch (error) {
      set({ exporting: false, exportError: (error as Error).message });
    }
  };

  const currentOptions = (): ExportOptions | null => {
    const { form } = get();
    return form ? exportOptionsOf(form, currentGridQuery()) : null;
  };

  const runPreview = async () => {
    const generation = ++previewGeneration;
    const options = currentOptions();
    if (!options) {
      set({ previewStatus: 'idle', previewError: null });
      return;
    }
    set({ previewStatus: 'loading' });
    try {
      const preview = await api()['export.preview'](options, PREVIEW_ROWS);
      if (generation === previewGeneration) set({ preview, previewStatus: 'ready', previewError: null });
    } catch (error) {
      if (generation === previewGeneration) set({ previewStatus: 'error', previewError: (error as Error).message });
    }
  };

  const schedulePreview = (delay = PREVIEW_DEBOUNCE_MS) => {
    if (previewTimer) clearTimeout(previewTimer);
    // Marked as loading at once, so the table dims while the merchant is still clicking.
    if (get().form) set({ previewStatus: 'loading' });
    previewTimer = setTimeout(() => {
      previewTimer = null;
      void runPreview();
    }, delay);
  };

  // Generic and Dujiao-Next have a title column per language: the cards list the columns for the current ones.
  const loadPresets = async (languages: string[]) => {
    const generation = ++presetsGeneration;
    try {
      const presets = await api()['export.presets'](languages);
      if (generation === presetsGeneration) set({ presets });
    } catch {
      // The cards keep the columns they had; the preview (which failed the same way) shows the error.
    }
  };

  const loadGridRows = async () => {
    try {
      set({ gridRows: (await api()['grid.query']({ limit: 1 })).total });
    } catch {
      // Not knowing means not claiming the grid is empty; the preview says what went wrong.
    }
  };

  /** The form for a preset: its last export's choices if there was one, else the current choices carried over. */
  const restoreChoice = async (preset: ExportPresetId, fallback: ExportForm) => {
    const generation = ++presetGeneration;
    const lastChoice = await api()['export.lastOptions'](preset);
    if (generation !== presetGeneration) return;
    set({
      lastChoice,
      restored: lastChoice !== null,
      form: lastChoice ? formFromSettings(lastChoice.options) : fallback,
    });
    void loadPresets(get().form!.languages);
    schedulePreview(0);
  };

  return {
    status: 'loading',
    loadError: null,
    merchantCurrency: null,
    gridRows: null,
    presets: [],
    knownCurrencies: [],
    form: null,
    lastChoice: null,
    restored: false,
    preview: null,
    previewStatus: 'idle',
    previewError: null,
    exporting: false,
    preflightStatus: 'idle',
    preflight: null,
    outcome: null,
    exportError: null,
    history: [],
    historyStatus: 'loading',
    historyError: null,

    open: async () => {
      set((state) => ({ status: state.form ? 'ready' : 'loading', loadError: null, exportError: null }));
      void get().loadHistory();
      void loadGridRows();
      void api()
        ['rates.list']()
        .then(({ base, rates }) =>
          set({ knownCurrencies: [...new Set([base, ...rates.map((rate) => rate.currency)])].sort() }),
        )
        .catch(() => undefined);
      try {
        const [settings, presets, history] = await Promise.all([
          api()['settings.get'](),
          api()['export.presets'](get().form?.languages ?? ['en']),
          api()['export.history'](1),
        ]);
        set({ merchantCurrency: settings.currency, presets });
        const form = get().form;
        if (form) {
          set({ status: 'ready' });
          schedulePreview(0);
          return;
        }
        // Where the merchant left off: the preset of the last export, with that export's choices.
        const preset = history[0]?.preset ?? presets[0]?.id ?? 'generic';
        await restoreChoice(preset, defaultForm(preset, settings.currency));
        set({ status: 'ready' });
      } catch (error) {
        set({ status: 'error', loadError: (error as Error).message });
      }
    },

    selectPreset: async (preset) => {
      const { form } = get();
      if (!form || form.preset === preset) return;
      // The choice shows at once; the preset's remembered options follow a moment later.
      const carriedOver: ExportForm = { ...form, preset };
      set({ form: carriedOver, outcome: null, exportError: null, lastChoice: null, restored: false });
      try {
        await restoreChoice(preset, carriedOver);
      } catch (error) {
        set({ previewStatus: 'error', previewError: (error as Error).message });
      }
    },

    updateForm: (patch) => {
      const { form } = get();
      if (!form) return;
      const next = { ...form, ...patch };
      set({ form: next, outcome: null, exportError: null });
      if (patch.languages) void loadPresets(next.languages);
      schedulePreview();
    },

    gridChanged: () => {
      void loadGridRows();
      if (get().form) schedulePreview();
    },

    retryPreview: () => schedulePreview(0),

    loadHistory: async () => {
      try {
        set({ history: await api()['export.history'](HISTORY_SHOWN), historyStatus: 'ready', historyError: null });
      } catch (error) {
        set({ historyStatus: 'error', historyError: (error as Error).message });
      }
    },

    exportNow: async (deliver) => {
      const options = currentOptions();
      if (!options || get().exporting || get().preflightStatus !== 'idle') return;
      set({ preflightStatus: 'checking', preflight: null, exportError: null, outcome: null });
      try {
        const preflight = await api()['export.preflight'](options, PREFLIGHT_ROWS);
        if (preflight.belowCost + preflight.noPrice === 0 && !preflight.sampleRates) {
          set({ preflightStatus: 'idle' });
          await write({ ...options, flaggedRows: 'keep' }, deliver);
          return;
        }
        pending = { options, deliver };
        set({ preflightStatus: 'review', preflight });
      } catch (error) {
        set({ preflightStatus: 'idle', exportError: (error as Error).message });
      }
    },

    decideFlagged: async (choice) => {
      const decided = pending;
      pending = null;
      set({ preflightStatus: 'idle', preflight: null });
      if (!decided || !choice) return;
      await write({ ...decided.options, flaggedRows: choice }, decided.deliver);
    },
  };
});

/** The form's currency as it will be sent, or null while it is not a code yet. */
export const formCurrency = (form: ExportForm | null) => (form ? currencyCode(form.currency) : null);
