import type { Database } from 'better-sqlite3';
import { diffCatalog, unreadableItems, type OfferSnapshot } from '../domain/diff';
import { offerKey, type Offer, type OfferKind, type StockStatus } from '../domain/offer';
import type { QuantityTier } from '../domain/quantity-tiers';
import { nextCatalogSeq } from './catalog-seq';
import { CatalogStaging, OFFER_CONTENT_COLUMNS } from './catalog-staging';
import { keepHeldListing } from './held-listings';
import { markGridStale } from './settings';
import { parseTitles } from './offer-lookups';
import { holdReason, type HoldReason, type HoldThresholds } from '../../src-shared/hold-policy';
import type { RunStatus, SyncMode, SkippedItem, RunCounts, SyncRun } from '../../src-shared/sync-types';

export interface StoredOffer extends Offer {
  supplierId: string;
  firstSeen: string;
  lastSeen: string;
}

interface OfferRow {
  supplier_id: string;
  product_id: string;
  sku_id: string;
  variant: string;
  kind: string;
  titles_json: string;
  category_json: string | null;
  cost_amount: string;
  cost_currency: string;
  retail_json: string | null;
  original_json: string | null;
  stock_status: string;
  stock_quantity: number | null;
  min_quantity: number | null;
  max_quantity: number | null;
  fulfillment_json: string;
  images_json: string;
  plan_json: string;
  orderable: number;
  raw_json: string;
  tiers_json: string | null;
  first_seen: string;
  last_seen: string;
}

interface RunRow {
  id: number;
  supplier_id: string;
  supplier_kind: string;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  offers: number;
  added: number;
  removed: number;
  changed: number;
  skipped: number;
  skipped_json: string;
  error: string | null;
  mode: SyncMode;
  requests: number;
  throttled: number;
  wait_ms: number;
  bytes: number;
  fetch_ms: number | null;
  commit_ms: number | null;
  held_json: string | null;
  resolved_at: string | null;
}

const nowIso = () => new Date().toISOString();

/** `mode`: the listing the run asks for; its commit records the one it got. `source`: sync/catalog-source.ts. */
export function startRun(
  db: Database,
  supplierId: string,
  supplierKind: string,
  mode: SyncMode = 'full',
  source: string | null = null,
): number {
  const result = db
    .prepare(
      `INSERT INTO sync_runs (supplier_id, supplier_kind, started_at, status, mode, source) VALUES (?, ?, ?, 'running', ?, ?)`,
    )
    .run(supplierId, supplierKind, nowIso(), mode, source ?? null);
  return Number(result.lastInsertRowid);
}

/** Ends a run without touching the catalog: the previous catalog stays exactly as it was. */
export function finishRunWithoutCatalog(
  db: Database,
  runId: number,
  status: 'failed' | 'canceled',
  error: string,
  skipped: SkippedItem[] = [],
  metrics: RunMetrics = NO_METRICS,
): void {
  db.prepare(
    `UPDATE sync_runs SET status = ?, finished_at = ?, error = ?, skipped = ?, skipped_json = ?,
      requests = ?, throttled = ?, wait_ms = ?, bytes = ?, fetch_ms = ? WHERE id = ?`,
  ).run(
    status,
    nowIso(),
    error,
    skipped.length,
    JSON.stringify(skipped),
    metrics.requests,
    metrics.throttled,
    Math.round(metrics.waitMs),
    metrics.bytes,
    Math.round(metrics.fetchMs),
    runId,
  );
}

/** Runs left 'running' by a process that died: they can never finish, so say so. */
export function failAbandonedRuns(db: Database): number {
  return db
    .prepare(
      `UPDATE sync_runs SET status = 'failed', finished_at = ?, error = 'interrupted: the app stopped before this sync finished' WHERE status = 'running'`,
    )
    .run(nowIso()).changes;
}

/** What a run cost, as the connection's request budget saw it, and how long its fetch took. */
export interface RunMetrics {
  requests: number;
  throttled: number;
  waitMs: number;
  bytes: number;
  fetchMs: number;
}

export const NO_METRICS: RunMetrics = { requests: 0, throttled: 0, waitMs: 0, bytes: 0, fetchMs: 0 };

