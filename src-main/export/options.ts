import { isAbsolute } from 'node:path';
import { canonicalLocale } from '../domain/locale';
import { exportOptionsSchema } from '../../src-shared/contract-schemas';
import type { ExportOptions, ExportRowSelection, ExportSettings } from '../../src-shared/export-types';

/** Options that cannot be used as given: the message names the field. */
export class ExportOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportOptionsError';
  }
}

/** Checks options from outside (the UI, the CLI); throws ExportOptionsError naming every bad field. */
export function parseExportOptions(input: unknown): ExportOptions {
  const parsed = exportOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data as ExportOptions;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join('.') : 'options'}: ${issue.message}`,
  );
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
  const rows =
    options.rows.type === 'selected'
      ? { type: 'selected' as const, count: options.rows.planKeys.length }
      : options.rows;
  return { ...options, rows };
}

/**
 * Where the UI may have a file written: an absolute path to a .csv. The renderer is never trusted with the
 * filesystem, so a compromised page cannot use an export to overwrite a shell profile or a config file.
 */
export function parseExportTarget(file: unknown): string {
  if (typeof file !== 'string' || !isAbsolute(file) || !/\.csv$/i.test(file))
    throw new ExportOptionsError('export file: must be an absolute path ending in .csv');
  return file;
}
