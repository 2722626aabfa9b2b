import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { merchantCurrency } from '../db/settings';
import { assertGridCurrency } from '../grid/currency-check';
import { csvText, writeCsvAtomically } from './csv-writer';
import { exportFingerprint } from './fingerprint';
import { lastSent, listExports, PendingExport, readLastChoice, rememberChoice, type SentRow } from './history-repo';
import { exportLanguages, resolveExportOptions, settingsOf, type ResolvedExportOptions } from './options';
import type { ExportColumn, ExportPreset } from './presets/preset';
import { EXPORT_PRESETS, exportPreset, presetInfo } from './presets/registry';
import { buildCells, buildRowView } from './row-builder';
import { EXPORT_PAGE_SIZE, openRowSource, type RowSource } from './row-source';
import type { ExportDownload, ExportHistoryEntry, ExportOptions, ExportPresetId, ExportPresetInfo, ExportPreview, ExportResult, LastExportChoice } from './types';

/** Which suppliers' offers the grid holds: the app's configured ones, or every stored one (the CLI). */
export interface ExportScope {
  suppliers?: readonly string[] | null;
}

/** Past this, an export goes to a file: the text would sit in memory several times over on its way to a browser. */
export const MAX_DOWNLOAD_ROWS = 20_000;

export class ExportTooLargeError extends Error {
  constructor() {
    super(`more than ${MAX_DOWNLOAD_ROWS.toLocaleString('en')} rows are too many for a download: save the export to a file from the desktop app or with \`supplygrid export\``);
    this.name = 'ExportTooLargeError';
  }
}

interface PreparedExport {
  options: ResolvedExportOptions;
  preset: ExportPreset;
  columns: ExportColumn[];
  header: string[];
  source: RowSource;
}

interface ExportLine {
  planKey: string;
  sent: SentRow;
  cells: string[];
}

function prepare(db: Database, input: ExportOptions, scope: ExportScope): PreparedExport {
  const options = resolveExportOptions(input, merchantCurrency(db));
  const preset = exportPreset(options.preset);
  const columns = preset.columns(options.languages);
  assertGridCurrency(db, options.currency, scope.suppliers ?? null);
  const source = openRowSource(db, {
    selection: options.rows,
    inStockOnly: options.inStockOnly,
    language: options.languages[0],
    scope: { currency: options.currency, suppliers: scope.suppliers ?? null },
  });
  return { options, preset, columns, header: columns.map((column) => column.header), source };
}

/**
 * The file's lines, one grid page at a time: sold-out rows skipped if asked, rows the store already has
 * dropped if only changes are asked for. What the store last received is looked up per page, never for the
 * whole grid at once.
 */
function* exportLines(db: Database, prepared: PreparedExport): Generator<ExportLine> {
  const { options, columns } = prepared;
  const context = { currency: options.currency, languages: options.languages, outOfStock: options.outOfStock };
  for (const page of prepared.source.pages()) {
    const sentBefore = lastSent(db, options.preset, page.map((row) => row.planKey));
    for (const row of page) {
      const previous = sentBefore.get(row.planKey);
      const view = buildRowView(row, context, previous?.currency === options.currency ? previous.salePrice : null);
      if (!view) continue;
      const fingerprint = exportFingerprint(view);
      if (options.changedSinceLastExport && previous?.fingerprint === fingerprint) continue;
      yield { planKey: row.planKey, sent: { currency: view.currency, salePrice: view.price, fingerprint }, cells: buildCells(columns, view) };
    }
  }
}

/** Makes the export history and the store's last known state, and remembers the options for the preset. */
function record(db: Database, pending: PendingExport, prepared: PreparedExport, rows: number, file: string | null): ExportHistoryEntry {
  const entry = pending.commit({ preset: prepared.options.preset, settings: settingsOf(prepared.options), rows, delivery: file ? 'file' : 'download', file });
  rememberChoice(db, { options: entry.options, file, at: entry.createdAt });
  return entry;
}

export function exportPresets(languages?: readonly string[]): ExportPresetInfo[] {
  const columnsFor = exportLanguages(languages);
  return EXPORT_PRESETS.map((preset) => presetInfo(preset, columnsFor));
}

/** The header and first rows exactly as the file would hold them, without recording anything. */
export function previewExport(db: Database, options: ExportOptions, scope: ExportScope = {}, limit = 20): ExportPreview {
  const prepared = prepare(db, options, scope);
  const rows: string[][] = [];
  for (const line of exportLines(db, prepared)) {
    if (rows.length >= limit) break;
    rows.push(line.cells);
  }
  return { preset: prepared.options.preset, currency: prepared.options.currency, columns: prepared.header, rows, matching: prepared.source.matching };
}

/**
 * Writes the export to `file` (streamed, page by page, renamed into place at the end), then records it:
 * the history entry, what each row told the store, and these options as the preset's last choice.
 */
export async function runExport(db: Database, options: ExportOptions, file: string, run: { scope?: ExportScope; onProgress?: (rowsWritten: number) => void } = {}): Promise<ExportResult> {
  const target = resolve(file);
  const prepared = prepare(db, options, run.scope ?? {});
  const pending = new PendingExport(db);
  let written = 0;
  function* recordedCells(): Generator<string[]> {
    for (const line of exportLines(db, prepared)) {
      pending.add(line.planKey, line.sent);
      written++;
      if (written % EXPORT_PAGE_SIZE === 0) run.onProgress?.(written);
      yield line.cells;
    }
  }
  try {
    await writeCsvAtomically(target, prepared.header, recordedCells());
    run.onProgress?.(written);
    const entry = record(db, pending, prepared, written, target);
    return { id: entry.id, preset: entry.preset, currency: entry.currency, rows: written, file: target, createdAt: entry.createdAt };
  } finally {
    pending.discard();
  }
}

/**
 * A small export as text, for the browser bridge (no native save dialog there): the UI turns it into a
 * download. Recorded like a file export, since the store is about to receive it.
 */
export function exportCsv(db: Database, options: ExportOptions, scope: ExportScope = {}): ExportDownload {
  const prepared = prepare(db, options, scope);
  const pending = new PendingExport(db);
  const cells: string[][] = [];
  try {
    for (const line of exportLines(db, prepared)) {
      if (cells.length >= MAX_DOWNLOAD_ROWS) throw new ExportTooLargeError();
      pending.add(line.planKey, line.sent);
      cells.push(line.cells);
    }
    const csv = csvText(prepared.header, cells);
    const entry = record(db, pending, prepared, cells.length, null);
    const stamp = entry.createdAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    return { id: entry.id, filename: `supplygrid-${entry.preset}-${stamp}.csv`, csv, rows: cells.length };
  } finally {
    pending.discard();
  }
}

export function exportHistory(db: Database, limit?: number): ExportHistoryEntry[] {
  return listExports(db, limit);
}

export function lastExportChoice(db: Database, preset: ExportPresetId): LastExportChoice | null {
  return readLastChoice(db, preset);
}
