import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import Decimal from 'decimal.js';
import { merchantCurrency } from '../db/settings';
import type { RuleSet } from '../domain/pricing/rules';
import type { PlanRow } from '../../src-shared/grid-types';
import { loadRuleSet } from '../pricing/rules-store';
import { sampleRatesAmong } from '../pricing/rates-service';
import { assertGridCurrency } from '../grid/currency-check';
import { csvText, writeCsvAtomically } from './csv-writer';
import { exportFingerprint } from './fingerprint';
import { adoptLegacyHandles, assignedHandles, handleClaimer, handlesInUse } from './handles-repo';
import {
  lastSent,
  listExports,
  PendingExport,
  readLastChoice,
  rememberChoice,
  type PendingRow,
  type SentRow,
} from './history-repo';
import { exportLanguages, resolveExportOptions, settingsOf, type ResolvedExportOptions } from './options';
import { buildCells, type ExportColumn, type ExportPreset } from './presets/preset';
import { EXPORT_PRESETS, exportPreset, presetInfo } from './presets/registry';
import { planTitleWrittenIn } from './plan-text';
import { buildRowView, chargedPrice, flagOf, type ExportRowDraft, type ExportRowView } from './row-builder';
import { EXPORT_PAGE_SIZE, openRowSource, type RowSource } from './row-source';
import { freeHandle, handleBase } from './store-identity';
import type {
  ExportDownload,
  ExportHistoryEntry,
  ExportOptions,
  ExportPreflight,
  ExportPresetId,
  ExportPresetInfo,
  ExportPreview,
  ExportResult,
  FlaggedRow,
  FlagReason,
  LastExportChoice,
  PreflightRecord,
} from '../../src-shared/export-types';

/** Which suppliers' offers the grid holds: the app's configured ones, or every stored one (the CLI). */
export interface ExportScope {
  suppliers?: readonly string[] | null;
}

/** Past this, an export goes to a file: the text would sit in memory several times over on its way to a browser. */
export const MAX_DOWNLOAD_ROWS = 20_000;

export class ExportTooLargeError extends Error {
  constructor() {
    super(
      `more than ${MAX_DOWNLOAD_ROWS.toLocaleString('en')} rows are too many for a download: save the export to a file from the desktop app or with \`supplygrid export\``,
    );
    this.name = 'ExportTooLargeError';
  }
}

interface PreparedExport {
  options: ResolvedExportOptions;
  preset: ExportPreset;
  columns: ExportColumn[];
  header: string[];
  source: RowSource;
  ruleSet: RuleSet;
}

/** A row the export would write, before its handle is settled. */
interface DraftLine {
  draft: ExportRowDraft;
  sent: SentRow;
  flag: FlagReason | null;
}

/** Flagged rows reach the file only by the merchant's choice; `ask` (the default at the UI and CLI) stops here. */
export class ExportNeedsDecisionError extends Error {
  readonly code = 'export_needs_decision';
  constructor() {
    super(
      'some rows would sell below cost or have no price: run the preflight, then choose to exclude them or keep them (flaggedRows)',
    );
    this.name = 'ExportNeedsDecisionError';
  }
}

function prepare(db: Database, input: ExportOptions, scope: ExportScope): PreparedExport {
  const options = resolveExportOptions(input, merchantCurrency(db));
  const preset = exportPreset(options.preset);
  const columns = preset.columns(options.languages);
  assertGridCurrency(db, options.currency, scope.suppliers ?? null);
  adoptLegacyHandles(db);
  const source = openRowSource(db, {
    selection: options.rows,
    inStockOnly: options.inStockOnly,
    language: options.languages[0],
    scope: { currency: options.currency, suppliers: scope.suppliers ?? null },
  });
  return {
    options,
    preset,
    columns,
    header: columns.map((column) => column.header),
    source,
    ruleSet: loadRuleSet(db, options.currency),
  };
}

/**
 * The rows the file would hold, one grid page at a time: sold-out rows skipped if asked, rows the store already has
 * dropped if only changes are asked for, each with the preflight's flag. What the store last received is looked up
 * per page, never for the whole grid at once.
 */
function* draftPages(db: Database, prepared: PreparedExport): Generator<DraftLine[]> {
  const { options } = prepared;
  const context = { ...options, ruleSet: prepared.ruleSet };
  for (const page of prepared.source.pages()) {
    const sentBefore = lastSent(
      db,
      options.preset,
      page.map((row) => row.planKey),
    );
    const lines: DraftLine[] = [];
    for (const row of page) {
      const previous = sentBefore.get(row.planKey);
      const draft = buildRowView(row, context, previous?.currency === options.currency ? previous.salePrice : null);
      if (!draft) continue;
      const fingerprint = exportFingerprint(draft);
      if (options.changedSinceLastExport && previous?.fingerprint === fingerprint) continue;
      lines.push({
        draft,
        sent: { currency: draft.currency, salePrice: draft.price, fingerprint },
        flag: flagOf(draft),
      });
    }
    if (lines.length) yield lines;
  }
}

