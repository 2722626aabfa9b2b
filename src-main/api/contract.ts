import type { StoredChange, SyncRun } from '../db/catalog-repo';
import type { CurrencyRate } from '../domain/currency';
import type { Money } from '../domain/money';
import type { PricePreview } from '../domain/pricing/price';
import type { LockedPrice, RuleSet } from '../domain/pricing/rules';
import type { GridPage, GridQuery, OfferRef, PlanRow } from '../grid/types';
import type { ConnectionField } from '../services/connection-fields';
import type { ConnectionInput, ConnectionView } from '../services/connections-service';
import type { SupplierSyncResult, SyncEvent } from '../sync/engine';

export interface AppInfo {
  version: string;
  /** True while the app runs on the built-in simulators because no real supplier is configured. */
  demo: boolean;
  dataDir: string;
  currency: string;
  /** Said once when secrets are sealed by a key file rather than the OS keychain. */
  secretsWarning: string | null;
}

export interface Settings {
  currency: string;
  ratesUrl: string;
  /** Minutes between automatic syncs; 0 = off (the default). */
  syncIntervalMinutes: number;
}

export interface SupplierKindInfo {
  kind: string;
  label: string;
  fields: ConnectionField[];
  baseUrls: { production?: string; sandbox?: string };
}

export interface SupplierSummary extends ConnectionView {
  demo: boolean;
  offers: number;
  lastRun: SyncRun | null;
}

export type ConnectionTest =
  | { ok: true; balance: Money | null; currency: string; detail: Record<string, string> }
  | { ok: false; error: string };

export interface ChangeView extends StoredChange {
  title: string;
}

export interface PricePoint {
  at: string;
  amount: string;
  currency: string;
}

export interface StockPoint {
  at: string;
  status: string;
  quantity: number | null;
}

export interface PlanRowDetail extends PlanRow {
  /** Per member offer ("supplier|productId|skuId|variant"), from the change log. */
  priceHistory: Record<string, PricePoint[]>;
  stockHistory: Record<string, StockPoint[]>;
}

export interface SyncState {
  running: boolean;
  supplierIds: string[];
}

/**
 * The one renderer↔main API: method name → function type. Implemented once in main (handlers.ts),
 * exposed by the preload over IPC and by the loopback bridge over HTTP, called through src-renderer/api.ts.
 * Arguments and results are plain JSON: both transports serialize them.
 */
export interface ApiContract {
  'app.info': () => Promise<AppInfo>;
  'settings.get': () => Promise<Settings>;
  'settings.update': (patch: Partial<Settings>) => Promise<Settings>;

  'suppliers.kinds': () => Promise<SupplierKindInfo[]>;
  'suppliers.list': () => Promise<SupplierSummary[]>;
  'suppliers.save': (input: ConnectionInput) => Promise<ConnectionView>;
  'suppliers.remove': (id: string) => Promise<boolean>;
  'suppliers.test': (input: ConnectionInput) => Promise<ConnectionTest>;

  'sync.run': (supplierIds?: string[]) => Promise<SupplierSyncResult[]>;
  'sync.cancel': () => Promise<void>;
  'sync.state': () => Promise<SyncState>;
  'sync.runs': (limit?: number) => Promise<SyncRun[]>;
  'sync.changes': (runId: number, language?: string) => Promise<ChangeView[]>;

  'grid.query': (query: GridQuery) => Promise<GridPage>;
  'grid.row': (id: number, language?: string) => Promise<PlanRowDetail | null>;
  'grid.link': (offer: OfferRef, planKey: string) => Promise<void>;
  'grid.unlink': (offer: OfferRef) => Promise<void>;
  'grid.resetLink': (offer: OfferRef) => Promise<void>;

  'pricing.rules': () => Promise<RuleSet>;
  'pricing.saveRules': (ruleSet: RuleSet) => Promise<RuleSet>;
  'pricing.preview': (ruleSet: RuleSet) => Promise<PricePreview>;
  'pricing.lock': (lock: LockedPrice) => Promise<RuleSet>;
  'pricing.unlock': (target: LockedPrice['target']) => Promise<RuleSet>;

  'rates.list': () => Promise<{ base: string; rates: CurrencyRate[] }>;
  'rates.set': (values: Record<string, string>) => Promise<{ base: string; rates: CurrencyRate[] }>;
  'rates.fetch': (url?: string) => Promise<{ base: string; rates: CurrencyRate[] }>;
}

export type ApiMethod = keyof ApiContract;

/** Every method name, for transports that must enumerate them (the preload and the bridge client). */
export const API_METHODS = [
  'app.info', 'settings.get', 'settings.update',
  'suppliers.kinds', 'suppliers.list', 'suppliers.save', 'suppliers.remove', 'suppliers.test',
  'sync.run', 'sync.cancel', 'sync.state', 'sync.runs', 'sync.changes',
  'grid.query', 'grid.row', 'grid.link', 'grid.unlink', 'grid.resetLink',
  'pricing.rules', 'pricing.saveRules', 'pricing.preview', 'pricing.lock', 'pricing.unlock',
  'rates.list', 'rates.set', 'rates.fetch',
] as const satisfies readonly ApiMethod[];

// Compile-time proof that API_METHODS lists every method of the contract.
type Missing = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const everyMethodListed: Missing extends never ? true : never = true;
void everyMethodListed;

/** Events main pushes to the renderer. */
export interface ApiEvents {
  'sync.event': SyncEvent;
  'sync.state': SyncState;
  /** Prices, grouping or rows changed (sync, rules, rates, links): views of the grid should refetch. */
  'grid.changed': { reason: string };
}

export type ApiEventName = keyof ApiEvents;

/** What the renderer sees as `window.supplygrid`, whichever transport is behind it. */
export type ApiClient = ApiContract & {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

export const IPC_INVOKE_CHANNEL = 'supplygrid:invoke';
export const IPC_EVENT_CHANNEL = 'supplygrid:event';
