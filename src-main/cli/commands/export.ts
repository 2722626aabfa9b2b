import type { Database } from 'better-sqlite3';
import { ExportOptionsError, parseExportOptions } from '../../export/options';
import { exportHistory, runExport } from '../../export/service';
import { pad, type Output } from '../output';

export interface ExportArgs {
  preset?: string;
  out?: string;
  lang?: string;
  currency?: string;
  inStock?: boolean;
  sinceLastExport?: boolean;
  outOfStock?: string;
}

const list = (text: string | undefined) => text?.split(',').map((item) => item.trim()).filter(Boolean);

export async function exportCommand(db: Database, args: ExportArgs, output: Output): Promise<number> {
  if (!args.preset || !args.out) {
    output.err('supplygrid export needs --preset (generic, shopify, shopify-legacy, woocommerce, dujiao-next) and --out FILE');
    return 2;
  }
  let options;
  try {
    options = parseExportOptions({
      preset: args.preset,
      ...(args.lang ? { languages: list(args.lang) } : {}),
      ...(args.currency ? { currency: args.currency } : {}),
      ...(args.inStock ? { inStockOnly: true } : {}),
      ...(args.sinceLastExport ? { changedSinceLastExport: true } : {}),
      ...(args.outOfStock ? { outOfStock: args.outOfStock } : {}),
    });
  } catch (error) {
    if (!(error instanceof ExportOptionsError)) throw error;
    output.err(`supplygrid: ${error.message}`);
    return 2;
  }
  const result = await runExport(db, options, args.out);
  const what = `${result.rows.toLocaleString('en')} ${result.rows === 1 ? 'row' : 'rows'}`;
  output.out(`Wrote ${what} to ${result.file} (${result.preset}, prices in ${result.currency})`);
  if (result.rows === 0 && options.changedSinceLastExport) output.out(`Nothing changed since the last ${result.preset} export: the file holds the header only.`);
  return 0;
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
  output.out(`${'ID'.padStart(5)}  ${pad('When', 20)}  ${pad('Preset', 15)} ${'Rows'.padStart(8)}  ${pad('Currency', 8)}  File`);
  for (const entry of history) {
    const when = entry.createdAt.slice(0, 19).replace('T', ' ');
    output.out(`${String(entry.id).padStart(5)}  ${pad(when, 20)}  ${pad(entry.preset, 15)} ${String(entry.rows).padStart(8)}  ${pad(entry.currency, 8)}  ${entry.file ?? '(downloaded)'}`);
  }
  return 0;
}
