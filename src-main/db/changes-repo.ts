import type { Database } from 'better-sqlite3';
import { CHANGE_KINDS, type ChangeKind } from '../domain/diff';
import type { Money } from '../domain/money';
import { offerKey, supplierOfferKey, type LocalizedText } from '../domain/offer';
import type { StoredChange } from '../../src-shared/sync-types';
import { parseTitles, type OfferIdentity } from './offer-lookups';

// Reads of the changes table (sync commits write it): a run's changes for the screens, an offer's history, the price
// rises alerts look at, and the last sync's changes the grid shows as badges.

interface ChangeRow {
  run_id: number;
  supplier_id: string;
  product_id: string;
  sku_id: string;
  variant: string;
  change: ChangeKind;
  old_json: string | null;
  new_json: string | null;
}

export function changeFromRow(row: ChangeRow): StoredChange {
  return {
    runId: row.run_id,
    supplierId: row.supplier_id,
    productId: row.product_id,
    skuId: row.sku_id,
    variant: row.variant,
    key: offerKey({ productId: row.product_id, skuId: row.sku_id, variant: row.variant }),
    change: row.change,
    old: row.old_json === null ? null : JSON.parse(row.old_json),
    new: row.new_json === null ? null : JSON.parse(row.new_json),
  };
}

/** Every change the runs logged, run by run in the order each logged them. */
export function changesForRuns(db: Database, runIds: number[]): StoredChange[] {
  if (runIds.length === 0) return [];
  const rows = db
    .prepare(`SELECT * FROM changes WHERE run_id IN (${runIds.map(() => '?').join(',')}) ORDER BY run_id, id`)
    .all(...runIds) as ChangeRow[];
  return rows.map(changeFromRow);
}

/** How many changes of each kind a run logged (every kind present, 0 when none). */
export function changeCountsOf(db: Database, runId: number): Record<ChangeKind, number> {
  const counts = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, 0])) as Record<ChangeKind, number>;
  for (const row of db
    .prepare('SELECT change, COUNT(*) AS n FROM changes WHERE run_id = ? GROUP BY change')
    .all(runId) as Array<{ change: ChangeKind; n: number }>) {
    counts[row.change] = row.n;
  }
  return counts;
}

/** One page of a run's changes (of one kind, when given) in the order they were logged, each with its offer's stored titles. */
export function changesPage(
  db: Database,
  runId: number,
  page: { kind?: ChangeKind; offset: number; limit: number },
): Array<StoredChange & { titles: LocalizedText | null }> {
  const { kind, offset, limit } = page;
  const rows = db
    .prepare(
      `SELECT c.*, o.titles_json FROM changes c
    LEFT JOIN offers o ON o.supplier_id = c.supplier_id AND o.product_id = c.product_id AND o.sku_id = c.sku_id AND o.variant = c.variant
    WHERE c.run_id = ?${kind ? ' AND c.change = ?' : ''} ORDER BY c.id LIMIT ? OFFSET ?`,
    )
    .all(...(kind ? [runId, kind] : [runId]), limit, offset) as Array<ChangeRow & { titles_json: string | null }>;
  return rows.map((row) => ({
    ...changeFromRow(row),
    titles: row.titles_json === null ? null : parseTitles(row.titles_json),
  }));
}

/** What the log holds for each move: the whole first snapshot when an offer was added (its cost and stock read here). */
export type LoggedMove =
  | { change: 'added'; at: string; value: { cost: Money; stock: { status: string; quantity: number | null } } }
  | { change: 'price_up' | 'price_down'; at: string; value: Money }
  | { change: 'stock_changed'; at: string; value: { status: string; quantity: number | null } };

/** An offer's first appearance and every price and stock move, oldest first, dated by the start of the run that saw it. */
export function offerMoves(db: Database, ref: OfferIdentity): LoggedMove[] {
  const rows = db
    .prepare(
      `SELECT c.change, c.new_json, r.started_at FROM changes c JOIN sync_runs r ON r.id = c.run_id
    WHERE c.supplier_id = ? AND c.product_id = ? AND c.sku_id = ? AND c.variant = ? AND c.change IN ('added', 'price_up', 'price_down', 'stock_changed')
    ORDER BY c.id`,
    )
    .all(ref.supplier, ref.productId, ref.skuId, ref.variant) as Array<{
    change: LoggedMove['change'];
    new_json: string | null;
    started_at: string;
  }>;
  return rows.flatMap((row) =>
    row.new_json === null
      ? []
      : [{ change: row.change, at: row.started_at, value: JSON.parse(row.new_json) } as LoggedMove],
  );
}

