import type { Database } from 'better-sqlite3';
import { commitCatalog, finishRunWithoutCatalog, startRun, type CommitResult, type SkippedItem } from '../db/catalog-repo';
import { offerKey, type Offer } from '../domain/offer';
import { CanceledError, describeError } from '../http/errors';
import type { FetchProgress, SupplierAdapter } from '../suppliers/adapter';

export interface SyncTarget {
  supplierId: string;
  supplierKind: string;
  adapter: SupplierAdapter;
}

export type SyncEvent =
  | { type: 'started'; supplierId: string; runId: number }
  | ({ type: 'progress'; supplierId: string; runId: number } & FetchProgress)
  | { type: 'finished'; supplierId: string; runId: number; status: 'ok' | 'failed' | 'canceled'; counts?: CommitResult['counts']; error?: string };

export interface SupplierSyncResult {
  supplierId: string;
  runId: number;
  status: 'ok' | 'failed' | 'canceled';
  counts: CommitResult['counts'] | null;
  skipped: SkippedItem[];
  error: string | null;
  /** Where the time went: fetching and mapping the catalog, then the one transaction that stores it. */
  timings: { fetchMs: number; commitMs: number };
}

export interface SyncOptions {
  /** Suppliers fetched at once; each supplier still limits its own request rate. */
  concurrency?: number;
  signal?: AbortSignal;
  onEvent?: (event: SyncEvent) => void;
}

/**
 * Syncs every target, a few at a time, each independently: one supplier failing (or being canceled)
 * neither stops nor touches the others. Never rejects; each result says how its supplier ended.
 */
export async function syncSuppliers(db: Database, targets: SyncTarget[], options: SyncOptions = {}): Promise<SupplierSyncResult[]> {
  const results: SupplierSyncResult[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      results[index] = await syncSupplier(db, targets[index], options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 3, targets.length)) }, worker));
  return results;
}

/**
 * Fetches a supplier's whole catalog into memory, then replaces the stored one in a single transaction.
 * Anything that goes wrong before that transaction (HTTP, bad JSON, an incomplete listing, a crash of the
 * adapter, cancelation) leaves the previous catalog exactly as it was and records the run as failed.
 */
export async function syncSupplier(db: Database, target: SyncTarget, options: SyncOptions = {}): Promise<SupplierSyncResult> {
  const { supplierId } = target;
  const runId = startRun(db, supplierId, target.supplierKind);
  options.onEvent?.({ type: 'started', supplierId, runId });
  const offers: Offer[] = [];
  const skipped: SkippedItem[] = [];
  const seen = new Set<string>();
  const started = performance.now();
  const timings = { fetchMs: 0, commitMs: 0 };
  try {
    const pages = target.adapter.fetchCatalog({
      signal: options.signal,
      onProgress: (progress) => options.onEvent?.({ type: 'progress', supplierId, runId, ...progress }),
    });
    for await (const page of pages) {
      if (options.signal?.aborted) throw new CanceledError();
      skipped.push(...page.skipped);
      for (const offer of page.offers) {
        const key = offerKey(offer);
        if (seen.has(key)) {
          skipped.push({ where: `product ${offer.productId}, sku ${offer.skuId}${offer.variant ? `, variant ${offer.variant}` : ''}`, reason: 'listed twice; first kept' });
          continue;
        }
        seen.add(key);
        offers.push(offer);
      }
    }
    if (options.signal?.aborted) throw new CanceledError();
    timings.fetchMs = performance.now() - started;
    const committed = commitCatalog(db, runId, supplierId, offers, skipped);
    timings.commitMs = performance.now() - started - timings.fetchMs;
    options.onEvent?.({ type: 'finished', supplierId, runId, status: 'ok', counts: committed.counts });
    return { supplierId, runId, status: 'ok', counts: committed.counts, skipped, error: null, timings };
  } catch (error) {
    const canceled = error instanceof CanceledError || options.signal?.aborted === true;
    const status = canceled ? 'canceled' : 'failed';
    const message = canceled ? 'canceled' : describeError(error);
    finishRunWithoutCatalog(db, runId, status, message, skipped);
    options.onEvent?.({ type: 'finished', supplierId, runId, status, error: message });
    timings.fetchMs = performance.now() - started;
    return { supplierId, runId, status, counts: null, skipped, error: message, timings };
  }
}
