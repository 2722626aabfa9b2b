import type { Database } from 'better-sqlite3';
import { isGridStale, merchantCurrency } from '../db/settings';
import { displayTitle, languageOf } from '../domain/locale';
import { placeOfTerm, regionToken } from '../domain/places';
import { ftsQuery } from '../domain/search-text';
import { assertGridCurrency } from './currency-check';
import { excludedAmong } from './exclusions-repo';
import { micros, type StoredBest } from './materialize';
import { builtGridSignature, gridSignature, refreshGrid } from './refresh';
import type { GridOffer, GridPage, GridQuery, GridSortColumn, PlanRow, OfferRef } from '../../src-shared/grid-types';

const SORT_SQL: Record<GridSortColumn, (language: string) => string> = {
  title: (language) => (language === 'zh' ? 'title_zh_key' : 'title_en_key'),
  bestCost: () => 'best_cost_micros',
  salePrice: () => 'sale_micros',
  margin: () => 'margin_micros',
  marginPercent: () => 'margin_pct_milli',
  suppliers: () => 'supplier_count',
  days: () => 'days',
  data: () => 'data_mb',
};

interface PlanRowRecord {
  id: number;
  plan_key: string;
  kind: PlanRow['kind'];
  attributes_json: string;
  offers_json: string;
  best_json: string | null;
  second_json: string | null;
  currency: string;
  best_cost: string | null;
  sale_price: string | null;
  margin: string | null;
  margin_pct_milli: number | null;
  rule_id: string | null;
  locked: number;
  price_refused: number;
}

/** Badges count only while their run is still the latest run of its supplier, and that run succeeded. */
const CURRENT_BADGE_RUNS = `SELECT id FROM sync_runs WHERE status = 'ok' AND id IN (SELECT MAX(id) FROM sync_runs GROUP BY supplier_id)`;

export interface GridScope {
  currency?: string;
  /** Only these suppliers' offers; null or absent = every stored supplier. */
  suppliers?: readonly string[] | null;
}

/** Refreshes the grid first when a sync, rule, rate or link made it stale, or when asked for another currency or scope. */
export function ensureGrid(db: Database, scope: GridScope = {}): string {
  const home = merchantCurrency(db);
  const currency = scope.currency ?? home;
  if (currency !== home) assertGridCurrency(db, currency, scope.suppliers ?? null);
  if (isGridStale(db) || builtGridSignature(db) !== gridSignature(currency, scope.suppliers ?? null)) {
    refreshGrid(db, { currency, suppliers: scope.suppliers ?? null });
  }
  return currency;
}

/** The WHERE clause of a grid query's filters (search, suppliers, kinds, countries, stock, margin, changes). */
function filterSql(query: GridQuery): { whereSql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.search?.trim()) {
    const match = ftsQuery(query.search);
    if (match) {
      where.push('id IN (SELECT rowid FROM plan_search WHERE plan_search MATCH ?)');
      params.push(match);
    }
  }
  if (query.suppliers?.length) {
    where.push(
      `id IN (SELECT plan_row_id FROM plan_members WHERE supplier_id IN (${query.suppliers.map(() => '?').join(',')}))`,
    );
    params.push(...query.suppliers);
  }
  if (query.kinds?.length) {
    where.push(`kind IN (${query.kinds.map(() => '?').join(',')})`);
    params.push(...query.kinds);
  }
  if (query.countries?.length) {
    const filter = countryFilterSql(query.countries);
    where.push(filter.sql);
    params.push(...filter.params);
  }
  if (query.stock) where.push(query.stock === 'in_stock' ? 'in_stock = 1' : 'in_stock = 0');
  if (query.marginBelow !== undefined) {
    where.push('margin_micros < ?');
    params.push(micros(query.marginBelow));
  }
  if (query.changedInLastSync)
    where.push(`id IN (SELECT plan_row_id FROM plan_row_changes WHERE run_id IN (${CURRENT_BADGE_RUNS}))`);
  return { whereSql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** The ORDER BY of a grid query: rows without a value (no price, unknown days) last either way, then id for a stable order. */
function orderSql(query: GridQuery): string {
  const sort = query.sort ?? { column: 'title', direction: 'asc' };
  const column = SORT_SQL[sort.column]?.(languageOf(query.language ?? 'en'));
  if (!column) throw new Error(`cannot sort by "${sort.column}"`);
  return `ORDER BY ${column} IS NULL, ${column} ${sort.direction === 'desc' ? 'DESC' : 'ASC'}, id`;
}

/** One page of plan rows with the total that matches the filters: all the work is SQL on indexed columns. */
export function queryGrid(db: Database, query: GridQuery = {}, scope: GridScope = {}): GridPage {
  const currency = ensureGrid(db, scope);
  const { whereSql, params } = filterSql(query);
  const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
  const offset = Math.max(query.offset ?? 0, 0);
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM plan_rows ${whereSql}`).get(...params) as { n: number }).n;
  // Sort and page over ids only, then read the page's wide rows: sorting whole rows (with every offer's JSON)
  // makes deep pages slow on a large grid.
  const ids = (
    db
      .prepare(`SELECT id FROM plan_rows ${whereSql} ${orderSql(query)} LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as Array<{ id: number }>
  ).map((row) => row.id);
  return {
    rows: planRowsByIds(db, ids, query.language ?? 'en'),
    total,
    currency,
    offset,
  };
}

