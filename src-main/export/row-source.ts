import type { Database } from 'better-sqlite3';
import { isGridStale } from '../db/settings';
import { languageOf } from '../domain/locale';
import { ensureGrid, planRowsByIds, queryGrid, type GridScope } from '../grid/query';
import { builtGridSignature } from '../grid/refresh';
import type { GridQuery, PlanRow } from '../../src-shared/grid-types';
import type { ExportRowSelection } from '../../src-shared/export-types';

/** queryGrid's largest page: an export holds one page of rows at a time, never the whole grid. */
export const EXPORT_PAGE_SIZE = 1000;

/** The grid was rebuilt while an export was paging through it, so pages before and after would disagree. */
export class GridChangedError extends Error {
  constructor() {
    super(
      'the grid changed while exporting (a sync, rule, rate or currency change rebuilt it); nothing was saved, export again',
    );
    this.name = 'GridChangedError';
  }
}

export interface RowSourceRequest {
  selection: ExportRowSelection;
  inStockOnly: boolean;
  /** Title language the grid sorts by. */
  language: string;
  scope: GridScope;
}

export interface RowSource {
  /** Rows the selection matches (before any per-row filtering by the caller). */
  matching: number;
  pages(): Generator<PlanRow[]>;
}

/**
 * Pages through the rows an export asked for. Pages are read lazily, as the writer asks for them, so between
 * two pages other work may run (the app's main process is shared): if a sync, rule or rate change rebuilt
 * the grid meanwhile, row order and ids have moved and the next page cannot be trusted, so the export stops
 * with GridChangedError rather than writing a file with rows missing or doubled.
 */
export function openRowSource(db: Database, request: RowSourceRequest): RowSource {
  ensureGrid(db, request.scope);
  const builtFor = builtGridSignature(db);
  const assertUnchanged = () => {
    if (isGridStale(db) || builtGridSignature(db) !== builtFor) throw new GridChangedError();
  };
  const { selection } = request;
  if (selection.type === 'filter') return filteredRows(db, selection.query, request, assertUnchanged);
  const ids =
    selection.type === 'selected'
      ? idsOfPlanKeys(db, selection.planKeys)
      : idsInTitleOrder(db, request.language, request.inStockOnly);
  return rowsById(db, ids, request, assertUnchanged);
}

/**
 * The grid screen's filter goes through the grid's own query, page by page, so the file holds exactly the
 * rows (and the order) the merchant sees. Deep pages cost more there (the grid sorts for each page), which
 * is fine for a filtered view; the whole grid takes the cheaper path below.
 */
function filteredRows(
  db: Database,
  filter: GridQuery,
  request: RowSourceRequest,
  assertUnchanged: () => void,
): RowSource {
  if (request.inStockOnly && filter.stock === 'out') return { matching: 0, pages: function* () {} };
  const query: GridQuery = {
    ...filter,
    language: filter.language ?? request.language,
    stock: request.inStockOnly ? 'in_stock' : filter.stock,
    limit: EXPORT_PAGE_SIZE,
  };
  const first = queryGrid(db, { ...query, offset: 0 }, request.scope);
  return {
    matching: first.total,
    pages: function* () {
      let page = first;
      for (let offset = 0; page.rows.length > 0;) {
        yield page.rows.filter(notExcluded);
        offset += page.rows.length;
        if (offset >= first.total) return;
        assertUnchanged();
        page = queryGrid(db, { ...query, offset }, request.scope);
      }
    },
  };
}

/**
 * Every row, in the grid's default order (title in the export's main language, then id): the ids are sorted
 * once (a number per row, not the rows), then read a page at a time. Paging the grid query with OFFSET
 * instead would sort the whole grid again for every one of 100 pages.
 */
function idsInTitleOrder(db: Database, language: string, inStockOnly: boolean): number[] {
  const title = languageOf(language) === 'zh' ? 'title_zh_key' : 'title_en_key';
  return db
    .prepare(`SELECT id FROM plan_rows ${inStockOnly ? 'WHERE in_stock = 1' : ''} ORDER BY ${title}, id`)
    .pluck()
    .all() as number[];
}

/** Plan keys → the current grid's row ids, in the order given; keys no longer in the grid are dropped. */
function idsOfPlanKeys(db: Database, planKeys: readonly string[]): number[] {
  const ids: number[] = [];
  // SQLite caps bound parameters per statement.
  for (let start = 0; start < planKeys.length; start += 500) {
    const keys = planKeys.slice(start, start + 500);
    const rows = db
      .prepare(`SELECT id, plan_key FROM plan_rows WHERE plan_key IN (${keys.map(() => '?').join(',')})`)
      .all(...keys) as Array<{ id: number; plan_key: string }>;
    const byKey = new Map(rows.map((row) => [row.plan_key, row.id]));
    for (const key of keys) {
      const id = byKey.get(key);
      if (id !== undefined) ids.push(id);
    }
  }
  return ids;
}

/** Plans the merchant excluded from export (the grid's bulk action) never reach a file, whatever the selection. */
const notExcluded = (row: PlanRow) => !row.excludedFromExport;

function rowsById(
  db: Database,
  ids: readonly number[],
  request: RowSourceRequest,
  assertUnchanged: () => void,
): RowSource {
  // A hand-picked selection may include sold-out rows; the whole grid was already read in stock only.
  const wanted = request.inStockOnly ? (row: PlanRow) => row.best !== null && notExcluded(row) : notExcluded;
  return {
    matching: ids.length,
    pages: function* () {
      for (let start = 0; start < ids.length; start += EXPORT_PAGE_SIZE) {
        // Before the first page too: the ids were read when the export was opened, and the writer may have
        // let other work run before asking for rows.
        assertUnchanged();
        // The same row reader the grid screen uses, so a row reads the same everywhere; one statement per page.
        const rows = planRowsByIds(db, ids.slice(start, start + EXPORT_PAGE_SIZE), request.language).filter(wanted);
        if (rows.length) yield rows;
      }
    },
  };
}
