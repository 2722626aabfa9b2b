import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { canonicalLocale } from '../domain/locale';
import { OFFER_KINDS } from '../domain/offer';
import type { GridSortColumn } from '../../src-shared/grid-types';
import { EXPORT_PRESET_IDS, FLAGGED_ROW_CHOICES, OUT_OF_STOCK_MODES, type ExportOptions, type ExportRowSelection, type ExportSettings } from '../../src-shared/export-types';

/** Options that cannot be used as given: the message names the field. */
export class ExportOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportOptionsError';
  }
}

const SORT_COLUMNS = ['title', 'bestCost', 'salePrice', 'margin', 'marginPercent', 'suppliers', 'days', 'data'] as const satisfies readonly GridSortColumn[];

const currency = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, { error: 'must be a 3-letter currency code such as "USD"' });

// The grid screen's own filter, passed through as it is; offset and limit are accepted and ignored (an export pages itself).
const gridQuerySchema = z.strictObject({
  language: z.string().optional(),
  search: z.string().optional(),
  suppliers: z.array(z.string()).optional(),
  kinds: z.array(z.enum(OFFER_KINDS as [string, ...string[]])).optional(),
  countries: z.array(z.string()).optional(),
  stock: z.enum(['in_stock', 'out']).optional(),
  marginBelow: z.string().regex(/^-?\d+(\.\d+)?$/, { error: 'must be a decimal string such as "1.5"' }).optional(),
  changedInLastSync: z.boolean().optional(),
  sort: z.strictObject({ column: z.enum(SORT_COLUMNS), direction: z.enum(['asc', 'desc']) }).optional(),
  offset: z.number().optional(),
  limit: z.number().optional(),
});

const selectionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('all') }),
  z.strictObject({ type: z.literal('filter'), query: gridQuerySchema }),
  z.strictObject({ type: z.literal('selected'), planKeys: z.array(z.string().min(1)) }),
]);

const optionsSchema = z.strictObject({
  preset: z.enum(EXPORT_PRESET_IDS, { error: `must be one of ${EXPORT_PRESET_IDS.join(', ')}` }),
  languages: z.array(z.string().trim().min(1, { error: 'must not be empty' })).min(1, { error: 'needs at least one language' }).max(12).optional(),
  currency: currency.optional(),
  rows: selectionSchema.optional(),
  inStockOnly: z.boolean().optional(),
  outOfStock: z.enum(OUT_OF_STOCK_MODES, { error: `must be one of ${OUT_OF_STOCK_MODES.join(', ')}` }).optional(),
  changedSinceLastExport: z.boolean().optional(),
  fillMissingLanguages: z.boolean().optional(),
  // Options that arrive from outside must say what to do with flagged rows before any is written.
  flaggedRows: z.enum(FLAGGED_ROW_CHOICES, { error: `must be one of ${FLAGGED_ROW_CHOICES.join(', ')}` }).default('ask'),
});

/** Checks options from outside (the UI, the CLI); throws ExportOptionsError naming every bad field. */
export function parseExportOptions(input: unknown): ExportOptions {
  const parsed = optionsSchema.safeParse(input);
  if (parsed.success) return parsed.data as ExportOptions;
  const problems = parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'options'}: ${issue.message}`);
  throw new ExportOptionsError(`export options: ${problems.join('; ')}`);
}

/** Options with nothing left to chance. */
export interface ResolvedExportOptions extends Omit<ExportSettings, 'rows'> {
  rows: ExportRowSelection;
}

/** Title languages as columns are named: canonical, each once, English when none is asked for. */
export function exportLanguages(languages: readonly string[] | undefined): string[] {
  // `en_us` and `en-US` name one language, so they get one title column between them.
  return [...new Set((languages?.length ? languages : ['en']).map(canonicalLocale))];
}

export function resolveExportOptions(options: ExportOptions, merchantCurrency: string): ResolvedExportOptions {
  return {
    preset: options.preset,
    languages: exportLanguages(options.languages),
    currency: (options.currency ?? merchantCurrency).toUpperCase(),
    rows: resolveSelection(options.rows ?? { type: 'all' }),
    inStockOnly: options.inStockOnly ?? false,
    outOfStock: options.outOfStock ?? 'draft',
    changedSinceLastExport: options.changedSinceLastExport ?? false,
    fillMissingLanguages: options.fillMissingLanguages ?? false,
    // In-process callers (the bench, tests) write what they ask for; the UI and the CLI arrive through
    // parseExportOptions, which defaults to `ask`.
    flaggedRows: options.flaggedRows ?? 'keep',
  };
}

function resolveSelection(rows: ExportRowSelection): ExportRowSelection {
  if (rows.type === 'selected') return { type: 'selected', planKeys: [...new Set(rows.planKeys)] };
  if (rows.type === 'filter') {
    // The screen's current page says nothing about what to export: an export pages through everything the filter matches.
    const { offset: _offset, limit: _limit, ...query } = rows.query;
    return { type: 'filter', query };
  }
  return rows;
}

/** What history and "last options" keep: a hand-picked selection only matters for that file, so only its size is kept. */
export function settingsOf(options: ResolvedExportOptions): ExportSettings {
  const rows = options.rows.type === 'selected' ? { type: 'selected' as const, count: options.rows.planKeys.length } : options.rows;
  return { ...options, rows };
}

/**
 * Where the UI may have a file written: an absolute path to a .csv. The renderer is never trusted with the
 * filesystem, so a compromised page cannot use an export to overwrite a shell profile or a config file.
 */
export function parseExportTarget(file: unknown): string {
  if (typeof file !== 'string' || !isAbsolute(file) || !/\.csv$/i.test(file)) throw new ExportOptionsError('export file: must be an absolute path ending in .csv');
  return file;
}
