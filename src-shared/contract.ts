import type { ApiAnswer } from './api-answer';
import type { AlertSettingsView, AlertsView, StoredAlert, AlertSecretName } from './alert-types';
import type { BackupEvent, BackupsView, BackupInfo, RestoreResult } from './backup-types';
import type { StoredChange, SyncRun, SupplierSyncResult, SyncEvent, SyncRunOptions, HeldRun } from './sync-types';
import type { CurrencyRate } from '../src-main/domain/currency';
import type { ChangeKind } from '../src-main/domain/diff';
import type { Money } from '../src-main/domain/money';
import type { PricePreview } from '../src-main/domain/pricing/price';
import type { QuantityTier } from '../src-main/domain/quantity-tiers';
import type { LockedPrice, RuleSet } from '../src-main/domain/pricing/rules';
import type { ScopeNames } from '../src-main/domain/pricing/scope-names';
import type { TierPreset } from '../src-main/domain/pricing/starting-rules';
import type {
  ExportDownload,
  ExportHistoryEntry,
  ExportOptions,
  ExportPreflight,
  ExportPresetId,
  ExportPresetInfo,
  ExportPreview,
  ExportResult,
  LastExportChoice,
} from './export-types';
import type {
  BulkAction,
  BulkPreview,
  BulkResult,
  GridPage,
  GridQuery,
  GridSelection,
  OfferRef,
  PlanRow,
  MatchSuggestion,
} from './grid-types';
import type { OrderQuote, OrderView, PlaceOrderInput, SpendingCapView } from './order-types';
import type { ConnectionField, ConnectionInput, ConnectionView, ConnectionFailureCause } from './connection-types';

/** Something the app tells the merchant about, worded by the renderer (en, zh-CN). */
export interface AppNotice {
  code: 'config.secretsInClear';
  params: Record<string, string>;
}

export interface AppInfo {
  version: string;
  /** True while the app runs on the built-in simulators because no real supplier is configured. */
  demo: boolean;
  dataDir: string;
  currency: string;
  /** Said once when secrets are sealed by a key file rather than the OS keychain. */
  secretsWarning: string | null;
  /** Things to tell the merchant, as codes the renderer words (e.g. an imported suppliers.json still on disk in clear). */
  notices: AppNotice[];
}

export interface Settings {
  currency: string;
  ratesUrl: string;
  /** The merchant allowed a plain http:// rates URL to a host other than this machine (url-policy). */
  ratesUrlAllowInsecureHttp: boolean;
  /** Minutes between automatic syncs; 0 = off (the default). */
  syncIntervalMinutes: number;
  /** Most that test orders may cost per local day, in `currency` (a decimal string); null = no cap. */
  orderDailyCap: string | null;
  /**
   * A sync that would remove more than this percent of a supplier's offers (1–100; default 30) is held for review
   * instead of applied; one that would remove all of them always is.
   */
  syncHoldRemovalPercent: number;
  /** Minutes one supplier's sync may take, waits for its request limit included (sync-timing.ts: 1–720; default 60). */
  syncDeadlineMinutes: number;
  /** Hours after which a sync lists a supplier's whole catalog again (sync-timing.ts: 1–168; default 24). */
  fullListingEveryHours: number;
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
  /** `cause` sorts the failure for the form to explain (connection-test-cause.ts); `error` is the technical detail. */
  | { ok: false; cause: ConnectionFailureCause; error: string };

export interface ChangeView extends StoredChange {
  title: string;
}

/** Which page of a run's changes: titles in `language` (default en), only `kind` when given, `limit` at most 1000. */
export interface ChangePageOptions {
  language?: string;
  kind?: ChangeKind;
  offset?: number;
  limit?: number;
}

/** One page of a run's changes, in the order they were logged, with the counts of the whole run. */
export interface ChangePage {
  rows: ChangeView[];
  /** How many changes match the page's `kind` (all of the run's without one). */
  total: number;
  countsByKind: Record<ChangeKind, number>;
}

/** What today's test orders count against the daily cap, computed as a quote computes it. */
export interface DailySpending {
  spentToday: Money;
  /** Null when no cap is set. */
  cap: SpendingCapView | null;
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
  /** Per member offer with any: lower unit prices from a quantity on, in the offer's own currency. */
  quantityTiers: Record<string, QuantityTier[]>;
  /** Per member offer, its category as the supplier names it (root first), where it has a named one. */
  categoryNames: Record<string, string>;
}

/** Who holds the sync lock: the background service, the app, or the command-line tool (`supplygrid sync`, `restore`). */
export type LockHolderKind = 'daemon' | 'app' | 'cli';

export interface SyncLockHolder {
  holder: LockHolderKind;
  pid: number;
  host: string;
  processStartedAt: string;
  acquiredAt: string;
  heartbeatAt: string;
}

export interface SyncState {
  running: boolean;
  supplierIds: string[];
  /** Another process syncs this database (the background service, `supplygrid daemon`): this one does not. */
  lockedBy?: SyncLockHolder | null;
}

/**
 * The one renderer↔main API: method name → function type. Implemented once in main (src-main/api/handlers.ts),
 * exposed by the preload over IPC and by the loopback bridge over HTTP, called through src-renderer/api.ts.
 * Arguments and results are plain JSON: both transports serialize them. Each method's arguments have a schema
 * (contract-schemas.ts), checked where a call arrives.
 */
export interface ApiContract {
  'app.info': () => Promise<AppInfo>;
  'settings.get': () => Promise<Settings>;
  'settings.update': (patch: Partial<Settings>) => Promise<Settings>;
  /**
   * A native "save as" dialog, answered by the Electron shell itself; null when cancelled, and always null in a
   * browser (the bridge), where files are downloaded instead.
   */
  'shell.saveDialog': (suggestedName: string) => Promise<string | null>;