/**
 * Plan keys of the rows a grid query matches, in its order, from `offset` (at most `limit` when given): how
 * "every row matching the filter" and a shift-click range are resolved without sending rows to the renderer.
 */
export function planKeysMatching(
  db: Database,
  query: GridQuery,
  scope: GridScope = {},
  range: { offset?: number; limit?: number } = {},
): string[] {
  ensureGrid(db, scope);
  const { whereSql, params } = filterSql(query);
  const limit = range.limit === undefined ? -1 : Math.max(Math.trunc(range.limit), 0);
  const offset = Math.max(Math.trunc(range.offset ?? 0), 0);
  return db
    .prepare(`SELECT plan_key FROM plan_rows ${whereSql} ${orderSql(query)} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, limit, offset) as string[];
}

/**
 * Rows covering any of the places typed: a country by its name in any language or its ISO code ("日本", "Japan", "jp"),
 * a group of places by its short name (港澳台: rows covering all three), a region by name (rows whose titles name it).
 * A term that names no place matches nothing rather than being dropped silently.
 */
function countryFilterSql(terms: readonly string[]): { sql: string; params: unknown[] } {
  const alternatives: string[] = [];
  const params: unknown[] = [];
  for (const term of terms) {
    const place = placeOfTerm(term);
    if (!place) continue;
    if ('region' in place) {
      alternatives.push('id IN (SELECT rowid FROM plan_search WHERE plan_search MATCH ?)');
      params.push(`"${regionToken(place.region)}"`);
    } else if (place.countries.length === 1) {
      alternatives.push('id IN (SELECT plan_row_id FROM plan_countries WHERE country = ?)');
      params.push(place.countries[0]);
    } else {
      alternatives.push(
        `id IN (SELECT plan_row_id FROM plan_countries WHERE country IN (${place.countries.map(() => '?').join(',')}) GROUP BY plan_row_id HAVING COUNT(*) = ?)`,
      );
      params.push(...place.countries, place.countries.length);
    }
  }
  return alternatives.length ? { sql: `(${alternatives.join(' OR ')})`, params } : { sql: '0', params: [] };
}

export function getPlanRow(db: Database, id: number, language = 'en', scope: GridScope = {}): PlanRow | null {
  ensureGrid(db, scope);
  return planRowsByIds(db, [id], language)[0] ?? null;
}

/**
 * Rows by id, in the order given (ids no longer in the grid are left out), read in one statement. The caller has
 * ensured the grid: this is the page reader of the grid query and of exports.
 */
export function planRowsByIds(db: Database, ids: readonly number[], language = 'en'): PlanRow[] {
  if (ids.length === 0) return [];
  const records = db
    .prepare(
      `SELECT id, plan_key, kind, attributes_json, offers_json, best_json, second_json, currency, best_cost,
      sale_price, margin, margin_pct_milli, rule_id, locked, price_refused FROM plan_rows WHERE id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(...ids) as PlanRowRecord[];
  const badges = db
    .prepare(
      `SELECT DISTINCT plan_row_id, change FROM plan_row_changes WHERE plan_row_id IN (${ids.map(() => '?').join(',')})
    AND run_id IN (${CURRENT_BADGE_RUNS}) ORDER BY plan_row_id, change`,
    )
    .all(...ids) as Array<{ plan_row_id: number; change: PlanRow['changes'][number] }>;
  const changes = new Map<number, PlanRow['changes']>();
  for (const badge of badges) changes.set(badge.plan_row_id, [...(changes.get(badge.plan_row_id) ?? []), badge.change]);
  const byId = new Map(records.map((record) => [record.id, record]));
  const excluded = excludedAmong(
    db,
    records.map((record) => record.plan_key),
  );
  return ids.flatMap((id) => {
    const record = byId.get(id);
    return record
      ? [{ ...toPlanRow(record, language, changes.get(id) ?? []), excludedFromExport: excluded.has(record.plan_key) }]
      : [];
  });
}

function toPlanRow(record: PlanRowRecord, language: string, changes: PlanRow['changes']): PlanRow {
  const offers = JSON.parse(record.offers_json) as GridOffer[];
  const stored = record.best_json ? (JSON.parse(record.best_json) as StoredBest) : null;
  const best: OfferRef | null = stored && {
    supplier: stored.supplier,
    productId: stored.productId,
    skuId: stored.skuId,
    variant: stored.variant,
  };
  const titleSource =
    (best &&
      offers.find(
        (o) =>
          o.supplier === best.supplier &&
          o.productId === best.productId &&
          o.skuId === best.skuId &&
          o.variant === best.variant,
      )) ??
    offers[0];
  const money = (amount: string | null) => (amount === null ? null : { amount, currency: record.currency });
  return {
    id: record.id,
    planKey: record.plan_key,
    kind: record.kind,
    title: displayTitle(titleSource.titles, language),
    attributes: JSON.parse(record.attributes_json),
    offers,
    best,
    second: record.second_json ? JSON.parse(record.second_json) : null,
    bestCost: money(record.best_cost),
    salePrice: money(record.sale_price),
    margin: money(record.margin),
    marginPercent: record.margin_pct_milli === null ? null : (record.margin_pct_milli / 1000).toFixed(1),
    ruleId: record.rule_id,
    locked: record.locked === 1,
    priceRefused: record.price_refused === 1,
    changes,
  };
}
