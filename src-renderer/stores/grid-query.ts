import { isDecimalString } from '../../src-main/domain/money';
import type { OfferKind } from '../../src-main/domain/offer';
import type { GridQuery, GridSortColumn, PlanRow } from '../../src-shared/grid-types';
import { placeOfTerm } from '../../src-main/domain/places';

/**
 * The grid store's pure parts: turning what the merchant chose into a GridQuery, and keeping a sparse window
 * of server pages. No React, no DOM, no API here, so all of it runs under Node in the unit tests.
 */

export const PAGE_SIZE = 100;
/** Pages kept in memory at once; scrolling through 100k rows must not keep all of them. */
export const MAX_CACHED_PAGES = 40;
/** Requests in flight at once: enough to fill a screen, few enough that a fling does not queue dozens. */
export const MAX_IN_FLIGHT = 3;
/** How long the view must rest after a jump before its pages are fetched. */
export const JUMP_SETTLE_MS = 80;

export type StockFilter = 'all' | 'in_stock' | 'out';
export type SortDirection = 'asc' | 'desc';

export interface GridFilters {
  search: string;
  suppliers: string[];
  kinds: OfferKind[];
  /** As typed ("jp, hk"); parsed into codes when the query is built. */
  countries: string;
  stock: StockFilter;
  /** As typed; ignored until it is a decimal amount. */
  marginBelow: string;
  changedInLastSync: boolean;
}

export interface GridSort {
  column: GridSortColumn;
  direction: SortDirection;
}

export const EMPTY_FILTERS: GridFilters = {
  search: '',
  suppliers: [],
  kinds: [],
  countries: '',
  stock: 'all',
  marginBelow: '',
  changedInLastSync: false,
};

export const DEFAULT_SORT: GridSort = { column: 'title', direction: 'asc' };

// A merchant sorting by money or breadth usually wants the biggest first; names and sizes read best ascending.
const FIRST_DIRECTION: Record<GridSortColumn, SortDirection> = {
  title: 'asc',
  bestCost: 'asc',
  salePrice: 'asc',
  margin: 'desc',
  marginPercent: 'desc',
  suppliers: 'desc',
  days: 'asc',
  data: 'asc',
};

export function nextSort(current: GridSort, column: GridSortColumn): GridSort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: FIRST_DIRECTION[column] };
}

/** Accepts "5", "5.5", "-1", and the comma decimal some keyboards type ("5,5"); rejects everything else. */
export function normalizeAmount(text: string): string | null {
  const trimmed = text.trim().replace(/^\+/, '');
  if (!trimmed) return null;
  const dotted = /^-?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
  return isDecimalString(dotted) ? dotted : null;
}

/** "jp, hk HK；tw" → ['JP', 'HK', 'TW']: any separator, case-insensitive, only two-letter codes, deduped. */
/**
 * The places typed in the country filter: codes or names in any language ("JP, 日本, Hong Kong"), separated by commas
 * (or 、；/); a run of bare two-letter codes may also be separated by spaces ("jp kr"). Main resolves each one; what
 * names no place is left out.
 */
export function parseCountryCodes(text: string): string[] {
  const terms = text
    .normalize('NFKC')
    .split(/[,，、;；/]+/)
    .map((term) => term.trim())
    .filter(Boolean)
    .flatMap((term) => (/^[A-Za-z]{2}(?:\s+[A-Za-z]{2})+$/.test(term) ? term.split(/\s+/) : [term]))
    .map((term) => (/^[A-Za-z]{2}$/.test(term) ? term.toUpperCase() : term))
    // A half-typed name ("Jap") is not sent: it would match nothing.
    .filter((term) => placeOfTerm(term) !== null);
  return [...new Set(terms)];
}

export function hasActiveFilters(filters: GridFilters): boolean {
  return (
    filters.search.trim() !== '' ||
    filters.suppliers.length > 0 ||
    filters.kinds.length > 0 ||
    parseCountryCodes(filters.countries).length > 0 ||
    filters.stock !== 'all' ||
    normalizeAmount(filters.marginBelow) !== null ||
    filters.changedInLastSync
  );
}

/** Only what narrows the result goes on the wire: an empty array or a half-typed amount filters nothing. */
export function buildGridQuery(
  filters: GridFilters,
  sort: GridSort,
  language: string,
  page: number,
  pageSize = PAGE_SIZE,
): GridQuery {
  const query: GridQuery = { language, sort: { ...sort }, offset: page * pageSize, limit: pageSize };
  const search = filters.search.trim();
  if (search) query.search = search;
  if (filters.suppliers.length) query.suppliers = [...filters.suppliers];
  if (filters.kinds.length) query.kinds = [...filters.kinds];
  const countries = parseCountryCodes(filters.countries);
  if (countries.length) query.countries = countries;
  if (filters.stock !== 'all') query.stock = filters.stock;
  const marginBelow = normalizeAmount(filters.marginBelow);
  if (marginBelow !== null) query.marginBelow = marginBelow;
  if (filters.changedInLastSync) query.changedInLastSync = true;
  return query;
}

