import type { Database } from 'better-sqlite3';
import { loadAppConfig } from '../../config/app-config';
import { applySyncTimingConfig, setMerchantCurrency } from '../../db/settings';
import { startDemoSuppliers } from '../../demo/demo-suppliers';
import type { ConnectionBase } from '../../suppliers/adapter';
import type { SupplierSyncResult } from '../../../src-shared/sync-types';
import { portableSyncTarget } from '../../sync/targets';
import { syncSuppliersInThreads } from '../../sync/worker/pool';
import { acquireSyncLock, HEARTBEAT_MS, heartbeatSyncLock, releaseSyncLock } from '../../db/sync-lock';
import { ProgressBars, pad, syncingElsewhere, type Output } from '../output';
import { applyHeldCommand, heldReasonLine } from './review';
import { englishSync, runErrorEn } from '../../../src-renderer/screens/sync/run-error';
import { wordCodedText } from '../../../src-shared/coded-issue';

export interface SyncArgs {
  config?: string;
  demo?: boolean;
  json?: boolean;
  /** A complete listing even where the last one is recent: the only way to see products deleted outright. */
  full?: boolean;
  /** Apply every sync held for review first (then sync, when suppliers are named). */
  applyHeld?: boolean;
}

/** Exit code of a sync where nothing failed but a supplier's listing was held for review (`supplygrid review`). */
export const EXIT_HELD = 3;

/** Exit code of a sync stopped by Ctrl+C or SIGTERM: the shell's own for SIGINT. */
export const EXIT_INTERRUPTED = 130;

export async function syncCommand(db: Database, args: SyncArgs, output: Output): Promise<number> {
  if (!args.applyHeld && !args.config && !args.demo) return syncLocked(db, args, output);
  // Never two processes syncing one database: a cron'd sync beside the background service (or the app's own sync)
  // would list every account twice and commit over the other's catalog; a restore there checks this lock too.
  const holder = acquireSyncLock(db, 'cli');
  if (holder) {
    output.err(`supplygrid sync: ${syncingElsewhere(holder)}; nothing was synced`);
    return 1;
  }
  const heartbeat = setInterval(() => heartbeatSyncLock(db), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return await syncLocked(db, args, output);
  } finally {
    clearInterval(heartbeat);
    releaseSyncLock(db, 'cli');
  }
}