  'suppliers.kinds': () => Promise<SupplierKindInfo[]>;
  'suppliers.list': () => Promise<SupplierSummary[]>;
  'suppliers.save': (input: ConnectionInput) => Promise<ConnectionView>;
  'suppliers.remove': (id: string) => Promise<boolean>;
  'suppliers.test': (input: ConnectionInput) => Promise<ConnectionTest>;
  /** The form's problems per field as coded issues (`field: @code?params`), nothing saved: checked as each field loses focus. */
  'suppliers.check': (input: ConnectionInput) => Promise<Record<string, string>>;

  /** `options.full`: list every catalog whole (otherwise incremental where the supplier allows and the last full listing is recent). */
  'sync.run': (supplierIds?: string[], options?: SyncRunOptions) => Promise<SupplierSyncResult[]>;
  'sync.cancel': () => Promise<void>;
  'sync.state': () => Promise<SyncState>;
  'sync.runs': (limit?: number) => Promise<SyncRun[]>;
  'sync.changes': (runId: number, options?: ChangePageOptions) => Promise<ChangePage>;
  /** Runs held for review (would remove too much), oldest first; each says whether it can still be applied. */
  'sync.held': () => Promise<HeldRun[]>;
  /** Applies a held run's listing as its own commit would have; refused once a later sync superseded it. */
  'sync.applyHeld': (runId: number) => Promise<SyncRun>;
  /** Refuses a held run: the catalog stays, the run stays in the history as discarded. */
  'sync.discardHeld': (runId: number) => Promise<SyncRun>;

  'grid.query': (query: GridQuery) => Promise<GridPage>;
  'grid.row': (id: number, language?: string) => Promise<PlanRowDetail | null>;
  'grid.link': (offer: OfferRef, planKey: string) => Promise<void>;
  'grid.unlink': (offer: OfferRef) => Promise<void>;
  'grid.resetLink': (offer: OfferRef) => Promise<void>;
  /** Plan keys of the rows `query` matches from `offset` (at most 20,000): a shift-click range beyond the loaded pages. */
  'grid.planKeys': (query: GridQuery, offset: number, limit: number) => Promise<string[]>;
  /** What a bulk action would do to the selection (rows, and those a lock would sell below cost), without doing it. */
  'grid.bulkPreview': (selection: GridSelection, action: BulkAction, language?: string) => Promise<BulkPreview>;
  /** Applies a bulk action; a lock selling below cost is refused (`@grid.bulk.belowCost`) unless `confirmBelowCost`. */
  'grid.bulkApply': (
    selection: GridSelection,
    action: BulkAction,
    options?: { confirmBelowCost?: boolean },
  ) => Promise<BulkResult>;
  /** Doubtful matches not yet decided (of one row, when given): accept = grid.link to its row, reject = grid.unlink. */
  'grid.suggestions': (language?: string, rowId?: number) => Promise<MatchSuggestion[]>;

