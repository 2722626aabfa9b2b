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
      onEvent: (event) => {
        if (event.type === 'progress') bars.update(event.supplierId, event);
        if (event.type === 'finished') bars.update(event.supplierId, { done: event.status === 'ok' ? 'done' : event.status });
      },
    });
    if (args.json) output.json(results.map(summaryJson));
    else printSummary(results, output);
    return results.some((r) => r.status !== 'ok') ? 1 : 0;
  } finally {
    await demo?.close();
  }
}

function summaryJson(result: SupplierSyncResult) {
  return { supplier: result.supplierId, runId: result.runId, status: result.status, ...result.counts, error: result.error, skipped: result.skipped };
}

function printSummary(results: SupplierSyncResult[], output: Output): void {
  output.out('');
  for (const result of results) {
    if (result.status === 'ok' && result.counts) {
      const c = result.counts;
      output.out(`${pad(result.supplierId, 16)} ok      ${String(c.offers).padStart(6)} offers   +${c.added} added   -${c.removed} removed   ~${c.changed} changed${c.skipped ? `   ${c.skipped} skipped` : ''}`);
      for (const skip of result.skipped.slice(0, 5)) output.out(`${' '.repeat(18)}skipped ${skip.where}: ${skip.reason}`);
      if (result.skipped.length > 5) output.out(`${' '.repeat(18)}… and ${result.skipped.length - 5} more skipped`);
    } else {
      output.out(`${pad(result.supplierId, 16)} ${result.status.toUpperCase().padEnd(7)} ${result.error} (previous catalog kept)`);
    }
  }
  const failed = results.filter((r) => r.status !== 'ok').length;
  output.out('');
  output.out(failed ? `${failed} of ${results.length} suppliers failed. See \`supplygrid changes\` for what changed in the others.` : `All ${results.length} suppliers synced. \`supplygrid changes\` shows what changed.`);
}
