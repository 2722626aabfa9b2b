import type { CatalogChange } from '../src-main/domain/diff';
import type { HoldReason } from './hold-policy';

// A sync run as it crosses to the renderer: the run as stored, its changes, its progress events and its result.

export interface SkippedItem {
  /**
   * Where in the upstream the item sat ("page 3, item 17 (id 1042)") and why it was skipped, as coded texts
   * (skipped-text.ts, issue-codes.ts) the renderer words; a run stored before the codes keeps its English.
   */
  where: string;
  reason: string;
  /**
   * The upstream product the item belongs to, when it could be told. A product we could not read this time is
   * not gone: its previous offers are kept as they were instead of being marked removed.
   */
  productId?: string;
  /** Narrows the protection to one SKU where the product id covers several upstream items (SEAGM categories). */
  skuId?: string;
}

/** 'held': listed, not applied, waiting for the merchant (applied: 'ok'; refused: 'discarded'). */
export type RunStatus = 'running' | 'ok' | 'failed' | 'canceled' | 'held' | 'discarded';

export interface SyncRun {
  id: number;
  supplierId: string;
  supplierKind: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  offers: number;
  added: number;
  removed: number;
  changed: number;
  skipped: number;
  skippedItems: SkippedItem[];
  error: string | null;
  /** How the run listed: a failed run says what it asked for, an ok one what it got (a server may ignore the filter). */
  mode: SyncMode;
  /** The change in the connection's request budget over the run. */
  requests: number;
  throttled: number;
  /** Time spent waiting for the supplier's request limit. */
  waitMs: number;
  bytes: number;
  /** Null for runs recorded before these were measured (and commitMs for runs that never reached their commit). */
  fetchMs: number | null;
  commitMs: number | null;
  /**
   * Why the run was held for review; kept after it was applied or discarded. While held, the counts are what its
   * commit would make.
   */
  held: HoldReason | null;
  /** When a held run was applied or discarded. */
  resolvedAt: string | null;
}

export type SyncMode = 'full' | 'incremental';

/** What a run's commit made of the catalog (or, for a held run, what applying it would make). */
export interface RunCounts {
  offers: number;
  added: number;
  removed: number;
  changed: number;
  skipped: number;
}

export interface StoredChange extends CatalogChange {
  runId: number;
  supplierId: string;
}

export interface HeldRun extends SyncRun {
  /** A later sync of the supplier was applied: this one can no longer be applied, only discarded. */
  superseded: boolean;
}

/** What a caller of `sync.run` may ask for beyond which suppliers. */
export interface SyncRunOptions {
  /** A complete listing even where the last one is recent: the only listing that shows products deleted outright. */
  full?: boolean;
}

export interface FetchProgress {
  pagesDone: number;
  /** Null while the upstream has not said how many pages there are. */
  pagesTotal: number | null;
  items: number;
}

export type SyncEvent =
  | { type: 'started'; supplierId: string; runId: number; mode?: SyncMode }
  | ({ type: 'progress'; supplierId: string; runId: number } & FetchProgress)
  /** The supplier's request limit holds requests back until `resumesAt` (epoch ms); null: they go again. */
  | { type: 'waiting'; supplierId: string; runId: number; resumesAt: number | null }
  | {
      type: 'finished';
      supplierId: string;
      runId: number;
      status: SupplierRunStatus;
      counts?: RunCounts;
      error?: string;
      held?: HoldReason;
      /** What the run cost the connection, as its record keeps it (the background service logs it). */
      cost?: RunCost;
    };

/** How a run listed, and what it cost: requests, bytes, time waiting for the request limit, time fetching (ms). */
export interface RunCost {
  mode: SyncMode;
  requests: number;
  bytes: number;
  waitMs: number;
  fetchMs: number;
}

/** 'held': listed completely, but held for the merchant's review instead of applied (see hold-policy). */
export type SupplierRunStatus = 'ok' | 'held' | 'failed' | 'canceled';

export interface SupplierSyncResult {
  supplierId: string;
  runId: number;
  status: SupplierRunStatus;
  /**
   * 'incremental' when the run read only changes: the supplier really sent just its changes, or (a supplier that can
   * only list everything) items listed exactly as before were reused unread. 'full' when it read every item.
   */
  mode: SyncMode;
  /** For a held run: what applying it would make. */
  counts: RunCounts | null;
  /** Why the run was held; null unless status is 'held'. */
  held: HoldReason | null;
  skipped: SkippedItem[];
  error: string | null;
  /**
   * Where the time went: fetching and mapping the catalog (waits for the request limit included), then the one
   * transaction that stores it; and what it cost the connection's request budget.
   */
  timings: { fetchMs: number; commitMs: number };
  requests: number;
  waitMs: number;
  throttled: number;
  bytes: number;
}
