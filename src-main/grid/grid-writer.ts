import type { Database, Statement } from 'better-sqlite3';
import { naturalSortKey } from '../domain/sort-key';
import type { GridInputOffer, MaterializedRow, PricedRow, RestatedRow } from './materialize';
import type { OfferRef } from '../../src-shared/grid-types';

// The only code that writes the materialized grid tables. It decides nothing: rows come from the pure materializer.

/** plan_rows columns a reprice may change, as stored. */
export function pricedColumns(row: PricedRow) {
  return {
    kind: row.kind,
    title_en: row.titleEn,
    title_zh: row.titleZh,
    title_en_key: naturalSortKey(row.titleEn),
    title_zh_key: naturalSortKey(row.titleZh),
    offers_json: JSON.stringify(row.offers),
    supplier_count: row.supplierCount,
    in_stock: row.inStock ? 1 : 0,
    best_json: row.best ? JSON.stringify(row.best) : null,
    second_json: row.second ? JSON.stringify(row.second) : null,
    currency: row.currency,
    best_cost: row.bestCost,
    best_cost_micros: row.bestCostMicros,
    sale_price: row.salePrice,
    sale_micros: row.saleMicros,
    margin: row.margin,
    margin_micros: row.marginMicros,
    margin_pct_milli: row.marginPctMilli,
    rule_id: row.ruleId,
    locked: row.locked ? 1 : 0,
    price_refused: row.priceRefused ? 1 : 0,
  };
}

export type PricedColumns = ReturnType<typeof pricedColumns>;
export const PRICED_COLUMNS = Object.keys(
  pricedColumns({
    kind: 'esim',
    titleEn: '',
    titleZh: '',
    offers: [],
    supplierCount: 0,
    inStock: false,
    best: null,
    second: null,
    currency: '',
    bestCost: null,
    bestCostMicros: null,
    salePrice: null,
    saleMicros: null,
    margin: null,
    marginMicros: null,
    marginPctMilli: null,
    ruleId: null,
    locked: false,
    priceRefused: false,
  }),
) as Array<keyof PricedColumns>;

export interface GridWriter {
  /** Empties every grid table (a full rebuild). */
  clear(): void;
  deleteRow(id: number): void;
  insertRow(id: number, row: MaterializedRow): void;
  /**
   * Rewrites a row that exists, touching the side tables only where they differ from `previous` (what the row was
   * built from): re-indexing a popular row's search text costs more than everything else about it.
   */
  replaceRow(id: number, row: MaterializedRow, previous: RowSideTables): void;
  /** Rewrites what restating some of a row's members moved (materialize.ts restateRow); nothing else about it moved. */
  restateRow(id: number, row: RestatedRow, previousMembers: RowSideTables['members']): void;
  updatePrices(id: number, columns: PricedColumns): void;
  /** Records where an offer sits and what it was materialized from. */
  placeOffer(offer: GridInputOffer, planKey: string): void;
  forgetOffer(offer: OfferRef): void;
  /** Drops badges of runs that are no longer a supplier's latest successful one. */
  retireBadges(currentRuns: readonly number[]): void;
}

/** The parts of a row kept outside plan_rows, as replaceRow compares them. */
export interface RowSideTables {
  members: MaterializedRow['members'];
  countries: readonly string[];
  searchText: string;
}

const memberEntryKey = (member: RowSideTables['members'][number]) =>
  `${member.supplier}\u0001${member.kind}\u0001${member.stock}`;
