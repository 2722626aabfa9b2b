import type { Database } from 'better-sqlite3';
import { diffCatalog, type CatalogChange, type ChangeKind, type OfferSnapshot } from '../domain/diff';
import { offerKey, type Offer, type OfferKind, type StockStatus } from '../domain/offer';
import { markGridStale } from './settings';

export interface SkippedItem {
  /** Where in the upstream the item sat, e.g. "page 3, item 17 (id 1042)". */
  where: string;
  reason: string;
  /**
   * The upstream product the item belongs to, when it could be told. A product we could not read this time is
   * not gone: its previous offers are kept as they were instead of being marked removed.
   */
  productId?: string;
  /** Narrows the protection to one SKU where the product id covers several upstream items (SEAGM categories). */
  skuId?: string;
}

export type RunStatus = 'running' | 'ok' | 'failed' | 'canceled';

export interface SyncRun {
  id: number;
  supplierId: string;
  supplierKind: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  offers: number;
  added: number;
  removed: number;
  changed: number;
  skipped: number;
  skippedItems: SkippedItem[];
  error: string | null;
}

export interface StoredOffer extends Offer {
  supplierId: string;
  firstSeen: string;
  lastSeen: string;
}

export interface StoredChange extends CatalogChange {
  runId: number;
  supplierId: string;
}

interface OfferRow {
  supplier_id: string; product_id: string; sku_id: string; variant: string; kind: string; titles_json: string;
  category_json: string | null; cost_amount: string; cost_currency: string; retail_json: string | null;
  original_json: string | null; stock_status: string; stock_quantity: number | null; min_quantity: number | null;
  max_quantity: number | null; fulfillment_json: string; images_json: string; plan_json: string; orderable: number;
  raw_json: string; first_seen: string; last_seen: string;
}

interface RunRow {
  id: number; supplier_id: string; supplier_kind: string; started_at: string; finished_at: string | null; status: RunStatus;
  offers: number; added: number; removed: number; changed: number; skipped: number; skipped_json: string; error: string | null;
}

const nowIso = () => new Date().toISOString();

export function startRun(db: Database, supplierId: string, supplierKind: string): number {
  const result = db.prepare(`INSERT INTO sync_runs (supplier_id, supplier_kind, started_at, status) VALUES (?, ?, ?, 'running')`)
    .run(supplierId, supplierKind, nowIso());
  return Number(result.lastInsertRowid);
}

/** Ends a run without touching the catalog: the previous catalog stays exactly as it was. */
export function finishRunWithoutCatalog(db: Database, runId: number, status: 'failed' | 'canceled', error: string, skipped: SkippedItem[] = []): void {
  db.prepare(`UPDATE sync_runs SET status = ?, finished_at = ?, error = ?, skipped = ?, skipped_json = ? WHERE id = ?`)
    .run(status, nowIso(), error, skipped.length, JSON.stringify(skipped), runId);
}

/** Runs left 'running' by a process that died: they can never finish, so say so. */
export function failAbandonedRuns(db: Database): number {
  return db.prepare(`UPDATE sync_runs SET status = 'failed', finished_at = ?, error = 'interrupted: the app stopped before this sync finished' WHERE status = 'running'`)
    .run(nowIso()).changes;
}

function liveSnapshots(db: Database, supplierId: string): OfferSnapshot[] {
  const rows = db.prepare(`SELECT product_id, sku_id, variant, cost_amount, cost_currency, stock_status, stock_quantity, titles_json
    FROM offers WHERE supplier_id = ? AND removed_at IS NULL`).all(supplierId) as OfferRow[];
  return rows.map((row) => ({
    key: offerKey({ productId: row.product_id, skuId: row.sku_id, variant: row.variant }),
    productId: row.product_id,
    skuId: row.sku_id,
    variant: row.variant,
    cost: { amount: row.cost_amount, currency: row.cost_currency },
    stock: { status: row.stock_status as StockStatus, quantity: row.stock_quantity },
    titles: JSON.parse(row.titles_json),
  }));
}

export interface CommitResult {
  changes: CatalogChange[];
  counts: { offers: number; added: number; removed: number; changed: number; skipped: number };
}

/**
 * Replaces a supplier's live catalog with a complete new one in ONE transaction: diff, upsert, mark the
 * vanished as removed, log the changes and close the run. Either all of it lands or none of it does.
 */
