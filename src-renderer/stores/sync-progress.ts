import type { SyncState } from '../../src-shared/contract';
import type { SyncEvent } from '../../src-shared/sync-types';

/** 'held': listed, but held for the merchant's review; 'discarded': a held run the merchant refused. */
export type SupplierPhase = 'queued' | 'running' | 'ok' | 'held' | 'discarded' | 'failed' | 'canceled';

export interface SupplierProgress {
  supplierId: string;
  /** Null while queued: the run row is created only when the supplier's turn comes. */
  runId: number | null;
  phase: SupplierPhase;
  pagesDone: number;
  /** Null while the upstream has not said how many pages there are: the bar is then indeterminate. */
  pagesTotal: number | null;
  items: number;
  counts: { offers: number; added: number; removed: number; changed: number; skipped: number } | null;
  error: string | null;
  /** While the supplier's request limit holds requests back: when they resume (epoch ms). Null otherwise. */
  waitingUntil: number | null;
  /** The listing the run asked for, once started. */
  mode: 'full' | 'incremental' | null;
}

export type ProgressBySupplier = Readonly<Record<string, SupplierProgress>>;

const blank = (supplierId: string, runId: number | null, phase: SupplierPhase): SupplierProgress => ({
  supplierId,
  runId,
  phase,
  pagesDone: 0,
  pagesTotal: null,
  items: 0,
  counts: null,
  error: null,
  waitingUntil: null,
  mode: null,
});

/**
 * Folds one engine event into the per-supplier progress. Events of an older run than the one shown are
 * dropped, so a late event from a previous sync can never move a bar backwards or resurrect a finished run.
 */
export function reduceSyncEvent(state: ProgressBySupplier, event: SyncEvent): ProgressBySupplier {
  const current = state[event.supplierId];
  if (current?.runId !== null && current?.runId !== undefined && event.runId < current.runId) return state;
  const sameRun = current?.runId === event.runId;
  switch (event.type) {
    case 'started':
      return {
        ...state,
        [event.supplierId]: { ...blank(event.supplierId, event.runId, 'running'), mode: event.mode ?? null },
      };
    case 'waiting': {
      if (sameRun && current.phase !== 'running') return state;
      const base = sameRun ? current : blank(event.supplierId, event.runId, 'running');
      return { ...state, [event.supplierId]: { ...base, waitingUntil: event.resumesAt } };
    }
    case 'progress': {
      if (sameRun && current.phase !== 'running') return state;
      const base = sameRun ? current : blank(event.supplierId, event.runId, 'running');
      return {
        ...state,
        [event.supplierId]: {
          ...base,
          pagesDone: event.pagesDone,
          pagesTotal: event.pagesTotal,
          items: event.items,
          // Pages already under way when the wait began land during it: only its end (announced as null) clears it.
          waitingUntil: base.waitingUntil,
        },
      };
    }
    case 'finished': {
      const base = sameRun ? current : blank(event.supplierId, event.runId, event.status);
      return {
        ...state,
        [event.supplierId]: {
          ...base,
          phase: event.status,
          counts: event.counts ?? null,
          error: event.status === 'ok' ? null : (event.error ?? null),
          waitingUntil: null,
        },
      };
    }
  }
}

/**
 * Folds a sync.state announcement in. The engine emits the first suppliers' "started" events before the
 * state event, so a supplier already running keeps its bar; the others in the batch wait as "queued".
 * When the sync is over, anything still unfinished lost its events (a dropped stream) and is cleared
 * rather than left spinning forever.
 */
export function reduceSyncState(state: ProgressBySupplier, syncState: SyncState): ProgressBySupplier {
  const next: Record<string, SupplierProgress> = { ...state };
  if (syncState.running) {
    for (const supplierId of syncState.supplierIds) {
      if (next[supplierId]?.phase !== 'running') next[supplierId] = blank(supplierId, null, 'queued');
    }
  } else {
    for (const [supplierId, progress] of Object.entries(next)) {
      if (progress.phase === 'queued' || progress.phase === 'running') delete next[supplierId];
    }
  }
  return next;
}

/** 0…1, or null for an indeterminate bar (a running fetch that has not said how many pages it has). */
export function progressFraction(progress: SupplierProgress): number | null {
  if (progress.phase === 'queued') return 0;
  if (progress.phase !== 'running') return 1;
  if (progress.pagesTotal === null || progress.pagesTotal <= 0) return null;
  return Math.min(1, progress.pagesDone / progress.pagesTotal);
}

export function isActive(progress: SupplierProgress | undefined): boolean {
  return progress?.phase === 'queued' || progress?.phase === 'running';
}

/** Whole seconds until a waiting supplier resumes (never negative: a late resume reads "0 s", not a count up). */
export function secondsUntil(resumesAt: number, now: number): number {
  return Math.max(0, Math.ceil((resumesAt - now) / 1000));
}