const sameStrings = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export function gridWriter(db: Database): GridWriter {
  const lazy = <T>(make: () => T) => {
    let value: T | undefined;
    return () => (value ??= make());
  };
  const insertRow = lazy(() =>
    db.prepare(`INSERT INTO plan_rows (id, plan_key, attributes_json, days, data_mb, ${PRICED_COLUMNS.join(', ')})
    VALUES (@id, @plan_key, @attributes_json, @days, @data_mb, ${PRICED_COLUMNS.map((c) => `@${c}`).join(', ')})`),
  );
  const replaceRow = lazy(() =>
    db.prepare(`UPDATE plan_rows SET plan_key = @plan_key, attributes_json = @attributes_json, days = @days,
    data_mb = @data_mb, ${PRICED_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`),
  );
  const deleteMembers = lazy(() => db.prepare('DELETE FROM plan_members WHERE plan_row_id = ?'));
  // plan_members is a multiset per row (only ever filtered on): one entry out, whichever of its equals.
  const deleteMember = lazy(() =>
    db.prepare(`DELETE FROM plan_members WHERE rowid = (SELECT rowid FROM plan_members
    WHERE plan_row_id = ? AND supplier_id = ? AND kind = ? AND stock = ? LIMIT 1)`),
  );
  const deleteCountries = lazy(() => db.prepare('DELETE FROM plan_countries WHERE plan_row_id = ?'));
  const deleteSearch = lazy(() => db.prepare('DELETE FROM plan_search WHERE rowid = ?'));
  const deleteBadges = lazy(() => db.prepare('DELETE FROM plan_row_changes WHERE plan_row_id = ?'));
  const updatePrices = lazy(() =>
    db.prepare(`UPDATE plan_rows SET ${PRICED_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`),
  );
  const insertMember = lazy(() =>
    db.prepare('INSERT INTO plan_members (plan_row_id, supplier_id, kind, stock) VALUES (?, ?, ?, ?)'),
  );
  const insertCountry = lazy(() => db.prepare('INSERT INTO plan_countries (plan_row_id, country) VALUES (?, ?)'));
  const insertSearch = lazy(() => db.prepare('INSERT INTO plan_search (rowid, text) VALUES (?, ?)'));
  const insertBadge = lazy(() =>
    db.prepare('INSERT INTO plan_row_changes (plan_row_id, run_id, change) VALUES (?, ?, ?)'),
  );
  const deletes = lazy(() =>
    [
      'DELETE FROM plan_rows WHERE id = ?',
      'DELETE FROM plan_members WHERE plan_row_id = ?',
      'DELETE FROM plan_countries WHERE plan_row_id = ?',
      'DELETE FROM plan_search WHERE rowid = ?',
      'DELETE FROM plan_row_changes WHERE plan_row_id = ?',
    ].map((sql) => db.prepare(sql)),
  );
  const placeOffer = lazy(() =>
    db.prepare(`INSERT INTO plan_offers (supplier_id, product_id, sku_id, variant, plan_key, member_json) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (supplier_id, product_id, sku_id, variant) DO UPDATE SET plan_key = excluded.plan_key, member_json = excluded.member_json`),
  );
  const forgetOffer = lazy(() =>
    db.prepare('DELETE FROM plan_offers WHERE supplier_id = ? AND product_id = ? AND sku_id = ? AND variant = ?'),
  );
  const run = (statement: Statement, ...args: unknown[]) => statement.run(...args);
  /**
   * Moves a row's member entries from `previous` to `members`, writing only the entries that differ (often one). Past a
   * quarter of the row, emptying and refilling it is cheaper: each single delete searches the row's entries.
   */
  const rewriteMembers = (id: number, members: RowSideTables['members'], previous: RowSideTables['members']) => {
    const surplus = new Map<string, { member: RowSideTables['members'][number]; count: number }>();
    const tally = (member: RowSideTables['members'][number], by: number) => {
      const key = memberEntryKey(member);
      const entry = surplus.get(key);
      if (entry) entry.count += by;
      else surplus.set(key, { member, count: by });
    };
    for (const member of previous) tally(member, 1);
    for (const member of members) tally(member, -1);
    let out = 0;
    for (const { count } of surplus.values()) out += Math.max(0, count);
    if (out > 4 && out * 4 > previous.length) {
      deleteMembers().run(id);
      for (const member of members) insertMember().run(id, member.supplier, member.kind, member.stock);
      return;
    }
    for (const { member, count } of surplus.values()) {
      for (let i = 0; i < count; i++) deleteMember().run(id, member.supplier, member.kind, member.stock);
      for (let i = 0; i < -count; i++) insertMember().run(id, member.supplier, member.kind, member.stock);
    }
  };
  const rewriteBadges = (id: number, badges: MaterializedRow['badges']) => {
    // Badges come from the latest runs, not from the members alone: always rewritten (a few entries per row).
    deleteBadges().run(id);
    for (const badge of badges) insertBadge().run(id, badge.runId, badge.change);
  };

  return {
    clear() {
      db.exec(`DELETE FROM plan_rows; DELETE FROM plan_members; DELETE FROM plan_countries; DELETE FROM plan_row_changes;
        DELETE FROM plan_offers; INSERT INTO plan_search (plan_search) VALUES ('delete-all');`);
    },
    deleteRow(id) {
      for (const statement of deletes()) run(statement, id);
    },
    insertRow(id, row) {
      const attributes = row.attributes;
      insertRow().run({
        id,
        plan_key: row.planKey,
        attributes_json: JSON.stringify(attributes),
        days: row.days,
        data_mb: row.dataMb,
        ...pricedColumns(row),
      });
      for (const member of row.members) insertMember().run(id, member.supplier, member.kind, member.stock);
      for (const country of row.countries) insertCountry().run(id, country);
      insertSearch().run(id, row.searchText);
      for (const badge of row.badges) insertBadge().run(id, badge.runId, badge.change);
    },
    replaceRow(id, row, previous) {
      replaceRow().run({
        id,
        plan_key: row.planKey,
        attributes_json: JSON.stringify(row.attributes),
        days: row.days,
        data_mb: row.dataMb,
        ...pricedColumns(row),
      });
      rewriteMembers(id, row.members, previous.members);
      if (!sameStrings(row.countries, previous.countries)) {
        deleteCountries().run(id);
        for (const country of row.countries) insertCountry().run(id, country);
      }
      if (row.searchText !== previous.searchText) {
        deleteSearch().run(id);
        insertSearch().run(id, row.searchText);
      }
      rewriteBadges(id, row.badges);
    },
    restateRow(id, row, previousMembers) {
      updatePrices().run({ id, ...pricedColumns(row) });
      rewriteMembers(id, row.members, previousMembers);
      rewriteBadges(id, row.badges);
    },
    updatePrices(id, columns) {
      updatePrices().run({ id, ...columns });
    },
    placeOffer(offer, planKey) {
      placeOffer().run(offer.supplier, offer.productId, offer.skuId, offer.variant, planKey, memberJson(offer));
    },
    forgetOffer(offer) {
      forgetOffer().run(offer.supplier, offer.productId, offer.skuId, offer.variant);
    },
    retireBadges(currentRuns) {
      if (currentRuns.length === 0) db.exec('DELETE FROM plan_row_changes');
      else
        db.prepare(`DELETE FROM plan_row_changes WHERE run_id NOT IN (${currentRuns.map(() => '?').join(',')})`).run(
          ...currentRuns,
        );
    },
  };
}

/** A member as plan_offers keeps it; fixed key order, so a row rebuilt from it serializes like one built from the catalog. */
export function memberJson(offer: GridInputOffer): string {
  return JSON.stringify({
    supplier: offer.supplier,
    productId: offer.productId,
    skuId: offer.skuId,
    variant: offer.variant,
    kind: offer.kind,
    titles: offer.titles,
    cost: offer.cost,
    stock: offer.stock,
    orderable: offer.orderable,
    categoryId: offer.categoryId,
    attributes: offer.attributes,
    searchText: offer.searchText,
    linkKey: offer.linkKey,
  } satisfies GridInputOffer);
}