export function commitCatalog(db: Database, runId: number, supplierId: string, offers: Offer[], skipped: SkippedItem[]): CommitResult {
  const now = nowIso();
  const upsert = db.prepare(`INSERT INTO offers (supplier_id, product_id, sku_id, variant, kind, titles_json, category_json,
      cost_amount, cost_currency, retail_json, original_json, stock_status, stock_quantity, min_quantity, max_quantity,
      fulfillment_json, images_json, plan_json, orderable, raw_json, first_seen, last_seen, removed_at)
    VALUES (@supplier_id, @product_id, @sku_id, @variant, @kind, @titles_json, @category_json, @cost_amount, @cost_currency,
      @retail_json, @original_json, @stock_status, @stock_quantity, @min_quantity, @max_quantity, @fulfillment_json,
      @images_json, @plan_json, @orderable, @raw_json, @now, @now, NULL)
    ON CONFLICT (supplier_id, product_id, sku_id, variant) DO UPDATE SET
      kind = excluded.kind, titles_json = excluded.titles_json, category_json = excluded.category_json,
      cost_amount = excluded.cost_amount, cost_currency = excluded.cost_currency, retail_json = excluded.retail_json,
      original_json = excluded.original_json, stock_status = excluded.stock_status, stock_quantity = excluded.stock_quantity,
      min_quantity = excluded.min_quantity, max_quantity = excluded.max_quantity, fulfillment_json = excluded.fulfillment_json,
      images_json = excluded.images_json, plan_json = excluded.plan_json, orderable = excluded.orderable,
      raw_json = excluded.raw_json, last_seen = excluded.last_seen, removed_at = NULL`);
  const markRemoved = db.prepare(`UPDATE offers SET removed_at = ? WHERE supplier_id = ? AND product_id = ? AND sku_id = ? AND variant = ?`);
  const logChange = db.prepare(`INSERT INTO changes (run_id, supplier_id, product_id, sku_id, variant, change, old_json, new_json)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const closeRun = db.prepare(`UPDATE sync_runs SET status = 'ok', finished_at = ?, offers = ?, added = ?, removed = ?, changed = ?,
    skipped = ?, skipped_json = ?, error = NULL WHERE id = ?`);

  return db.transaction((): CommitResult => {
    const next: OfferSnapshot[] = offers.map((offer) => ({
      key: offerKey(offer), productId: offer.productId, skuId: offer.skuId, variant: offer.variant,
      cost: offer.cost, stock: offer.stock, titles: offer.titles,
    }));
    // Products that failed validation this time are still upstream: leave their last good state untouched.
    // Products that failed validation this time are still upstream: they must not be reported removed. Only that
    // is suppressed; a sibling offer that did arrive is diffed (and logged) as usual.
    const unreadableProducts = new Set<string>();
    const unreadableSkus = new Set<string>();
    for (const item of skipped) {
      if (item.productId === undefined) continue;
      if (item.skuId === undefined) unreadableProducts.add(item.productId);
      else unreadableSkus.add(`${item.productId}\u0001${item.skuId}`);
    }
    const stillUpstream = (change: CatalogChange) => unreadableProducts.has(change.productId) || unreadableSkus.has(`${change.productId}\u0001${change.skuId}`);
    const changes = diffCatalog(liveSnapshots(db, supplierId), next).filter((change) => change.change !== 'removed' || !stillUpstream(change));
    for (const offer of offers) upsert.run(offerRow(supplierId, offer, now));
    let added = 0;
    let removed = 0;
    const changedKeys = new Set<string>();
    for (const change of changes) {
      if (change.change === 'removed') {
        markRemoved.run(now, supplierId, change.productId, change.skuId, change.variant);
        removed++;
      } else if (change.change === 'added') {
        added++;
      } else {
        changedKeys.add(change.key);
      }
      logChange.run(runId, supplierId, change.productId, change.skuId, change.variant, change.change,
        change.old === null ? null : JSON.stringify(change.old), change.new === null ? null : JSON.stringify(change.new));
    }
    const counts = { offers: offers.length, added, removed, changed: changedKeys.size, skipped: skipped.length };
    closeRun.run(nowIso(), counts.offers, counts.added, counts.removed, counts.changed, counts.skipped, JSON.stringify(skipped), runId);
    markGridStale(db);
    return { changes, counts };
  })();
}

function offerRow(supplierId: string, offer: Offer, now: string) {
  return {
    supplier_id: supplierId,
    product_id: offer.productId,
    sku_id: offer.skuId,
    variant: offer.variant,
    kind: offer.kind,
    titles_json: JSON.stringify(offer.titles),
    category_json: offer.category ? JSON.stringify(offer.category) : null,
    cost_amount: offer.cost.amount,
    cost_currency: offer.cost.currency,
    retail_json: offer.retailPrice ? JSON.stringify(offer.retailPrice) : null,
    original_json: offer.originalPrice ? JSON.stringify(offer.originalPrice) : null,
    stock_status: offer.stock.status,
    stock_quantity: offer.stock.quantity,
    min_quantity: offer.minQuantity,
    max_quantity: offer.maxQuantity,
    fulfillment_json: JSON.stringify(offer.fulfillment),
    images_json: JSON.stringify(offer.images),
    plan_json: JSON.stringify(offer.plan),
    orderable: offer.orderable ? 1 : 0,
    raw_json: JSON.stringify(offer.raw ?? null),
    now,
  };
}

export function listLiveOffers(db: Database, supplierId?: string): StoredOffer[] {
  const rows = (supplierId
    ? db.prepare(`SELECT * FROM offers WHERE removed_at IS NULL AND supplier_id = ? ORDER BY supplier_id, product_id, sku_id, variant`).all(supplierId)
    : db.prepare(`SELECT * FROM offers WHERE removed_at IS NULL ORDER BY supplier_id, product_id, sku_id, variant`).all()) as OfferRow[];
  return rows.map(offerFromRow);
}

function offerFromRow(row: OfferRow): StoredOffer {
  return {
    supplierId: row.supplier_id,
    productId: row.product_id,
    skuId: row.sku_id,
    variant: row.variant,
    kind: row.kind as OfferKind,
    titles: JSON.parse(row.titles_json),
    category: row.category_json ? JSON.parse(row.category_json) : null,
    cost: { amount: row.cost_amount, currency: row.cost_currency },
    retailPrice: row.retail_json ? JSON.parse(row.retail_json) : null,
    originalPrice: row.original_json ? JSON.parse(row.original_json) : null,
    stock: { status: row.stock_status as StockStatus, quantity: row.stock_quantity },
    minQuantity: row.min_quantity,
    maxQuantity: row.max_quantity,
    fulfillment: JSON.parse(row.fulfillment_json),
    images: JSON.parse(row.images_json),
    plan: JSON.parse(row.plan_json),
    orderable: row.orderable === 1,
    raw: JSON.parse(row.raw_json),
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}

function runFromRow(row: RunRow): SyncRun {
  return {
    id: row.id, supplierId: row.supplier_id, supplierKind: row.supplier_kind, startedAt: row.started_at,
    finishedAt: row.finished_at, status: row.status, offers: row.offers, added: row.added, removed: row.removed,
    changed: row.changed, skipped: row.skipped, skippedItems: JSON.parse(row.skipped_json), error: row.error,
  };
}

export function getRun(db: Database, runId: number): SyncRun | null {
  const row = db.prepare('SELECT * FROM sync_runs WHERE id = ?').get(runId) as RunRow | undefined;
  return row ? runFromRow(row) : null;
}

/** The newest run of every supplier that has one. */
export function latestRuns(db: Database): SyncRun[] {
  const rows = db.prepare(`SELECT * FROM sync_runs WHERE id IN (SELECT MAX(id) FROM sync_runs GROUP BY supplier_id) ORDER BY supplier_id`).all() as RunRow[];
  return rows.map(runFromRow);
}

export function listRuns(db: Database, limit = 100): SyncRun[] {
  return (db.prepare('SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?').all(limit) as RunRow[]).map(runFromRow);
}

export function changesForRuns(db: Database, runIds: number[]): StoredChange[] {
  if (runIds.length === 0) return [];
  const rows = db.prepare(`SELECT * FROM changes WHERE run_id IN (${runIds.map(() => '?').join(',')}) ORDER BY run_id, id`).all(...runIds) as Array<{
    run_id: number; supplier_id: string; product_id: string; sku_id: string; variant: string; change: ChangeKind; old_json: string | null; new_json: string | null;
  }>;
  return rows.map((row) => ({
    runId: row.run_id, supplierId: row.supplier_id, productId: row.product_id, skuId: row.sku_id, variant: row.variant,
    key: offerKey({ productId: row.product_id, skuId: row.sku_id, variant: row.variant }),
    change: row.change, old: row.old_json === null ? null : JSON.parse(row.old_json), new: row.new_json === null ? null : JSON.parse(row.new_json),
  }));
}