export interface CommitResult {
  counts: RunCounts;
  /** 'incremental' when the listing held only changes or reused unchanged items unread; 'full' otherwise. */
  mode: SyncMode;
  /** Set when the listing was held for review instead of applied: the counts are then what applying it would make. */
  held?: HoldReason;
}

export interface CommitOptions {
  /** 'full': the staging holds the complete catalog. 'changes': it holds only the listed products, each whole. */
  scope: 'full' | 'changes';
  skipped: SkippedItem[];
  metrics?: RunMetrics;
  /**
   * Hold the listing for review, instead of applying it, when it would remove too much (see hold-policy). Absent:
   * always apply (a held listing being applied, fixtures).
   */
  hold?: HoldThresholds;
  /**
   * What the listing learnt of the supplier beside its items (SupplierAdapter.clockOffsetMs, .mappingFingerprint),
   * kept with the run, held or applied (lastOkRun).
   */
  upstream?: { clockOffsetMs: number | null; mappingFingerprint: string | null };
}

/** Thrown inside the commit's savepoint to undo its writes while keeping what it counted. */
class HoldInstead {
  constructor(
    readonly counts: CommitResult['counts'],
    readonly reason: HoldReason,
  ) {}
}

/**
 * The commit found that items the listing reused unread no longer stand for live offers as they did when the listing
 * began (a held listing applied meanwhile removed them), or that an item it read lists an offer key a reused item's
 * offer holds. Nothing was written; the listing must read every item (engine.ts does, once).
 */
export class ReusedItemsMoved extends Error {
  constructor() {
    super('the catalog moved under the items this listing reused');
  }
}

/** Keys per round trip between SQLite and the diff: bounds what the commit holds in memory at once. */
const DIFF_CHUNK = 2000;

interface SnapshotRow {
  rank: number;
  product_id: string;
  sku_id: string;
  variant: string;
  cost_amount: string;
  cost_currency: string;
  stock_status: string;
  stock_quantity: number | null;
  titles_json: string;
}

function snapshotFromRow(row: SnapshotRow): OfferSnapshot {
  return {
    key: offerKey({ productId: row.product_id, skuId: row.sku_id, variant: row.variant }),
    productId: row.product_id,
    skuId: row.sku_id,
    variant: row.variant,
    cost: { amount: row.cost_amount, currency: row.cost_currency },
    stock: { status: row.stock_status as StockStatus, quantity: row.stock_quantity },
    titles: parseTitles(row.titles_json),
  };
}

/**
 * Applies a staged listing to a supplier's live catalog in ONE transaction: diff, write, mark the vanished as removed,
 * log the changes, stamp the grid sequence and close the run. Either all of it lands or none of it does.
 *
 * Only offers whose stored content differs are read into JS and written: SQL picks the candidates (staged rows unlike
 * their live row, and live rows the listing no longer carries), the pure diff judges them chunk by chunk in key order.
 * A 'changes' listing only touches products it listed or reported removed, so it yields exactly the changes a full
 * listing of the same upstream would: every other product is, by the listing's word, unchanged.
 */