const handleSource = (row: PlanRow) => ({
  kind: row.kind,
  attributes: row.attributes,
  englishTitle: planTitleWrittenIn(row, 'en'),
});

/**
 * The lines to write, with their handles: flagged rows left out or refused as the merchant chose, a plan's kept handle
 * reused, a new plan given the first free readable one (`give`: claimed for good by an export, only shown by a preview).
 */
function* writtenLines(
  db: Database,
  prepared: PreparedExport,
  give: HandleGiver,
  preflight: PreflightRecord,
): Generator<ExportLine> {
  const choice = prepared.options.flaggedRows;
  for (const page of draftPages(db, prepared)) {
    const lines = page.filter((line) => {
      if (!line.flag) return true;
      if (choice === 'ask') throw new ExportNeedsDecisionError();
      if (line.flag === 'below_cost') preflight.belowCost++;
      else preflight.noPrice++;
      return choice !== 'exclude';
    });
    const kept = assignedHandles(
      db,
      lines.map((line) => line.draft.row.planKey),
    );
    const given = give(
      lines
        .filter((line) => !kept.has(line.draft.row.planKey))
        .map((line) => ({ planKey: line.draft.row.planKey, base: handleBase(handleSource(line.draft.row)) })),
    );
    for (const line of lines) {
      const planKey = line.draft.row.planKey;
      const handle = kept.get(planKey) ?? given.get(planKey)!;
      const view: ExportRowView = { ...line.draft, handle };
      yield { row: { planKey, ...line.sent }, cells: buildCells(prepared.columns, view) };
    }
  }
}

/** Handles for plans that have none yet, by plan key; `base` is each one's readable handle. */
type HandleGiver = (plans: ReadonlyArray<{ planKey: string; base: string }>) => Map<string, string>;

/** Handles as a preview shows them: the free ones, given to nobody. */
function previewedHandles(db: Database): HandleGiver {
  const inUse = handlesInUse(db);
  const shown = new Set<string>();
  return (plans) => {
    const given = new Map<string, string>();
    for (const { planKey, base } of plans) {
      const handle = freeHandle(base, (candidate) => shown.has(candidate) || inUse(candidate));
      shown.add(handle);
      given.set(planKey, handle);
    }
    return given;
  };
}

/** Handles as an export gives them: claimed for good, a page at a time, before its rows are written. */
function claimedHandles(db: Database): HandleGiver {
  const inUse = handlesInUse(db);
  const claim = handleClaimer(db);
  return db.transaction((plans: ReadonlyArray<{ planKey: string; base: string }>) => {
    const given = new Map<string, string>();
    for (const { planKey, base } of plans) {
      let handle: string | null = null;
      // Null: another process gave this handle to another plan between the look and the claim; look again.
      while (handle === null) handle = claim(planKey, freeHandle(base, inUse));
      given.set(planKey, handle);
    }
    return given;
  });
}

interface ExportLine {
  row: PendingRow;
  cells: string[];
}

/** Makes the export history and the store's last known state, and remembers the options for the preset. */
function record(
  db: Database,
  pending: PendingExport,
  prepared: PreparedExport,
  rows: number,
  file: string | null,
  preflight: PreflightRecord,
): ExportHistoryEntry {
  const entry = pending.commit({
    preset: prepared.options.preset,
    settings: settingsOf(prepared.options),
    rows,
    delivery: file ? 'file' : 'download',
    file,
    preflight,
  });
  rememberChoice(db, { options: entry.options, file, at: entry.createdAt });
  return entry;
}

const emptyPreflight = (prepared: PreparedExport): PreflightRecord => ({
  belowCost: 0,
  noPrice: 0,
  choice: prepared.options.flaggedRows,
});

/**
 * What the export would write that needs a look first: rows that would sell below cost (worst loss first) and rows
 * without a price. Nothing is recorded; the merchant then exports with `flaggedRows` set to `exclude` or `keep`.
 */
