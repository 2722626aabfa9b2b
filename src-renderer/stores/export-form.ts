import type {
  ExportOptions,
  ExportPresetId,
  ExportPreview,
  ExportSettings,
  OutOfStockMode,
  PreflightRecord,
} from '../../src-shared/export-types';
import type { GridQuery } from '../../src-shared/grid-types';
import { buildGridQuery, type GridFilters, type GridSort } from './grid-query';
import { formatList } from './format-list';

/**
 * The export screen's pure parts: the form the merchant fills in, how it becomes ExportOptions, and the
 * words that summarize a filter or a past export. No React, no DOM, no API, so it all runs in unit tests.
 */

/** What the preview asks for: enough to judge the columns, few enough to stay instant on a big grid. */
export const PREVIEW_ROWS = 10;
/** Typing a currency or clicking through options should cost one preview, not one per keystroke. */
export const PREVIEW_DEBOUNCE_MS = 250;
export const HISTORY_SHOWN = 20;
/** Flagged rows listed in the preflight step; the counts above the list cover all of them. */
export const PREFLIGHT_ROWS = 100;

/**
 * Title languages offered before the merchant types one: what the suppliers SupplyGrid speaks to publish in.
 * Any other BCP 47 tag is kept as it is when restored from an earlier export.
 */
export const TITLE_LANGUAGES = ['en', 'zh-CN', 'zh-TW', 'ja', 'ko', 'th', 'vi', 'id', 'ms', 'es', 'fr', 'de'] as const;

/**
 * "Which rows" as the merchant sees it. In-stock-only is offered as its own choice because the Grid's filter
 * can already say "in stock" itself: the three cover every useful combination.
 */
export type RowChoice = 'all' | 'filter' | 'inStock';
export const ROW_CHOICES: readonly RowChoice[] = ['all', 'filter', 'inStock'];

export interface ExportForm {
  preset: ExportPresetId;
  /** Ordered: the first is the store's product title. */
  languages: string[];
  /** As typed; sent only once it is a three-letter code. */
  currency: string;
  rowChoice: RowChoice;
  outOfStock: OutOfStockMode;
  changedSinceLastExport: boolean;
  /** Empty title columns filled from the nearest language there is (off: a column holds its own language or nothing). */
  fillMissingLanguages: boolean;
}

/** The server's own defaults (options.ts), so a first export with an untouched form matches the CLI's. */
export function defaultForm(preset: ExportPresetId, merchantCurrency: string): ExportForm {
  return {
    preset,
    languages: ['en'],
    currency: merchantCurrency,
    rowChoice: 'all',
    outOfStock: 'draft',
    changedSinceLastExport: false,
    fillMissingLanguages: false,
  };
}

/**
 * The form as it was for a past export. A filter is restored as "the Grid's current filter", not the filter of
 * that day: the merchant picks rows on the Grid screen, and the summary beside the choice says what they are now.
 * A hand-picked selection cannot be restored (history keeps only its size), so it becomes every row.
 */
export function formFromSettings(settings: ExportSettings): ExportForm {
  const rowChoice: RowChoice = settings.rows.type === 'filter' ? 'filter' : settings.inStockOnly ? 'inStock' : 'all';
  return {
    preset: settings.preset,
    languages: settings.languages.length ? [...settings.languages] : ['en'],
    currency: settings.currency,
    rowChoice,
    outOfStock: settings.outOfStock,
    changedSinceLastExport: settings.changedSinceLastExport,
    // Exports made before the option existed never filled.
    fillMissingLanguages: settings.fillMissingLanguages ?? false,
  };
}

/** "usd " → "USD"; null until it is three letters, so a half-typed code never reaches the server. */
export function currencyCode(text: string): string | null {
  const trimmed = text.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(trimmed) ? trimmed : null;
}

/** The Grid screen's filter as the export asks for it: the export pages through all of it, so no offset or limit. */
export function gridFilterQuery(filters: GridFilters, sort: GridSort, language: string): GridQuery {
  const { offset: _offset, limit: _limit, ...query } = buildGridQuery(filters, sort, language, 0);
  return query;
}

/**
 * null while the form cannot be sent (a half-typed currency). What to do with flagged rows is not part of the form:
 * it is asked at each export, after the preflight, and added to these options then.
 */
export function exportOptionsOf(form: ExportForm, gridQuery: GridQuery): ExportOptions | null {
  const currency = currencyCode(form.currency);
  if (!currency || form.languages.length === 0) return null;
  return {
    preset: form.preset,
    languages: [...form.languages],
    currency,
    rows: form.rowChoice === 'filter' ? { type: 'filter', query: gridQuery } : { type: 'all' },
    inStockOnly: form.rowChoice === 'inStock',
    outOfStock: form.outOfStock,
    changedSinceLastExport: form.changedSinceLastExport,
    fillMissingLanguages: form.fillMissingLanguages,
  };
}

/** Sold-out handling means nothing when only in-stock rows are exported. */
export function outOfStockApplies(form: Pick<ExportForm, 'rowChoice'>): boolean {
  return form.rowChoice !== 'inStock';
}