export function commitStagedCatalog(
  db: Database,
  runId: number,
  supplierId: string,
  staging: CatalogStaging,
  options: CommitOptions,
): CommitResult {
  const now = nowIso();
  const { skipped, scope } = options;
  const metrics = options.metrics ?? NO_METRICS;
  const sameContent = OFFER_CONTENT_COLUMNS.map((column) => `o.${column} IS s.${column}`).join(' AND ');
  const sameKey = 'o.product_id = s.product_id AND o.sku_id = s.sku_id AND o.variant = s.variant';
  // One IN over both lists: the primary key then seeks each named product, where two ORed INs would scan the
  // supplier's whole catalog for a listing of a few changes.
  const removalScope =
    scope === 'changes'
      ? `AND o.product_id IN (SELECT product_id FROM ${staging.listed} UNION SELECT product_id FROM ${staging.removed})`
      : '';
  const liveRow = `SELECT 1 FROM offers o WHERE o.supplier_id = @supplier AND ${sameKey} AND o.removed_at IS NULL`;
  // `live`: whether the key has a live offer. Those without are additions, logged in SQL alone (a first sync is all
  // additions); the rest, usually a few, are read into the pure diff. A live offer the listing did not stage is gone,
  // unless the item it was mapped from was listed again unchanged and reused unread (staging.kept): it stays as it is,
  // exactly as re-reading that item would have left it.
  const findCandidates = db.prepare(`INSERT INTO ${staging.candidates} (product_id, sku_id, variant, live)
    SELECT s.product_id, s.sku_id, s.variant, EXISTS (${liveRow}) FROM ${staging.offers} s
      WHERE NOT EXISTS (${liveRow} AND ${sameContent})
    UNION ALL
    SELECT o.product_id, o.sku_id, o.variant, 1 FROM offers o
      WHERE o.supplier_id = @supplier AND o.removed_at IS NULL ${removalScope}
        AND NOT EXISTS (SELECT 1 FROM ${staging.offers} s WHERE ${sameKey})
        AND NOT EXISTS (SELECT 1 FROM ${staging.kept} k WHERE k.fingerprint = o.item_fingerprint)
    ORDER BY 1, 2, 3`);
  /** Staged offers, read in key order: all of them (`s`), or the candidates (`c`) that pass `where`. */
  interface StagedSource {
    from: string;
    where: string;
    orderBy: string;
  }
  const everyStagedOffer: StagedSource = {
    from: `${staging.offers} s`,
    where: 'true',
    orderBy: 's.product_id, s.sku_id, s.variant',
  };
  const stagedCandidates = (where: string): StagedSource => ({
    from: `${staging.candidates} c JOIN ${staging.offers} s ON s.product_id = c.product_id AND s.sku_id = c.sku_id AND s.variant = c.variant`,
    where,
    // Key order: see the diff below.
    orderBy: 'c.rowid',
  });
  // The WHERE is always there: SQLite's parser needs one between an INSERT's SELECT and its ON CONFLICT.
  const selectFrom = ({ from, where, orderBy }: StagedSource) => `FROM ${from} WHERE ${where} ORDER BY ${orderBy}`;
  // What diffCatalog logs for an addition, built where the row is: {cost, stock, titles}.
  const logAdditionsFrom = (source: StagedSource) =>
    db.prepare(`INSERT INTO changes (run_id, supplier_id, product_id, sku_id, variant, change, old_json, new_json)
    SELECT @run, @supplier, s.product_id, s.sku_id, s.variant, 'added', NULL,
        json_object('cost', json_object('amount', s.cost_amount, 'currency', s.cost_currency),
          'stock', json_object('status', s.stock_status, 'quantity', s.stock_quantity), 'titles', json(s.titles_json))
      ${selectFrom(source)}`);
  const snapshotColumns =
    'c.rowid AS rank, x.product_id, x.sku_id, x.variant, x.cost_amount, x.cost_currency, x.stock_status, x.stock_quantity, x.titles_json';
  const liveChunk = db.prepare(`SELECT ${snapshotColumns} FROM ${staging.candidates} c
    JOIN offers x ON x.supplier_id = ? AND x.product_id = c.product_id AND x.sku_id = c.sku_id AND x.variant = c.variant
    WHERE c.rowid BETWEEN ? AND ? AND c.live = 1 AND x.removed_at IS NULL`);
  const stagedChunk = db.prepare(`SELECT ${snapshotColumns} FROM ${staging.candidates} c
    JOIN ${staging.offers} x ON x.product_id = c.product_id AND x.sku_id = c.sku_id AND x.variant = c.variant
    WHERE c.rowid BETWEEN ? AND ? AND c.live = 1`);
  const liveCandidateRange = db.prepare(
    `SELECT MIN(rowid) AS first, MAX(rowid) AS last FROM ${staging.candidates} WHERE live = 1`,
  );
  const content = OFFER_CONTENT_COLUMNS.join(', ');
  const writeStagedFrom = (source: StagedSource) =>
    db.prepare(`INSERT INTO offers (supplier_id, product_id, sku_id, variant, ${content}, first_seen, last_seen, removed_at, grid_seq)
    SELECT @supplier, s.product_id, s.sku_id, s.variant, ${OFFER_CONTENT_COLUMNS.map((c) => `s.${c}`).join(', ')}, @now, @now, NULL, @seq
      ${selectFrom(source)}
    ON CONFLICT (supplier_id, product_id, sku_id, variant) DO UPDATE SET
      ${OFFER_CONTENT_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')},
      last_seen = excluded.last_seen, removed_at = NULL, grid_seq = excluded.grid_seq`);
  const markRemoved = db.prepare(
    `UPDATE offers SET removed_at = ?, grid_seq = ? WHERE supplier_id = ? AND product_id = ? AND sku_id = ? AND variant = ?`,
  );
  const logChange =
    db.prepare(`INSERT INTO changes (run_id, supplier_id, product_id, sku_id, variant, change, old_json, new_json)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  // Kept by this commit alone, the only writer of offers (migration 020): COUNT(*) would walk every live row.
  const liveCount = db.prepare(`SELECT live FROM live_offer_counts WHERE supplier_id = ?`).pluck();
  // Whether any offer is live is asked of the offers themselves, not of the stored count: taking the shortcut below
  // for a supplier that has live offers would log them all as added and remove none. One seek of the partial index
  // (the primary key would walk a supplier's removed offers first).
  const anyLive = db
    .prepare(`SELECT EXISTS (SELECT 1 FROM offers INDEXED BY offers_live WHERE supplier_id = ? AND removed_at IS NULL)`)
    .pluck();
  const countLive = db.prepare(`SELECT COUNT(*) FROM offers WHERE supplier_id = ? AND removed_at IS NULL`).pluck();
  const keepLiveCount = db.prepare(`INSERT INTO live_offer_counts (supplier_id, live) VALUES (?, ?)
    ON CONFLICT (supplier_id) DO UPDATE SET live = excluded.live`);
  const closeRun =
    db.prepare(`UPDATE sync_runs SET status = 'ok', finished_at = ?, offers = ?, added = ?, removed = ?, changed = ?,
    skipped = ?, skipped_json = ?, error = NULL, mode = ?, requests = ?, throttled = ?, wait_ms = ?, bytes = ?, fetch_ms = ? WHERE id = ?`);
  const clearCandidates = db.prepare(`DELETE FROM ${staging.candidates}`);
  const anyKept = db.prepare(`SELECT EXISTS (SELECT 1 FROM ${staging.kept})`).pluck();
  // Reuse stands only if every reused item still has its live offers, no item read lists a key one of them holds and
  // none was listed twice (reading would have kept the first listed and reported the other as listed twice). CROSS
  // JOIN: staging drives, each of its few rows a seek of the primary key, not a walk of the supplier's offers.
  const keptNotLive = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM ${staging.kept} WHERE fingerprint NOT IN (
      SELECT item_fingerprint FROM offers WHERE supplier_id = ? AND removed_at IS NULL AND item_fingerprint IS NOT NULL))`,
    )
    .pluck();
  const keptKeyListedAgain = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM ${staging.offers} s
      CROSS JOIN offers o ON o.supplier_id = ? AND ${sameKey} AND o.removed_at IS NULL
      WHERE o.item_fingerprint IN (SELECT fingerprint FROM ${staging.kept}))`,
    )
    .pluck();
  // An offer spared as unreadable was not read from its item as it stands: it must not vouch for that item later.
  const forgetFingerprint = db.prepare(
    `UPDATE offers SET item_fingerprint = NULL
    WHERE supplier_id = ? AND product_id = ? AND sku_id = ? AND variant = ? AND item_fingerprint IS NOT NULL`,
  );
  const keepUpstreamFacts = db.prepare(
    `UPDATE sync_runs SET clock_offset_ms = ?, mapping_fingerprint = ? WHERE id = ?`,
  );
  const holdRun =
    db.prepare(`UPDATE sync_runs SET status = 'held', finished_at = ?, offers = ?, added = ?, removed = ?, changed = ?,
    skipped = ?, skipped_json = ?, error = NULL, mode = ?, requests = ?, throttled = ?, wait_ms = ?, bytes = ?, fetch_ms = ?, held_json = ? WHERE id = ?`);

  // A full listing that reused items unread did not read the whole catalog: only a listing that did resets the
  // schedule of full listings (engine.ts, listingSince).
  const reused = anyKept.get() === 1;
  const mode: SyncMode = scope === 'changes' || reused ? 'incremental' : 'full';

  /** What closing the run records, held or applied: the values closeRun and holdRun share, in their order. */
  const outcome = (counts: CommitResult['counts']) => [
    nowIso(),
    counts.offers,
    counts.added,
    counts.removed,
    counts.changed,
    counts.skipped,
    JSON.stringify(skipped),
    mode,
    metrics.requests,
    metrics.throttled,
    Math.round(metrics.waitMs),
    metrics.bytes,
    Math.round(metrics.fetchMs),
  ];

  /** Closes the run as applied, unless the hold rule holds it (HoldInstead: the caller's savepoint undoes it all). */
  const close = (counts: CommitResult['counts'], liveBefore: number): CommitResult => {
    const reason = options.hold ? holdReason(counts.removed, liveBefore, options.hold) : null;
    if (reason) throw new HoldInstead(counts, reason);
    closeRun.run(...outcome(counts), runId);
    keepLiveCount.run(supplierId, counts.offers);
    markGridStale(db);
    return { counts, mode };
  };

  // The commit runs whole inside a savepoint: a listing to hold is then judged by exactly the counts applying it makes
  // (unreadable products spared, removals of a 'changes' listing included), and undone before anything lands.
  const apply = db.transaction((liveBefore: number, hasLive: boolean): CommitResult => {
    const seq = nextCatalogSeq(db);
    if (!hasLive) {
      // Nothing live to compare with, remove or change (a first sync): the diff is every staged offer, added, logged
      // and written straight from staging, with no candidates to find or join.
      const added = logAdditionsFrom(everyStagedOffer).run({ run: runId, supplier: supplierId }).changes;
      writeStagedFrom(everyStagedOffer).run({ supplier: supplierId, now, seq });
      return close({ offers: added, added, removed: 0, changed: 0, skipped: skipped.length }, liveBefore);
    }
    clearCandidates.run();
    findCandidates.run({ supplier: supplierId });
    const unreadable = unreadableItems(skipped);
    // Keys without a live offer: each becomes one (writeStagedFrom), and nothing else adds to the live count.
    const revived = logAdditionsFrom(stagedCandidates('c.live = 0')).run({
      run: runId,
      supplier: supplierId,
    }).changes;
    let added = revived;
    let removed = 0;
    let changed = 0;
    // The candidates' rowids run in key order: the table was emptied and filled by one ordered insert.
    const range = liveCandidateRange.get() as { first: number | null; last: number | null };
    for (let first = range.first ?? 1; first <= (range.last ?? 0); first += DIFF_CHUNK) {
      const last = first + DIFF_CHUNK - 1;
      const rank = new Map<string, number>();
      const toSnapshot = (row: SnapshotRow) => {
        const snapshot = snapshotFromRow(row);
        rank.set(snapshot.key, row.rank);
        return snapshot;
      };
      const previous = (liveChunk.all(supplierId, first, last) as SnapshotRow[]).map(toSnapshot);
      const next = (stagedChunk.all(first, last) as SnapshotRow[]).map(toSnapshot);
      // Key order, not arrival order: a full and an incremental listing of one upstream then log the same rows.
      const changes = diffCatalog(previous, next, { unreadable }).sort((a, b) => rank.get(a.key)! - rank.get(b.key)!);
      const listed = new Set(next.map((offer) => offer.key));
      const removedKeys = new Set(changes.filter((change) => change.change === 'removed').map((change) => change.key));
      for (const offer of previous)
        if (!listed.has(offer.key) && !removedKeys.has(offer.key))
          forgetFingerprint.run(supplierId, offer.productId, offer.skuId, offer.variant);
      let lastChangedKey: string | null = null;
      for (const change of changes) {
        if (change.change === 'removed') {
          markRemoved.run(now, seq, supplierId, change.productId, change.skuId, change.variant);
          removed++;
        } else if (change.change === 'added') {
          // A live row the listing still has is never an addition; counted should one ever slip through.
          added++;
        } else if (change.key !== lastChangedKey) {
          lastChangedKey = change.key;
          changed++;
        }
        logChange.run(
          runId,
          supplierId,
          change.productId,
          change.skuId,
          change.variant,
          change.change,
          change.old === null ? null : JSON.stringify(change.old),
          change.new === null ? null : JSON.stringify(change.new),
        );
      }
    }
    // Every candidate the listing has, changed or added.
    writeStagedFrom(stagedCandidates('true')).run({ supplier: supplierId, now, seq });
    // Counted, not queried: COUNT(*) walks every live offer of the supplier (46k: ~20 ms) for a number known here.
    const offers = liveBefore + revived - removed;
    return close({ offers, added, removed, changed, skipped: skipped.length }, liveBefore);
  });

  staging.indexByKey();
  // IMMEDIATE: the write lock first. A deferred transaction that read and then found another connection (a sync
  // worker's) had committed meanwhile could only fail, never wait.
  const commit = db.transaction((): CommitResult => {
    if (reused && (staging.keptTwice || keptNotLive.get(supplierId) === 1 || keptKeyListedAgain.get(supplierId) === 1))
      throw new ReusedItemsMoved();
    if (options.upstream) {
      const { clockOffsetMs, mappingFingerprint } = options.upstream;
      keepUpstreamFacts.run(clockOffsetMs === null ? null : Math.round(clockOffsetMs), mappingFingerprint, runId);
    }
    const hasLive = anyLive.get(supplierId) === 1;
    const stored = liveCount.get(supplierId) as number | undefined;
    // A stored count that cannot be right (none, or 0 beside live offers) is counted once again.
    const liveBefore = !hasLive ? 0 : stored ? stored : (countLive.get(supplierId) as number);
    try {
      return apply(liveBefore, hasLive);
    } catch (error) {
      if (!(error instanceof HoldInstead)) throw error;
      const { counts, reason } = error;
      keepHeldListing(db, runId, staging);
      holdRun.run(...outcome(counts), JSON.stringify(reason), runId);
      return { counts, mode, held: reason };
    }
  });
  return commit.immediate();
}

/** Written after the transaction it measures, so that it includes the commit itself. */
export function recordCommitTime(db: Database, runId: number, commitMs: number): void {
  db.prepare('UPDATE sync_runs SET commit_ms = ? WHERE id = ?').run(Math.round(commitMs), runId);
}

/** Replaces a supplier's catalog with a complete listing held in memory (tests and fixtures; the engine stages page by page). */
export function commitCatalog(
  db: Database,
  runId: number,
  supplierId: string,
  offers: Offer[],
  skipped: SkippedItem[],
): CommitResult {
  const staging = new CatalogStaging(db, runId);
  try {
    const duplicates = staging.addPage({ offers, skipped, scope: 'full' });
    return commitStagedCatalog(db, runId, supplierId, staging, { scope: 'full', skipped: [...skipped, ...duplicates] });
  } finally {
    staging.drop();
  }
}

/** The supplier's latest ok run (of `mode`, or of any mode): when it started and which catalog it read. */
/**
 * `clockOffsetMs`: how far the supplier's clock ran ahead of ours during the run, 0 where unknown;
 * `mappingFingerprint`: CommitOptions.upstream's, null where unknown.
 */
export function lastOkRun(
  db: Database,
  supplierId: string,
  mode?: SyncMode,
): { startedAt: string; source: string | null; clockOffsetMs: number; mappingFingerprint: string | null } | null {
  const row = db
    .prepare(
      `SELECT started_at, source, clock_offset_ms, mapping_fingerprint FROM sync_runs
      WHERE supplier_id = ? AND status = 'ok' ${mode ? 'AND mode = ?' : ''} ORDER BY id DESC LIMIT 1`,
    )
    .get(...(mode ? [supplierId, mode] : [supplierId])) as
    | { started_at: string; source: string | null; clock_offset_ms: number | null; mapping_fingerprint: string | null }
    | undefined;
  return row
    ? {
        startedAt: row.started_at,
        source: row.source,
        clockOffsetMs: row.clock_offset_ms ?? 0,
        mappingFingerprint: row.mapping_fingerprint,
      }
    : null;
}

/**
 * Whether a live offer of the supplier was mapped from an item with this fingerprint. The fingerprints are read once,
 * on the first question: a supplier that never asks (one listing incrementally) costs no query.
 */
export function liveItemFingerprints(db: Database, supplierId: string): (fingerprint: string) => boolean {
  let live: Set<string> | null = null;
  return (fingerprint) => {
    live ??= new Set(
      db
        .prepare(
          `SELECT DISTINCT item_fingerprint FROM offers
          WHERE supplier_id = ? AND removed_at IS NULL AND item_fingerprint IS NOT NULL`,
        )
        .pluck()
        .all(supplierId) as string[],
    );
    return live.has(fingerprint);
  };
}

/** A supplier's stored `raw` by product (its first live offer's), read one product at a time as a listing asks. */
export function storedRawOf(db: Database, supplierId: string): (productId: string) => unknown {
  const read = db.prepare(
    `SELECT raw_json FROM offers WHERE supplier_id = ? AND product_id = ? AND removed_at IS NULL ORDER BY sku_id, variant LIMIT 1`,
  );
  return (productId) => {
    const row = read.get(supplierId, productId) as { raw_json: string } | undefined;
    return row ? JSON.parse(row.raw_json) : undefined;
  };
}

/** The products of a supplier that have a live offer, read when called (FetchOptions.liveProducts). */
export function liveProductsOf(db: Database, supplierId: string): () => string[] {
  const read = db
    .prepare(`SELECT DISTINCT product_id FROM offers WHERE supplier_id = ? AND removed_at IS NULL ORDER BY product_id`)
    .pluck();
  return () => read.all(supplierId) as string[];
}

/** A live offer's quantity tiers; empty when it has none (or is not live). */
export function offerQuantityTiers(
  db: Database,
  ref: { supplier: string; productId: string; skuId: string; variant: string },
): QuantityTier[] {
  const row = db
    .prepare(
      `SELECT tiers_json FROM offers WHERE supplier_id = ? AND product_id = ? AND sku_id = ? AND variant = ? AND removed_at IS NULL`,
    )
    .get(ref.supplier, ref.productId, ref.skuId, ref.variant) as { tiers_json: string | null } | undefined;
  return row?.tiers_json ? JSON.parse(row.tiers_json) : [];
}

export function listLiveOffers(db: Database, supplierId?: string): StoredOffer[] {
  const rows = (
    supplierId
      ? db
          .prepare(
            `SELECT * FROM offers WHERE removed_at IS NULL AND supplier_id = ? ORDER BY supplier_id, product_id, sku_id, variant`,
          )
          .all(supplierId)
      : db
          .prepare(`SELECT * FROM offers WHERE removed_at IS NULL ORDER BY supplier_id, product_id, sku_id, variant`)
          .all()
  ) as OfferRow[];
  return rows.map(offerFromRow);
}

function offerFromRow(row: OfferRow): StoredOffer {
  return {
    supplierId: row.supplier_id,
    productId: row.product_id,
    skuId: row.sku_id,
    variant: row.variant,
    kind: row.kind as OfferKind,
    titles: parseTitles(row.titles_json),
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
    ...(row.tiers_json ? { quantityTiers: JSON.parse(row.tiers_json) } : {}),
    raw: JSON.parse(row.raw_json),
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}

function runFromRow(row: RunRow): SyncRun {
  return {
    id: row.id,
    supplierId: row.supplier_id,
    supplierKind: row.supplier_kind,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    offers: row.offers,
    added: row.added,
    removed: row.removed,
    changed: row.changed,
    skipped: row.skipped,
    skippedItems: JSON.parse(row.skipped_json),
    error: row.error,
    mode: row.mode,
    requests: row.requests,
    throttled: row.throttled,
    waitMs: row.wait_ms,
    bytes: row.bytes,
    fetchMs: row.fetch_ms,
    commitMs: row.commit_ms,
    held: row.held_json === null ? null : JSON.parse(row.held_json),
    resolvedAt: row.resolved_at,
  };
}

export function getRun(db: Database, runId: number): SyncRun | null {
  const row = db.prepare('SELECT * FROM sync_runs WHERE id = ?').get(runId) as RunRow | undefined;
  return row ? runFromRow(row) : null;
}

/** The newest run of every supplier that has one. */
export function latestRuns(db: Database): SyncRun[] {
  const rows = db
    .prepare(
      `SELECT * FROM sync_runs WHERE id IN (SELECT MAX(id) FROM sync_runs GROUP BY supplier_id) ORDER BY supplier_id`,
    )
    .all() as RunRow[];
  return rows.map(runFromRow);
}

export function listRuns(db: Database, limit = 100): SyncRun[] {
  return (db.prepare('SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?').all(limit) as RunRow[]).map(runFromRow);
}