/** A run's price rises, each with its offer's stored titles (none when the offer was never stored). */
export function priceRisesOf(
  db: Database,
  runId: number,
): Array<{ productId: string; skuId: string; variant: string; old: Money; new: Money; titles: LocalizedText }> {
  const rows = db
    .prepare(
      `SELECT c.product_id, c.sku_id, c.variant, c.old_json, c.new_json, o.titles_json FROM changes c
      LEFT JOIN offers o ON o.supplier_id = c.supplier_id AND o.product_id = c.product_id AND o.sku_id = c.sku_id AND o.variant = c.variant
      WHERE c.run_id = ? AND c.change = 'price_up'`,
    )
    .all(runId) as Array<{
    product_id: string;
    sku_id: string;
    variant: string;
    old_json: string;
    new_json: string;
    titles_json: string | null;
  }>;
  return rows.map((row) => ({
    productId: row.product_id,
    skuId: row.sku_id,
    variant: row.variant,
    old: JSON.parse(row.old_json) as Money,
    new: JSON.parse(row.new_json) as Money,
    titles: row.titles_json === null ? {} : parseTitles(row.titles_json),
  }));
}

export type LastChanges = (offer: OfferIdentity) => { runId: number; kinds: ChangeKind[] } | null;

/** Every change of the latest ok runs, held in memory (a full rebuild reads them all anyway). */
export function allLastChanges(db: Database, runs: ReadonlyMap<string, number>): LastChanges {
  const byOffer = new Map<string, Set<ChangeKind>>();
  // Most offers asked about have no change: their product id alone says so, without building their key.
  const changedProducts = new Set<string>();
  const ids = [...runs.values()];
  if (ids.length) {
    const rows = db
      .prepare(
        `SELECT supplier_id, product_id, sku_id, variant, change FROM changes WHERE run_id IN (${ids.map(() => '?').join(',')})`,
      )
      .all(...ids) as Array<{
      supplier_id: string;
      product_id: string;
      sku_id: string;
      variant: string;
      change: ChangeKind;
    }>;
    for (const row of rows) {
      const key = supplierOfferKey({
        supplier: row.supplier_id,
        productId: row.product_id,
        skuId: row.sku_id,
        variant: row.variant,
      });
      const kinds = byOffer.get(key) ?? new Set<ChangeKind>();
      kinds.add(row.change);
      byOffer.set(key, kinds);
      changedProducts.add(row.product_id);
    }
  }
  return (offer) => {
    if (!changedProducts.has(offer.productId)) return null;
    const kinds = byOffer.get(supplierOfferKey(offer));
    return kinds ? { runId: runs.get(offer.supplier)!, kinds: [...kinds] } : null;
  };
}

/**
 * The same for an incremental refresh, which needs only its rows' members: held in memory when the latest runs changed
 * few offers (one query instead of one per member), looked up offer by offer after a first sync (every offer "added").
 */
export function lastChangesForPatch(db: Database, runs: ReadonlyMap<string, number>): LastChanges {
  const ids = [...runs.values()];
  const count = ids.length
    ? (db
        .prepare(`SELECT COUNT(*) FROM changes WHERE run_id IN (${ids.map(() => '?').join(',')})`)
        .pluck()
        .get(...ids) as number)
    : 0;
  return count <= CHANGES_IN_MEMORY ? allLastChanges(db, runs) : lastChangesByLookup(db, runs);
}

const CHANGES_IN_MEMORY = 20_000;

/** The same, looked up offer by offer. */
export function lastChangesByLookup(db: Database, runs: ReadonlyMap<string, number>): LastChanges {
  const lookup = db
    .prepare(
      'SELECT DISTINCT change FROM changes WHERE supplier_id = ? AND product_id = ? AND sku_id = ? AND variant = ? AND run_id = ?',
    )
    .pluck();
  return (offer) => {
    const runId = runs.get(offer.supplier);
    if (runId === undefined) return null;
    const kinds = lookup.all(offer.supplier, offer.productId, offer.skuId, offer.variant, runId) as ChangeKind[];
    return kinds.length ? { runId, kinds } : null;
  };
}