  'pricing.rules': () => Promise<RuleSet>;
  /** The names of the plans, offers and categories the saved rules and locks point at, in every UI language. */
  'pricing.names': () => Promise<ScopeNames>;
  /** The Pricing screen's presets: store-wide tiers sized for the merchant's currency (under ¥1,000, not under ¥5). */
  'pricing.presets': () => Promise<TierPreset[]>;
  'pricing.saveRules': (ruleSet: RuleSet) => Promise<RuleSet>;
  'pricing.preview': (ruleSet: RuleSet, language?: string) => Promise<PricePreview>;
  'pricing.lock': (lock: LockedPrice) => Promise<RuleSet>;
  'pricing.unlock': (target: LockedPrice['target']) => Promise<RuleSet>;

  'rates.list': () => Promise<{ base: string; rates: CurrencyRate[] }>;
  'rates.set': (values: Record<string, string>) => Promise<{ base: string; rates: CurrencyRate[] }>;
  'rates.fetch': (url?: string) => Promise<{ base: string; rates: CurrencyRate[] }>;

  /** Cost, what will be charged, the live supplier balance and what the daily cap leaves, before ordering. */
  'orders.quote': (offer: OfferRef, quantity?: number) => Promise<OrderQuote>;
  /** Today's spend and what the daily cap leaves of it, exactly as the next quote would count them. */
  'orders.cap': () => Promise<DailySpending>;
  /** Records and sends a test order (`confirm: true` required); resolves after the supplier's first answer. */
  'orders.place': (input: PlaceOrderInput) => Promise<OrderView>;
  /** Newest first; deliveries masked. */
  'orders.list': (limit?: number) => Promise<OrderView[]>;
  'orders.get': (id: number) => Promise<OrderView | null>;
  /** The order with its delivery unmasked (activation code, PIN, the supplier's QR image). */
  'orders.reveal': (id: number) => Promise<OrderView>;
  'orders.cancel': (id: number) => Promise<OrderView>;
  /** Completes an order with a pasted notification body (e.g. BillionConnect N009) or activation code. */
  'orders.completeManually': (id: number, text: string) => Promise<OrderView>;
  /** Our QR of the order's activation code, as a PNG data: URI; `esimIndex` for one eSIM of an order for several. */
  'orders.qr': (id: number, esimIndex?: number) => Promise<string>;

  /** Presets with their header row for these title languages (default `['en']`). */
  'export.presets': (languages?: string[]) => Promise<ExportPresetInfo[]>;
  /** Header and first `limit` rows (default 20) exactly as the file would hold them; records nothing. */
  'export.preview': (options: ExportOptions, limit?: number) => Promise<ExportPreview>;
  /** The rows the export would write below cost or without a price (at most `limit`, 100 by default); records nothing. */
  'export.preflight': (options: ExportOptions, limit?: number) => Promise<ExportPreflight>;
  /** Streams the export to `file` (an absolute .csv path, e.g. from a save dialog) and records it. */
  'export.run': (options: ExportOptions & { file: string }) => Promise<ExportResult>;
  /** The CSV text of a small export (at most 20,000 rows), for a browser download; recorded like a file export. */
  'export.csv': (options: ExportOptions) => Promise<ExportDownload>;
  'export.history': (limit?: number) => Promise<ExportHistoryEntry[]>;
  /** The options (and file) last used with this preset, to prefill the export screen; null before the first. */
  'export.lastOptions': (preset: ExportPresetId) => Promise<LastExportChoice | null>;

  /** The backups in the data folder's backups/ (newest first) and the last automatic one that failed. */
  'backups.list': () => Promise<BackupsView>;
  'backups.create': () => Promise<BackupInfo>;
  /** Restores a listed backup by name, after backing up the current database (the result names that undo backup). */
  'backups.restore': (name: string) => Promise<RestoreResult>;

