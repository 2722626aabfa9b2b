import type { Database } from 'better-sqlite3';
import { loadAppConfig } from '../../config/app-config';
import { setMerchantCurrency } from '../../db/settings';
import { startDemoSuppliers } from '../../demo/demo-suppliers';
import type { ConnectionBase } from '../../suppliers/adapter';
import { syncSuppliers, type SupplierSyncResult } from '../../sync/engine';
import { syncTargetFor } from '../../sync/targets';
import { ProgressBars, pad, type Output } from '../output';

export interface SyncArgs {
  config?: string;
  demo?: boolean;
  json?: boolean;
  /** A complete listing even where the last one is recent: the only way to see products deleted outright. */
  full?: boolean;
}

export async function syncCommand(db: Database, args: SyncArgs, output: Output): Promise<number> {
  if (!args.config && !args.demo) {
    output.err('supplygrid sync: say where the suppliers are: --config FILE, or --demo for the built-in simulators');
    return 2;
  }
  const connections: ConnectionBase[] = [];
  let demo: Awaited<ReturnType<typeof startDemoSuppliers>> | null = null;
  if (args.config) {
    const config = loadAppConfig(args.config);
    connections.push(...config.suppliers);
    if (config.currency) setMerchantCurrency(db, config.currency);
  }
  try {
    if (args.demo) {
      demo = await startDemoSuppliers(db);
      connections.push(...demo.connections);
      output.err(`Demo suppliers started (catalog generation ${demo.generation})`);
    }
    const targets = connections.map((connection) => syncTargetFor(connection));
    const bars = new ProgressBars();
    const results = await syncSuppliers(db, targets, {
      mode: args.full ? 'full' : 'auto',
      onEvent: (event) => {
        if (event.type === 'progress') bars.update(event.supplierId, event);
        if (event.type === 'waiting') bars.waiting(event.supplierId, event.resumesAt);
        if (event.type === 'finished') bars.update(event.supplierId, { done: event.status === 'ok' ? 'done' : event.status });
      },
    }).finally(() => bars.close());
    if (args.json) output.json(results.map(summaryJson));
    else printSummary(results, output);
    return results.some((r) => r.status !== 'ok') ? 1 : 0;
  } finally {
    await demo?.close();
  }
}

function summaryJson(result: SupplierSyncResult) {
  return {
    supplier: result.supplierId, runId: result.runId, status: result.status, mode: result.mode, ...result.counts, error: result.error, skipped: result.skipped,
    requests: result.requests, throttled: result.throttled, waitMs: Math.round(result.waitMs), fetchMs: Math.round(result.timings.fetchMs), commitMs: Math.round(result.timings.commitMs),
  };
}

/** "full, 12 requests, waited 31 s for the request limit": what the run listed and what it cost the connection. */
export function costText(result: SupplierSyncResult): string {
  const parts = [result.mode, `${result.requests} request${result.requests === 1 ? '' : 's'}`];
  if (result.waitMs >= 500) parts.push(`waited ${Math.round(result.waitMs / 1000)} s for the request limit`);
  return parts.join(', ');
}

function printSummary(results: SupplierSyncResult[], output: Output): void {
  output.out('');
  for (const result of results) {
    if (result.status === 'ok' && result.counts) {
      const c = result.counts;
      output.out(`${pad(result.supplierId, 16)} ok      ${String(c.offers).padStart(6)} offers   +${c.added} added   -${c.removed} removed   ~${c.changed} changed${c.skipped ? `   ${c.skipped} skipped` : ''}   (${costText(result)})`);
      for (const skip of result.skipped.slice(0, 5)) output.out(`${' '.repeat(18)}skipped ${skip.where}: ${skip.reason}`);
      if (result.skipped.length > 5) output.out(`${' '.repeat(18)}… and ${result.skipped.length - 5} more skipped`);
    } else {
      output.out(`${pad(result.supplierId, 16)} ${result.status.toUpperCase().padEnd(7)} ${result.error} (previous catalog kept)   (${costText(result)})`);
    }
  }
  const failed = results.filter((r) => r.status !== 'ok').length;
  output.out('');
  output.out(failed ? `${failed} of ${results.length} suppliers failed. See \`supplygrid changes\` for what changed in the others.` : `All ${results.length} suppliers synced. \`supplygrid changes\` shows what changed.`);
}