export function addLanguage(languages: readonly string[], tag: string): string[] {
  const cleaned = tag.trim();
  if (!cleaned || languages.some((existing) => existing.toLowerCase() === cleaned.toLowerCase())) return [...languages];
  return [...languages, cleaned];
}

/** The last language stays: an export needs a title. */
export function removeLanguage(languages: readonly string[], index: number): string[] {
  if (languages.length <= 1) return [...languages];
  return languages.filter((_, position) => position !== index);
}

/** One place earlier; moving the second language up makes it the store's main title. */
export function moveLanguageUp(languages: readonly string[], index: number): string[] {
  if (index <= 0 || index >= languages.length) return [...languages];
  const moved = [...languages];
  [moved[index - 1], moved[index]] = [moved[index], moved[index - 1]];
  return moved;
}

/** The name a save dialog proposes; the same shape the server gives a browser download. */
export function suggestedFileName(preset: ExportPresetId, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `supplygrid-${preset}-${stamp}.csv`;
}

/**
 * How many rows the file will hold, as far as the preview can tell. `matching` counts rows before sold-out
 * skipping and the changed-only filter; when neither can drop a row it is exact, and when the preview came
 * back short of its limit, the preview itself is every row the file will hold.
 */
export type RowEstimate = { kind: 'exact'; rows: number } | { kind: 'atMost'; rows: number };

export function estimateRows(
  preview: Pick<ExportPreview, 'matching' | 'rows'>,
  form: Pick<ExportForm, 'outOfStock' | 'changedSinceLastExport' | 'rowChoice'>,
  limit = PREVIEW_ROWS,
): RowEstimate {
  const mayDropRows = form.changedSinceLastExport || (form.outOfStock === 'skip' && outOfStockApplies(form));
  if (!mayDropRows) return { kind: 'exact', rows: preview.matching };
  if (preview.rows.length < limit) return { kind: 'exact', rows: preview.rows.length };
  return { kind: 'atMost', rows: preview.matching };
}

/** What useT returns; passed in so these summaries speak the UI's language without being components. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** One phrase per narrowing part of a Grid filter, in the order the Grid's filter bar shows them. */
/** `language`: the reader's, for how lists are joined ("JP, HK" / "JP、HK"). */
export function describeGridFilter(
  query: GridQuery,
  t: Translate,
  supplierName: (id: string) => string,
  language: string,
): string[] {
  const parts: string[] = [];
  if (query.search) parts.push(t('filter.search', { text: query.search }));
  if (query.suppliers?.length)
    parts.push(t('filter.suppliers', { names: formatList(query.suppliers.map(supplierName), language) }));
  if (query.kinds?.length)
    parts.push(
      formatList(
        query.kinds.map((kind) => t(`kind.${kind}`)),
        language,
      ),
    );
  if (query.countries?.length) parts.push(t('filter.countries', { codes: formatList(query.countries, language) }));
  if (query.stock) parts.push(t(`filter.stock.${query.stock}`));
  if (query.marginBelow) parts.push(t('filter.marginBelow', { amount: query.marginBelow }));
  if (query.changedInLastSync) parts.push(t('filter.changedInLastSync'));
  return parts;
}

/** A past export's options in a line: languages, currency, rows, sold-out handling, changed-only. */
export function describeSettings(
  settings: ExportSettings,
  t: Translate,
  languageName: (tag: string) => string,
  supplierName: (id: string) => string,
  language: string,
): string[] {
  const parts = [settings.languages.map(languageName).join(' → '), settings.currency];
  if (settings.rows.type === 'filter') {
    const filter = describeGridFilter(settings.rows.query, t, supplierName, language);
    parts.push(filter.length ? t('summary.filter', { filter: formatList(filter, language) }) : t('summary.filterNone'));
  } else if (settings.rows.type === 'selected') {
    parts.push(t('summary.selected', { count: settings.rows.count }));
  } else {
    parts.push(t('summary.all'));
  }
  if (settings.inStockOnly) parts.push(t('summary.inStockOnly'));
  else parts.push(t(`summary.outOfStock.${settings.outOfStock}`));
  if (settings.changedSinceLastExport) parts.push(t('summary.changedOnly'));
  if (settings.fillMissingLanguages) parts.push(t('summary.fillLanguages'));
  return parts;
}

/** What the preflight of a past export found and what was done with it; null when it found nothing (or predates it). */
export function describePreflight(preflight: PreflightRecord | null, t: Translate): string | null {
  if (!preflight || preflight.belowCost + preflight.noPrice === 0) return null;
  const found = [
    preflight.belowCost ? t('summary.belowCost', { count: preflight.belowCost }) : '',
    preflight.noPrice ? t('summary.noPrice', { count: preflight.noPrice }) : '',
  ]
    .filter(Boolean)
    .join(t('summary.and'));
  return t(preflight.choice === 'exclude' ? 'summary.flaggedExcluded' : 'summary.flaggedKept', { found });
}
