import type { MessagePort } from 'node:worker_threads';
import type { BudgetTuning } from '../../http/budget-policy';
import type { AdapterEnv, ConnectionBase } from '../../suppliers/adapter';
import type { HoldThresholds } from '../../../src-shared/hold-policy';
import type { SupplierSyncResult, SyncEvent } from '../../../src-shared/sync-types';
import type { SyncModeRequest } from '../engine';
import type { LearntEntry } from '../../suppliers/shared/thread-shared';

/** An adapter's tuning that can cross to another thread: no functions, no live budget. */
export type PortableAdapterEnv = Omit<AdapterEnv, 'now' | 'budget' | 'budgetTuning'> & {
  budgetTuning?: Omit<BudgetTuning, 'clock'>;
};

/** What a worker needs to make a target's adapter itself: the connection (credentials included) and its tuning. */
export interface PortableTarget {
  connection: ConnectionBase & Record<string, unknown>;
  env: PortableAdapterEnv;
}

export interface SyncWorkerData {
  dbFile: string;
  nativeBinding?: string;
  targets: PortableTarget[];
  options: {
    concurrency: number;
    mode?: SyncModeRequest;
    fullEveryMs?: number;
    /** The sync's deadline, as the starter's Date.now() read it (SyncOptions.deadlineAt). */
    deadlineAt?: number;
    holdThresholds?: HoldThresholds;
    /** The caller's clock, read once when the sync started (it decides full vs incremental). */
    nowMs?: number;
  };
  /** What the starter's thread learnt of hosts (clock offsets, path families): the worker starts from it. */
  learnt: LearntEntry[];
  /** The worker's end of the request-budget channel (budget-remote.ts). */
  budgetPort: MessagePort;
  /** The worker's end of the login-session channel (login-sessions.ts). */
  sessionPort: MessagePort;
}

/** Worker → starter. */
export type SyncWorkerMessage =
  | { type: 'event'; event: SyncEvent }
  | {
      type: 'results';
      results: SupplierSyncResult[];
      /** What the worker learnt of hosts beyond what it was handed, for the starter to take. */
      learnt: LearntEntry[];
    };

/** Starter → worker. */
export type SyncWorkerCommand = { type: 'cancel' };
