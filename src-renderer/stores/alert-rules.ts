import { create } from 'zustand';
import type { AlertSecretName, AlertSettingsView } from '../../src-shared/alert-types';
import type { AlertDocument, AlertRuleType } from '../../src-shared/alert-rules';
import { api } from '../api';
import { canonicalJson } from './canonical-json';
import {
  checkDocument,
  documentProblems,
  documentToForm,
  fieldErrors,
  formToDraft,
  jsonSyntaxProblem,
  newRuleForm,
  type AlertForm,
  type AlertRuleForm,
  type ChannelsForm,
  type DocumentProblem,
  type FieldError,
} from './alert-rules-form';

export type AlertEditorMode = 'form' | 'json';

interface AlertRulesState {
  settings: AlertSettingsView | null;
  loadError: string | null;
  /** One document, edited in either mode: switching carries the edit across. */
  mode: AlertEditorMode;
  form: AlertForm;
  jsonText: string;
  /** The draft as checked by main's schema: the document to save, or why it cannot be. */
  document: AlertDocument | null;
  errors: Record<string, FieldError>;
  problems: DocumentProblem[];
  /** Fields the merchant has left; a field's error shows once it is left, every error after a refused Save. */
  touched: Record<string, true>;
  showAll: boolean;
  /** The rule just added, which takes the focus once it is on screen. */
  addedKey: string | null;
  dirty: boolean;
  saving: boolean;
  justSaved: boolean;
  saveError: string | null;
  secretError: string | null;
  load(): Promise<void>;
  updateRule(key: string, patch: Partial<AlertRuleForm>): void;
  addRule(type: AlertRuleType, currency: string): void;
  removeRule(key: string): void;
  updateChannels(patch: Partial<ChannelsForm>): void;
  touch(fieldKey: string): void;
  editJson(text: string): void;
  /** False when the JSON cannot become the form (it is not a valid document): the problems show instead. */
  setMode(mode: AlertEditorMode): boolean;
  discard(): void;
  save(): Promise<void>;
  setSecret(name: AlertSecretName, value: string | null): Promise<boolean>;
}

const EMPTY_FORM: AlertForm = documentToForm({
  rules: [],
  channels: { desktop: true, webhook: null, telegram: null, language: 'en' },
  maxPerHour: 20,
});
const asJson = (value: unknown) => JSON.stringify(value, null, 2);

export const useAlertRulesStore = create<AlertRulesState>((set, get) => {
  /** Checks the draft of the current mode against the saved document. */
  const recheck = (patch: Partial<Pick<AlertRulesState, 'form' | 'jsonText' | 'mode'>> = {}) => {
    const { settings, form, jsonText, mode } = { ...get(), ...patch };
    let draft: unknown;
    let problems: DocumentProblem[];
    let document: AlertDocument | null = null;
    let errors: Record<string, FieldError> = {};
    try {
      draft = mode === 'form' ? formToDraft(form) : JSON.parse(jsonText);
      const checked = checkDocument(draft);
      document = checked.document;
      problems = documentProblems(draft, checked.issues);
      if (mode === 'form') errors = fieldErrors(form, draft, checked.issues);
    } catch (error) {
      problems = [jsonSyntaxProblem(jsonText, error as Error)];
    }
    const dirty = !document || !settings || canonicalJson(document) !== canonicalJson(settings.document);
    set({ ...patch, document, problems, errors, dirty, justSaved: false, saveError: null });
  };

  const adopt = (settings: AlertSettingsView) =>
    set({
      settings,
      form: documentToForm(settings.document),
      jsonText: asJson(settings.document),
      document: settings.document,
      errors: {},
      problems: [],
      touched: {},
      showAll: false,
      dirty: false,
      saveError: null,
    });

  return {
    settings: null,
    loadError: null,
    mode: 'form',
    form: EMPTY_FORM,
    jsonText: '',
    document: null,
    errors: {},
    problems: [],
    touched: {},
    showAll: false,
    addedKey: null,
    dirty: false,
    saving: false,
    justSaved: false,
    saveError: null,
    secretError: null,
    load: async () => {
      try {
        const settings = await api()['alerts.settings']();
        set({ loadError: null });
        // Coming back to the screen must not throw away an edit in progress.
        if (get().dirty) {
          set({ settings });
          recheck();
        } else adopt(settings);
      } catch (error) {
        set({ loadError: (error as Error).message });
      }
    },
    updateRule: (key, patch) =>
      recheck({
        form: {
          ...get().form,
          rules: get().form.rules.map((rule) => (rule.key === key ? { ...rule, ...patch } : rule)),
        },
      }),
    addRule: (type, currency) => {
      const { form } = get();
      const added = newRuleForm(
        type,
        form.rules.map((rule) => rule.id),
        currency,
      );
      recheck({ form: { ...form, rules: [...form.rules, added] } });
      set({ addedKey: added.key });
    },
    removeRule: (key) =>
      recheck({ form: { ...get().form, rules: get().form.rules.filter((rule) => rule.key !== key) } }),
    updateChannels: (patch) => recheck({ form: { ...get().form, channels: { ...get().form.channels, ...patch } } }),
    touch: (fieldKey) => {
      if (!get().touched[fieldKey]) set({ touched: { ...get().touched, [fieldKey]: true } });
    },
    editJson: (text) => recheck({ jsonText: text }),
    setMode: (mode) => {
      const state = get();
      if (mode === state.mode) return true;
      if (mode === 'json') {
        recheck({ mode, jsonText: asJson(formToDraft(state.form)) });
        return true;
      }
      if (!state.document) {
        set({ showAll: true });
        return false;
      }
      recheck({ mode, form: documentToForm(state.document) });
      set({ touched: {}, showAll: false });
      return true;
    },
    discard: () => {
      const { settings } = get();
      if (settings) adopt(settings);
    },
    save: async () => {
      const { document } = get();
      if (!document) return set({ showAll: true });
      set({ saving: true, saveError: null });
      try {
        adopt(await api()['alerts.saveDocument'](document));
        set({ saving: false, justSaved: true });
      } catch (error) {
        set({ saving: false, saveError: (error as Error).message });
      }
    },
    setSecret: async (name, value) => {
      set({ secretError: null });
      try {
        const next = await api()['alerts.setSecret'](name, value);
        set((state) => ({ settings: state.settings ? { ...state.settings, secretsSet: next.secretsSet } : next }));
        return true;
      } catch (error) {
        set({ secretError: (error as Error).message });
        return false;
      }
    },
  };
});