  /** The notification centre: newest first, with the unread count. */
  'alerts.list': (limit?: number) => Promise<AlertsView>;
  /** Marks these alerts read (every unread one with null). */
  'alerts.markRead': (ids: number[] | null) => Promise<AlertsView>;
  /** The rules document and which channel secrets are set (never the secrets). */
  'alerts.settings': () => Promise<AlertSettingsView>;
  'alerts.saveDocument': (document: unknown) => Promise<AlertSettingsView>;
  /** Seals a channel secret (webhook signing secret, Telegram bot token); null removes it. */
  'alerts.setSecret': (name: AlertSecretName, value: string | null) => Promise<AlertSettingsView>;
}

export type ApiMethod = keyof ApiContract;

/** Every method name, for transports that must enumerate them (the preload and the bridge client). */
export const API_METHODS = [
  'app.info',
  'settings.get',
  'settings.update',
  'shell.saveDialog',
  'suppliers.kinds',
  'suppliers.list',
  'suppliers.save',
  'suppliers.remove',
  'suppliers.test',
  'suppliers.check',
  'sync.run',
  'sync.cancel',
  'sync.state',
  'sync.runs',
  'sync.changes',
  'sync.held',
  'sync.applyHeld',
  'sync.discardHeld',
  'grid.query',
  'grid.row',
  'grid.link',
  'grid.unlink',
  'grid.resetLink',
  'grid.planKeys',
  'grid.bulkPreview',
  'grid.bulkApply',
  'grid.suggestions',
  'pricing.rules',
  'pricing.names',
  'pricing.presets',
  'pricing.saveRules',
  'pricing.preview',
  'pricing.lock',
  'pricing.unlock',
  'rates.list',
  'rates.set',
  'rates.fetch',
  'orders.quote',
  'orders.cap',
  'orders.place',
  'orders.list',
  'orders.get',
  'orders.reveal',
  'orders.cancel',
  'orders.completeManually',
  'orders.qr',
  'export.presets',
  'export.preview',
  'export.preflight',
  'export.run',
  'export.csv',
  'export.history',
  'export.lastOptions',
  'backups.list',
  'backups.create',
  'backups.restore',
  'alerts.list',
  'alerts.markRead',
  'alerts.settings',
  'alerts.saveDocument',
  'alerts.setSecret',
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
  /** An order changed (status, delivery, a timeline note); delivery masked. */
  'order.updated': OrderView;
  /** A backup was made or failed, or one was restored. */
  'backup.event': BackupEvent;
  /** A new alert (already recorded); `deliveries.desktop === 'requested'` asks the Electron shell for a notification. */
  'alert.raised': StoredAlert & { text: string };
  /** Evaluating the alert rules failed (the daemon logs it). */
  'alert.failed': { error: string };
}

export type ApiEventName = keyof ApiEvents;

/** Every event name, for transports that forward them (IPC, the loopback bridge, the services worker). */
export const API_EVENT_NAMES = [
  'sync.event',
  'sync.state',
  'grid.changed',
  'order.updated',
  'backup.event',
  'alert.raised',
  'alert.failed',
] as const satisfies readonly ApiEventName[];

// Compile-time proof that API_EVENT_NAMES lists every event.
type MissingEvent = Exclude<ApiEventName, (typeof API_EVENT_NAMES)[number]>;
const everyEventListed: MissingEvent extends never ? true : never = true;
void everyEventListed;

/** What the renderer calls the contract through (src-renderer/api.ts), whichever transport is behind it. */
export type ApiClient = ApiContract & {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

/**
 * A transport as the renderer's client uses it: the preload's `window.supplygrid` over IPC, or the loopback bridge's
 * stand-in in a browser. Every call is answered, errors included (api-answer.ts).
 */
export interface ApiTransport {
  invoke(method: ApiMethod, args: unknown[]): Promise<ApiAnswer>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

export const IPC_INVOKE_CHANNEL = 'supplygrid:invoke';
export const IPC_EVENT_CHANNEL = 'supplygrid:event';
