import type { StoredChange, SyncRun } from '../db/catalog-repo';
import type { SupplierSyncResult, SyncEvent } from '../sync/engine';

export interface AppInfo {
  version: string;
  /** True while the app runs on the built-in simulators instead of real supplier accounts. */
  demo: boolean;
  dataDir: string;
}

export interface SupplierSummary {
  id: string;
  kind: string;
  name: string;
  offers: number;
  lastRun: SyncRun | null;
}

/**
 * The one renderer↔main API: method name → function type. Implemented once in main (handlers.ts),
 * exposed by the preload over IPC and by the loopback bridge over HTTP, called by src-renderer/api.ts.
 * Arguments and results are plain JSON: both transports serialize them.
 */
export interface ApiContract {
  'app.info': () => Promise<AppInfo>;
  'suppliers.list': () => Promise<SupplierSummary[]>;
  'sync.runAll': () => Promise<SupplierSyncResult[]>;
  'sync.runs': (limit?: number) => Promise<SyncRun[]>;
  'sync.changes': (runId: number) => Promise<StoredChange[]>;
}

export type ApiMethod = keyof ApiContract;

/** Every method name, for transports that must enumerate them (the preload builds its object from this). */
export const API_METHODS = ['app.info', 'suppliers.list', 'sync.runAll', 'sync.runs', 'sync.changes'] as const satisfies readonly ApiMethod[];

// Compile-time proof that API_METHODS lists every method of the contract.
type Missing = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const everyMethodListed: Missing extends never ? true : never = true;
void everyMethodListed;

/** Events main pushes to the renderer. */
export interface ApiEvents {
  'sync.event': SyncEvent;
}

export type ApiEventName = keyof ApiEvents;

/** What the renderer sees as `window.supplygrid`, whichever transport is behind it. */
export type ApiClient = ApiContract & {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

export const IPC_INVOKE_CHANNEL = 'supplygrid:invoke';
export const IPC_EVENT_CHANNEL = 'supplygrid:event';