/**
 * Identity of a result set: two states with the same key ask the server the same question, so pages loaded
 * for one are valid for the other. Typing "5." after "5" in the margin box does not refetch.
 */
export function queryKey(filters: GridFilters, sort: GridSort, language: string): string {
  const { offset: _offset, limit: _limit, ...rest } = buildGridQuery(filters, sort, language, 0);
  return JSON.stringify(rest);
}

/** Page indexes that hold rows start..end (inclusive), clipped to the total when it is known. */
export function pagesCovering(start: number, end: number, total: number | null, pageSize = PAGE_SIZE): number[] {
  const last = total === null ? end : Math.min(end, total - 1);
  if (last < 0 || last < start) return total === null ? [0] : [];
  const pages: number[] = [];
  for (let page = Math.floor(Math.max(start, 0) / pageSize); page <= Math.floor(last / pageSize); page++)
    pages.push(page);
  return pages;
}

/**
 * True when the view moved to pages that share nothing with the ones it showed: a fling or a jump to the
 * scrollbar's end, where the pages passed on the way are not worth fetching. Adjacent scrolling is not a jump.
 */
export function isJump(previous: readonly number[], next: readonly number[]): boolean {
  if (previous.length === 0 || next.length === 0) return false;
  return next[0] > previous[previous.length - 1] + 1 || next[next.length - 1] < previous[0] - 1;
}

export type PageMap = Readonly<Record<number, PlanRow[]>>;

/**
 * Which of the wanted pages to request now: missing or stale ones not already in flight, nearest the centre of
 * the view first, at most `slots` of them.
 */
export function pagesToFetch(
  wanted: readonly number[],
  pages: PageMap,
  stale: ReadonlySet<number>,
  inFlight: ReadonlySet<number>,
  slots: number,
): number[] {
  if (slots <= 0 || wanted.length === 0) return [];
  const centre = (wanted[0] + wanted[wanted.length - 1]) / 2;
  return wanted
    .filter((page) => (!(page in pages) || stale.has(page)) && !inFlight.has(page))
    .sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre) || a - b)
    .slice(0, slots);
}

/**
 * Stores one page and, past the cache limit, forgets the pages farthest from where the merchant is looking.
 * Returns a new map: the store's state is never mutated in place.
 */
export function mergePage(
  pages: PageMap,
  page: number,
  rows: PlanRow[],
  focus: number = page,
  maxPages = MAX_CACHED_PAGES,
): Record<number, PlanRow[]> {
  const next: Record<number, PlanRow[]> = { ...pages, [page]: rows };
  const indexes = Object.keys(next).map(Number);
  if (indexes.length <= maxPages) return next;
  const farthestFirst = indexes.sort((a, b) => Math.abs(b - focus) - Math.abs(a - focus));
  for (const index of farthestFirst.slice(0, indexes.length - maxPages)) {
    if (index !== page) delete next[index];
  }
  return next;
}

export function rowAtIndex(pages: PageMap, index: number, pageSize = PAGE_SIZE): PlanRow | undefined {
  return pages[Math.floor(index / pageSize)]?.[index % pageSize];
}

/** The loaded row with this plan key, wherever it sits: how a selection survives a rebuild that renumbered rows. */
export function findLoadedRow(pages: PageMap, planKey: string): PlanRow | undefined {
  for (const rows of Object.values(pages)) {
    const found = rows.find((row) => row.planKey === planKey);
    if (found) return found;
  }
  return undefined;
}

/**
 * The example a bulk lock's box shows: the sale price (or a positive margin) of the top-most ticked row on screen, in
 * the grid's currency, so that it is a real price of the merchant's currency in size (1980 in yen, not 9.99); null
 * when no loaded ticked row has one.
 */
export function tickedRowExample(
  pages: PageMap,
  isSelected: (planKey: string) => boolean,
  pick: 'salePrice' | 'margin',
  currency: string,
): string | null {
  const pageNumbers = Object.keys(pages)
    .map(Number)
    .sort((a, b) => a - b);
  for (const page of pageNumbers)
    for (const row of pages[page]) {
      const amount = row[pick];
      if (!isSelected(row.planKey) || !amount || amount.currency !== currency) continue;
      if (pick === 'margin' && (amount.amount.startsWith('-') || /^[0.]*$/.test(amount.amount))) continue;
      return amount.amount;
    }
  return null;
}
