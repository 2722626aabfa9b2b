import { create } from 'zustand';
import type { CurrencyRate } from '../../src-main/domain/currency';
import type { PricePreview } from '../../src-main/domain/pricing/price';
import type { LockedPrice, RuleSet } from '../../src-main/domain/pricing/rules';
import type { ScopeNames } from '../../src-main/domain/pricing/scope-names';
import type { TierPreset } from '../../src-main/domain/pricing/starting-rules';
import { api } from '../api';
import { useUiStore } from './ui';
import {
  applyPreset,
  draftRuleSet,
  moveRule,
  newRuleForm,
  roundingChoices,
  ruleToForm,
  sameRules,
  type RuleForm,
  type RuleFormErrors,
} from './pricing-form';

const PREVIEW_DELAY_MS = 300;

export type PreviewStatus = 'idle' | 'pending' | 'ready' | 'invalid' | 'error';

interface PricingState {
  saved: RuleSet | null;
  /** What the catalog calls the plans, offers and categories of the saved rules and locks; null until known. */
  names: ScopeNames | null;
  /** Store-wide tier presets in the merchant's currency; none until main has said (the rules show without them). */
  presets: TierPreset[];
  loading: boolean;
  loadError: string | null;
  /** The rules being edited; they reach main only through the preview and Save. */
  forms: RuleForm[];
  formErrors: Record<string, RuleFormErrors>;
  dirty: boolean;
  editingId: string | null;
  preview: PricePreview | null;
  previewStatus: PreviewStatus;
  previewError: string | null;
  saving: boolean;
  saveError: string | null;
  justSaved: boolean;
  unlockError: string | null;
  load(): Promise<void>;
  setEditing(id: string | null): void;
  updateRule(id: string, patch: Partial<RuleForm>): void;
  addRule(): void;
  removeRule(id: string): void;
  moveRule(id: string, delta: -1 | 1): void;
  applyPreset(preset: TierPreset): void;
  discard(): void;
  save(): Promise<void>;
  unlock(target: LockedPrice['target']): Promise<void>;

  rates: CurrencyRate[];
  ratesBase: string | null;
  ratesLoaded: boolean;
  ratesError: string | null;
  rateSaving: string | null;
  rateError: { currency: string; message: string } | null;
  /** After a fetch: how many rates it changed and the date the source gave them, or why it failed. */
  fetchStatus: { state: 'idle' | 'busy' | 'ok' | 'error'; message: string | null; updated?: number; asOf?: string };
  loadRates(): Promise<void>;
  setRate(currency: string, perUnit: string): Promise<boolean>;
  fetchRates(): Promise<void>;
}

/** Names are for reading only: without them the screen shows ids, so a failure to get them must not hide the rules. */
const scopeNames = () =>
  api()
    ['pricing.names']()
    .catch(() => null);

/** Presets are a shortcut: without them the screen still edits rules by hand. */
const tierPresets = () =>
  api()
    ['pricing.presets']()
    .catch(() => null);

let previewTimer: ReturnType<typeof setTimeout> | null = null;
let previewSequence = 0;

