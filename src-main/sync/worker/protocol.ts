import type { MessagePort } from 'node:worker_threads';
import type { BudgetTuning } from '../../http/budget-policy';
import type { AdapterEnv, ConnectionBase } from '../../suppliers/adapter';
import type { HoldThresholds } from '../../../src-shared/hold-policy';
import type { SupplierSyncResult, SyncEvent } from '../../../src-shared/sync-types';
import type { SyncModeRequest } from '../engine';

/** An adapter's tuning that can cross to another thread: no functions, no live budget. */
export type PortableAdapterEnv = Omit<AdapterEnv, 'now' | 'budget' | 'budgetTuning'> & {
  budgetTuning?: Omit<BudgetTuning, 'clock'>;
};

/** What a worker needs to make a target's adapter itself: the connection (credentials included) and its tuning. */
export interface PortableTarget {
  connection: ConnectionBase & Record<string, unknown>;
  env: PortableAdapterEnv;
  /** The starter's login session token of the account (SupplierAdapter.session), for the worker to go on with. */
  session?: string;
}

export interface SyncWorkerData {
  dbFile: string;
  nativeBinding?: string;
  targets: PortableTarget[];
  options: {
    concurrency: number;
    mode?: SyncModeRequest;
    fullEveryMs?: number;
    deadlineMs?: number;
    holdThresholds?: HoldThresholds;
    /** The caller's clock, read once when the sync started (it decides full vs incremental). */
    nowMs?: number;
  };
  /** The worker's end of the request-budget channel (budget-remote.ts). */
  budgetPort: MessagePort;
}

/** Worker → starter. */
export type SyncWorkerMessage =
  | { type: 'event'; event: SyncEvent }
  | {
      type: 'results';
      results: SupplierSyncResult[];
      /** Each target's login session token as the worker ends with it, by supplier id, for the starter to take. */
      sessions: Record<string, string>;
    };

/** Starter → worker. */
export type SyncWorkerCommand = { type: 'cancel' };