export function preflightExport(
  db: Database,
  options: ExportOptions,
  scope: ExportScope = {},
  limit = 100,
): ExportPreflight {
  const prepared = prepare(db, options, scope);
  const currency = prepared.options.currency;
  const flagged: FlaggedRow[] = [];
  let rows = 0;
  let belowCost = 0;
  let noPrice = 0;
  // Every supplier's cost the rows compare, not only the cheapest: a rate decides which of them is the cheapest.
  const converted = new Set<string>();
  for (const page of draftPages(db, prepared)) {
    for (const { draft, flag } of page) {
      rows++;
      for (const offer of draft.row.offers) if (offer.cost.currency !== currency) converted.add(offer.cost.currency);
      if (!flag) continue;
      if (flag === 'below_cost') belowCost++;
      else noPrice++;
      flagged.push(flaggedRow(draft, flag));
    }
  }
  // Losses first, largest first; then rows without a price, in grid order.
  const loss = (row: FlaggedRow) => (row.lossPerSale ? new Decimal(row.lossPerSale.amount) : null);
  flagged.sort((a, b) => {
    const x = loss(a);
    const y = loss(b);
    if (x && y) return y.comparedTo(x);
    return x ? -1 : y ? 1 : 0;
  });
  return {
    currency,
    rows,
    belowCost,
    noPrice,
    flagged: flagged.slice(0, limit),
    sampleRates: sampleRatesAmong(db, currency, converted),
  };
}

function flaggedRow(draft: ExportRowDraft, reason: FlagReason): FlaggedRow {
  const { row, cost, currency } = draft;
  // The price the store would charge, so the loss listed is the one each sale would make.
  const price = chargedPrice(draft);
  return {
    planKey: row.planKey,
    title: draft.mainTitle,
    reason,
    cause: reason === 'no_price' ? draft.noPriceCause : null,
    salePrice: price === null ? null : { amount: price, currency },
    cost,
    lossPerSale:
      reason === 'below_cost' && price !== null && cost
        ? { amount: new Decimal(cost.amount).minus(price).toFixed(), currency: cost.currency }
        : null,
    soldOut: draft.stock.state === 'out',
    locked: row.locked,
    ruleId: row.ruleId,
  };
}

export function exportPresets(languages?: readonly string[]): ExportPresetInfo[] {
  const columnsFor = exportLanguages(languages);
  return EXPORT_PRESETS.map((preset) => presetInfo(preset, columnsFor));
}

/** The header and first rows exactly as the file would hold them, without recording anything. */
export function previewExport(
  db: Database,
  options: ExportOptions,
  scope: ExportScope = {},
  limit = 20,
): ExportPreview {
  // A preview writes nothing, flagged rows included: it shows what `keep` would write, handles as they would be given.
  const prepared = prepare(db, { ...options, flaggedRows: 'keep' }, scope);
  const rows: string[][] = [];
  for (const line of writtenLines(db, prepared, previewedHandles(db), emptyPreflight(prepared))) {
    if (rows.length >= limit) break;
    rows.push(line.cells);
  }
  return {
    preset: prepared.options.preset,
    currency: prepared.options.currency,
    columns: prepared.header,
    rows,
    matching: prepared.source.matching,
  };
}

/**
 * Writes the export to `file` (streamed, page by page, renamed into place at the end), then records it:
 * the history entry, what each row told the store, and these options as the preset's last choice.
 */
export async function runExport(
  db: Database,
  options: ExportOptions,
  file: string,
  run: { scope?: ExportScope; onProgress?: (rowsWritten: number) => void } = {},
): Promise<ExportResult> {
  const target = resolve(file);
  const prepared = prepare(db, options, run.scope ?? {});
  const pending = new PendingExport(db);
  const preflight = emptyPreflight(prepared);
  let written = 0;
  function* recordedCells(): Generator<string[]> {
    for (const line of writtenLines(db, prepared, claimedHandles(db), preflight)) {
      pending.add(line.row);
      written++;
      if (written % EXPORT_PAGE_SIZE === 0) run.onProgress?.(written);
      yield line.cells;
    }
  }
  try {
    await writeCsvAtomically(target, prepared.header, recordedCells());
    run.onProgress?.(written);
    const entry = record(db, pending, prepared, written, target, preflight);
    return {
      id: entry.id,
      preset: entry.preset,
      currency: entry.currency,
      rows: written,
      file: target,
      createdAt: entry.createdAt,
      preflight,
    };
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
  const preflight = emptyPreflight(prepared);
  const cells: string[][] = [];
  try {
    for (const line of writtenLines(db, prepared, claimedHandles(db), preflight)) {
      if (cells.length >= MAX_DOWNLOAD_ROWS) throw new ExportTooLargeError();
      pending.add(line.row);
      cells.push(line.cells);
    }
    const csv = csvText(prepared.header, cells);
    const entry = record(db, pending, prepared, cells.length, null, preflight);
    const stamp = entry.createdAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    return { id: entry.id, filename: `supplygrid-${entry.preset}-${stamp}.csv`, csv, rows: cells.length, preflight };
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