async function syncLocked(db: Database, args: SyncArgs, output: Output): Promise<number> {
  let heldCode = 0;
  if (args.applyHeld) {
    const applied = await applyHeldCommand(db, args.json ?? false, output);
    heldCode = applied.code;
    if (!args.config && !args.demo) {
      if (args.json) output.json(applied.result);
      return heldCode;
    }
  }
  if (!args.config && !args.demo) {
    output.err(
      'supplygrid sync: say where the suppliers are: --config FILE, or --demo for the built-in simulators (or --apply-held alone)',
    );
    return 2;
  }
  const connections: ConnectionBase[] = [];
  let demo: Awaited<ReturnType<typeof startDemoSuppliers>> | null = null;
  if (args.config) {
    const config = loadAppConfig(args.config);
    connections.push(...config.suppliers);
    if (config.currency) setMerchantCurrency(db, config.currency);
    applySyncTimingConfig(db, config.sync);
  }
  try {
    if (args.demo) {
      demo = await startDemoSuppliers(db);
      connections.push(...demo.connections);
      output.err(`Demo suppliers started (catalog generation ${demo.generation})`);
    }
    const targets = connections.map((connection) =>
      portableSyncTarget(connection as ConnectionBase & Record<string, unknown>),
    );
    const bars = new ProgressBars();
    // Ctrl+C (or a service manager's SIGTERM) cancels like the app's Cancel: every supplier keeps its previous catalog
    // and its run is recorded as canceled. A second Ctrl+C quits at once (the next start records those runs as
    // interrupted, the catalogs still untouched).
    const cancel = new AbortController();
    const onSignal = () => {
      if (cancel.signal.aborted) process.exit(EXIT_INTERRUPTED);
      output.err('Canceling the sync: every supplier keeps its previous catalog. Press Ctrl+C again to quit at once.');
      cancel.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const results = await syncSuppliersInThreads(db, targets, {
      signal: cancel.signal,
      mode: args.full ? 'full' : 'auto',
      onEvent: (event) => {
        if (event.type === 'progress') bars.update(event.supplierId, event);
        if (event.type === 'waiting') bars.waiting(event.supplierId, event.resumesAt);
        if (event.type === 'finished')
          bars.update(event.supplierId, { done: event.status === 'ok' ? 'done' : event.status });
      },
    }).finally(() => {
      bars.close();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    });
    if (args.json) output.json(results.map(summaryJson));
    else printSummary(results, output);
    if (cancel.signal.aborted) return EXIT_INTERRUPTED;
    if (results.some((r) => r.status === 'failed' || r.status === 'canceled') || heldCode) return 1;
    return results.some((r) => r.status === 'held') ? EXIT_HELD : 0;
  } finally {
    await demo?.close();
  }
}

function summaryJson(result: SupplierSyncResult) {
  return {
    supplier: result.supplierId,
    runId: result.runId,
    status: result.status,
    mode: result.mode,
    ...result.counts,
    held: result.held,
    error: result.error,
    skipped: result.skipped,
    requests: result.requests,
    throttled: result.throttled,
    waitMs: Math.round(result.waitMs),
    fetchMs: Math.round(result.timings.fetchMs),
    commitMs: Math.round(result.timings.commitMs),
  };
}

/** "full, 12 requests, waited 31 s for the request limit": what the run listed and what it cost the connection. */
export function costText(result: Pick<SupplierSyncResult, 'mode' | 'requests' | 'waitMs'>): string {
  const parts = [result.mode, `${result.requests} request${result.requests === 1 ? '' : 's'}`];
  if (result.waitMs >= 500) parts.push(`waited ${Math.round(result.waitMs / 1000)} s for the request limit`);
  return parts.join(', ');
}

/** The error, saying the previous catalog was kept unless its words (the deadline's, a worker's end) already do. */
function keptNote(error: string): string {
  return /previous catalog was kept/i.test(error) ? error : `${error} (previous catalog kept)`;
}

function printSummary(results: SupplierSyncResult[], output: Output): void {
  output.out('');
  for (const result of results) {
    if (result.status === 'ok' && result.counts) {
      const c = result.counts;
      output.out(
        `${pad(result.supplierId, 16)} ok      ${String(c.offers).padStart(6)} offers   +${c.added} added   -${c.removed} removed   ~${c.changed} changed${c.skipped ? `   ${c.skipped} skipped` : ''}   (${costText(result)})`,
      );
      for (const skip of result.skipped.slice(0, 5))
        output.out(
          `${' '.repeat(18)}skipped ${wordCodedText(skip.where, englishSync)}: ${wordCodedText(skip.reason, englishSync)}`,
        );
      if (result.skipped.length > 5) output.out(`${' '.repeat(18)}… and ${result.skipped.length - 5} more skipped`);
    } else if (result.status === 'held' && result.held) {
      output.out(
        `${pad(result.supplierId, 16)} HELD    ${heldReasonLine(result.held, result.supplierId)} Not applied: previous catalog kept (run ${result.runId}; \`supplygrid review\`)   (${costText(result)})`,
      );
    } else {
      output.out(
        `${pad(result.supplierId, 16)} ${result.status.toUpperCase().padEnd(7)} ${keptNote(runErrorEn(result.error))}   (${costText(result)})`,
      );
    }
  }
  const failed = results.filter((r) => r.status === 'failed' || r.status === 'canceled').length;
  const held = results.filter((r) => r.status === 'held').length;
  output.out('');
  output.out(
    failed
      ? `${failed} of ${results.length} suppliers failed. See \`supplygrid changes\` for what changed in the others.`
      : held
        ? `${results.length - held} of ${results.length} suppliers synced.`
        : `All ${results.length} suppliers synced. \`supplygrid changes\` shows what changed.`,
  );
  if (held)
    output.out(
      `${held} held for review: it would remove too much. \`supplygrid review\` lists it; apply or discard it there.`,
    );
}
