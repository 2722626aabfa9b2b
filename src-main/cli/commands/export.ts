import type { Database } from 'better-sqlite3';
import { ExportOptionsError, parseExportOptions } from '../../export/options';
import { storeAmount } from '../../export/store-amount';
import { exportHistory, ExportNeedsDecisionError, preflightExport, runExport } from '../../export/service';
import type {
  ExportOptions,
  ExportPreflight,
  FlaggedRow,
  PreflightRecord,
  SampleRatesUsed,
} from '../../../src-shared/export-types';
import type { Money } from '../../domain/money';
import { pad, type Output } from '../output';

export interface ExportArgs {
  preset?: string;
  out?: string;
  lang?: string;
  currency?: string;
  inStock?: boolean;
  sinceLastExport?: boolean;
  outOfStock?: string;
  fillLanguages?: boolean;
  flagged?: string;
}

const list = (text: string | undefined) =>
  text
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export async function exportCommand(db: Database, args: ExportArgs, output: Output): Promise<number> {
  if (!args.preset || !args.out) {
    output.err(
      'supplygrid export needs --preset (generic, shopify, shopify-legacy, woocommerce, dujiao-next) and --out FILE',
    );
    return 2;
  }
  let options: ExportOptions;
  try {
    // The CLI's own choice is between the two answers; `ask` is what not passing the flag means.
    if (args.flagged !== undefined && args.flagged !== 'exclude' && args.flagged !== 'keep')
      throw new ExportOptionsError('--flagged: must be exclude or keep');
    options = parseExportOptions({
      preset: args.preset,
      ...(args.lang ? { languages: list(args.lang) } : {}),
      ...(args.currency ? { currency: args.currency } : {}),
      ...(args.inStock ? { inStockOnly: true } : {}),
      ...(args.sinceLastExport ? { changedSinceLastExport: true } : {}),
      ...(args.outOfStock ? { outOfStock: args.outOfStock } : {}),
      ...(args.fillLanguages ? { fillMissingLanguages: true } : {}),
      ...(args.flagged ? { flaggedRows: args.flagged } : {}),
    });
  } catch (error) {
    if (!(error instanceof ExportOptionsError)) throw error;
    output.err(`supplygrid: ${error.message}`);
    return 2;
  }
  // Always, whatever --flagged says: a cron'd export must hear that its prices rest on sample rates too.
  const asking = options.flaggedRows === 'ask';
  const preflight = preflightExport(db, options, {}, asking ? FLAGGED_SHOWN : 0);
  if (preflight.sampleRates) output.err(sampleRatesWarning(preflight.sampleRates));
  if (asking && preflight.belowCost + preflight.noPrice > 0) return needsDecision(preflight, output);
  let result;
  try {
    result = await runExport(db, options, args.out);
  } catch (error) {
    // The grid changed between the preflight and the file (a sync in the app): show what is flagged now.
    if (error instanceof ExportNeedsDecisionError)
      return needsDecision(preflightExport(db, options, {}, FLAGGED_SHOWN), output);
    throw error;
  }
  const what = `${result.rows.toLocaleString('en')} ${result.rows === 1 ? 'row' : 'rows'}`;
  output.out(`Wrote ${what} to ${result.file} (${result.preset}, prices in ${result.currency})`);
  output.out(preflightLine(result.preflight));
  if (result.rows === 0 && options.changedSinceLastExport)
    output.out(`Nothing changed since the last ${result.preset} export: the file holds the header only.`);
  return 0;
}

const FLAGGED_SHOWN = 10;

function sampleRatesWarning({ currencies, asOf }: SampleRatesUsed): string {
  return (
    `supplygrid export: prices convert ${currencies.join(', ')} with built-in sample exchange rates (approximate, ` +
    `${asOf}); run \`supplygrid rates fetch\` (or \`rates set\`) for real ones before a store gets this file`
  );
}

const money = (value: Money) => `${storeAmount(value.amount, value.currency)} ${value.currency}`;
const rows = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'row' : 'rows'}`;

function flaggedCounts(counts: { belowCost: number; noPrice: number }): string {
  const parts = [];
  if (counts.belowCost) parts.push(`${rows(counts.belowCost)} would sell below cost`);
  if (counts.noPrice) parts.push(`${rows(counts.noPrice)} ${counts.noPrice === 1 ? 'has' : 'have'} no price`);
  return parts.join(', ');
}

function flaggedLine(row: FlaggedRow): string {
  if (row.reason === 'below_cost')
    return `  ${row.title}: sells at ${money(row.salePrice!)}, costs ${money(row.cost!)}, loses ${money(row.lossPerSale!)} per sale${row.locked ? ' (locked price)' : ''}`;
  const why =
    row.cause === 'no_rate' ? 'no exchange rate for its cost' : 'its rule or locked price gives zero or below';
  return `  ${row.title}: no price (${why})`;
}

/** The preflight found rows a store should not get unasked: list them, write nothing, say how to go on. */
function needsDecision(preflight: ExportPreflight, output: Output): number {
  output.err(
    `Preflight: ${flaggedCounts(preflight)} (of ${rows(preflight.rows)} to export, prices in ${preflight.currency}):`,
  );
  for (const row of preflight.flagged) output.err(flaggedLine(row));
  const more = preflight.belowCost + preflight.noPrice - preflight.flagged.length;
  if (more > 0) output.err(`  … and ${rows(more)} more`);
  output.err(
    'Nothing was written. Run again with --flagged exclude to leave them out, or --flagged keep to write them as they are.',
  );
  return 3;
}

/** The summary of what the preflight found in the file just written, and what was done with it. */
export function preflightLine(preflight: PreflightRecord): string {
  if (preflight.belowCost + preflight.noPrice === 0) return 'Preflight: every row has a price at or above its cost.';
  return `Preflight: ${flaggedCounts(preflight)}: ${preflight.choice === 'exclude' ? 'left out (--flagged exclude)' : 'written as they are (--flagged keep)'}.`;
}

export function exportsCommand(db: Database, args: { json?: boolean }, output: Output): number {
  const history = exportHistory(db);
  if (args.json) {
    output.json(history);
    return 0;
  }
  if (history.length === 0) {
    output.out('No exports yet. Try `supplygrid export --preset shopify --out products.csv`.');
    return 0;
  }
  output.out(
    `${'ID'.padStart(5)}  ${pad('When', 20)}  ${pad('Preset', 15)} ${'Rows'.padStart(8)}  ${pad('Currency', 8)}  ${pad('Flagged', 12)}  File`,
  );
  for (const entry of history) {
    const when = entry.createdAt.slice(0, 19).replace('T', ' ');
    const flagged = entry.preflight ? entry.preflight.belowCost + entry.preflight.noPrice : 0;
    const choice = flagged === 0 ? '-' : `${flagged} ${entry.preflight!.choice === 'exclude' ? 'left out' : 'kept'}`;
    output.out(
      `${String(entry.id).padStart(5)}  ${pad(when, 20)}  ${pad(entry.preset, 15)} ${String(entry.rows).padStart(8)}  ${pad(entry.currency, 8)}  ${pad(choice, 12)}  ${entry.file ?? '(downloaded)'}`,
    );
  }
  return 0;
}