export const usePricingStore = create<PricingState>((set, get) => {
  /**
   * The starting tiers and the presets of a currency without a sample rate are sized through the merchant's rates
   * (pricing/rules-store.ts): shown again as main now makes them, an edit in progress kept (load).
   */
  const afterRatesChanged = () => (get().saved ? get().load() : Promise.resolve());
  /** Recomputes validity and dirtiness after an edit, and asks main for a fresh preview once typing pauses. */
  const edited = (forms: RuleForm[]) => {
    const saved = get().saved;
    if (!saved) return;
    const draft = draftRuleSet(saved.currency, forms, saved.locks);
    const dirty = !draft.ruleSet || !sameRules(draft.ruleSet.rules, saved.rules);
    set({ forms, formErrors: draft.errors, dirty, saveError: null, justSaved: false });
    if (previewTimer) clearTimeout(previewTimer);
    const sequence = ++previewSequence;
    if (!dirty) return set({ preview: null, previewStatus: 'idle', previewError: null });
    if (!draft.ruleSet) return set({ previewStatus: 'invalid', previewError: null });
    set({ previewStatus: 'pending' });
    const ruleSet = draft.ruleSet;
    previewTimer = setTimeout(() => {
      api()
        ['pricing.preview'](ruleSet, useUiStore.getState().language)
        .then(
          (preview) => sequence === previewSequence && set({ preview, previewStatus: 'ready', previewError: null }),
          (error: Error) =>
            sequence === previewSequence && set({ previewStatus: 'error', previewError: error.message }),
        );
    }, PREVIEW_DELAY_MS);
  };

  const adopt = (saved: RuleSet) => {
    previewSequence++;
    if (previewTimer) clearTimeout(previewTimer);
    set({
      saved,
      forms: saved.rules.map(ruleToForm),
      formErrors: {},
      dirty: false,
      preview: null,
      previewStatus: 'idle',
      previewError: null,
    });
  };

  return {
    saved: null,
    names: null,
    presets: [],
    loading: false,
    loadError: null,
    forms: [],
    formErrors: {},
    dirty: false,
    editingId: null,
    preview: null,
    previewStatus: 'idle',
    previewError: null,
    saving: false,
    saveError: null,
    justSaved: false,
    unlockError: null,
    load: async () => {
      set({ loading: get().saved === null, loadError: null });
      try {
        const [saved, names, presets] = await Promise.all([api()['pricing.rules'](), scopeNames(), tierPresets()]);
        // Presets are in the merchant's currency: ones kept from before a change of currency would be in the old one.
        const keptPresets = get().saved?.currency === saved.currency ? get().presets : [];
        set({ loading: false, names: names ?? get().names, presets: presets ?? keptPresets });
        // Coming back to the screen must not throw away an edit in progress.
        if (get().dirty && get().saved?.currency === saved.currency) set({ saved });
        else adopt(saved);
      } catch (error) {
        set({ loading: false, loadError: (error as Error).message });
      }
    },
    setEditing: (id) => set({ editingId: id }),
    updateRule: (id, patch) => edited(get().forms.map((form) => (form.id === id ? { ...form, ...patch } : form))),
    addRule: () => {
      const form = newRuleForm(
        get().forms.map((f) => f.id),
        undefined,
        roundingChoices(get().presets)[1],
      );
      edited([...get().forms, form]);
      set({ editingId: form.id });
    },
    removeRule: (id) => {
      edited(get().forms.filter((form) => form.id !== id));
      if (get().editingId === id) set({ editingId: null });
    },
    moveRule: (id, delta) => edited(moveRule(get().forms, id, delta)),
    applyPreset: (preset) => {
      edited(applyPreset(get().forms, preset));
      set({ editingId: null });
    },
    discard: () => {
      const saved = get().saved;
      if (saved) adopt(saved);
      set({ editingId: null, saveError: null });
    },
    save: async () => {
      const saved = get().saved;
      if (!saved) return;
      const draft = draftRuleSet(saved.currency, get().forms, saved.locks);
      if (!draft.ruleSet) return;
      set({ saving: true, saveError: null });
      try {
        const next = await api()['pricing.saveRules'](draft.ruleSet);
        // A rule for a plan or offer not named before is shown by its name from the start, not by its id first.
        const names = await scopeNames();
        adopt(next);
        set({ names: names ?? get().names, saving: false, justSaved: true, editingId: null });
      } catch (error) {
        set({ saving: false, saveError: (error as Error).message });
      }
    },
    unlock: async (target) => {
      set({ unlockError: null });
      try {
        const next = await api()['pricing.unlock'](target);
        if (get().dirty) {
          set({ saved: next });
          edited(get().forms);
        } else adopt(next);
      } catch (error) {
        set({ unlockError: (error as Error).message });
      }
    },

    rates: [],
    ratesBase: null,
    ratesLoaded: false,
    ratesError: null,
    rateSaving: null,
    rateError: null,
    fetchStatus: { state: 'idle', message: null },
    loadRates: async () => {
      try {
        const { base, rates } = await api()['rates.list']();
        set({ rates, ratesBase: base, ratesLoaded: true, ratesError: null });
      } catch (error) {
        set({ ratesLoaded: true, ratesError: (error as Error).message });
      }
    },
    setRate: async (currency, perUnit) => {
      set({ rateSaving: currency, rateError: null });
      try {
        const { base, rates } = await api()['rates.set']({ [currency]: perUnit });
        set({ rates, ratesBase: base, rateSaving: null });
        void afterRatesChanged();
        return true;
      } catch (error) {
        set({ rateSaving: null, rateError: { currency, message: (error as Error).message } });
        return false;
      }
    },
    fetchRates: async () => {
      set({ fetchStatus: { state: 'busy', message: null } });
      try {
        const before = new Map(
          get().rates.map((rate) => [rate.currency, `${rate.perUnit}|${rate.asOf}|${rate.source}`]),
        );
        const { base, rates } = await api()['rates.fetch']();
        const updated = rates.filter(
          (rate) => before.get(rate.currency) !== `${rate.perUnit}|${rate.asOf}|${rate.source}`,
        );
        const asOf = updated
          .map((rate) => rate.asOf)
          .sort()
          .at(-1);
        set({ rates, ratesBase: base, fetchStatus: { state: 'ok', message: null, updated: updated.length, asOf } });
        if (updated.length > 0) void afterRatesChanged();
      } catch (error) {
        set({ fetchStatus: { state: 'error', message: (error as Error).message } });
      }
    },
  };
});
