import type { Database } from 'better-sqlite3';
import { CatalogStaging, OFFER_CONTENT_COLUMNS } from './catalog-staging';
import type { SyncMode } from '../../src-shared/sync-types';

// A held run's listing outlives the process that fetched it (staging is TEMP), so it is copied into the database as
// staged: applying it later restages exactly these rows and runs the same commit.

const CONTENT = OFFER_CONTENT_COLUMNS.join(', ');

/** Copies a staged listing into held_offers/held_products under the run's id. Call inside the holding transaction. */
export function keepHeldListing(db: Database, runId: number, staging: CatalogStaging): void {
  db.prepare(
    `INSERT INTO held_offers (run_id, product_id, sku_id, variant, ${CONTENT})
    SELECT ?, product_id, sku_id, variant, ${CONTENT} FROM ${staging.offers}`,
  ).run(runId);
  db.prepare(
    `INSERT INTO held_products (run_id, role, product_id) SELECT ?, 'listed', product_id FROM ${staging.listed}`,
  ).run(runId);
  db.prepare(
    `INSERT INTO held_products (run_id, role, product_id) SELECT ?, 'removed', product_id FROM ${staging.removed}`,
  ).run(runId);
  db.prepare(`INSERT INTO held_kept_items (run_id, fingerprint) SELECT ?, fingerprint FROM ${staging.kept}`).run(runId);
}

/** Stages a held listing again, as the engine first staged it. The caller drops the staging. */
export function restageHeldListing(db: Database, runId: number): CatalogStaging {
  const staging = new CatalogStaging(db, runId);
  db.prepare(
    `INSERT INTO ${staging.offers} (product_id, sku_id, variant, ${CONTENT})
    SELECT product_id, sku_id, variant, ${CONTENT} FROM held_offers WHERE run_id = ?`,
  ).run(runId);
  db.prepare(
    `INSERT INTO ${staging.listed} (product_id) SELECT product_id FROM held_products WHERE run_id = ? AND role = 'listed'`,
  ).run(runId);
  db.prepare(
    `INSERT INTO ${staging.removed} (product_id) SELECT product_id FROM held_products WHERE run_id = ? AND role = 'removed'`,
  ).run(runId);
  db.prepare(`INSERT INTO ${staging.kept} (fingerprint) SELECT fingerprint FROM held_kept_items WHERE run_id = ?`).run(
    runId,
  );
  return staging;
}

/**
 * How a held listing was staged: 'changes' when it held only changes, 'full' when it listed everything. A full listing
 * that reused items unread is recorded as an incremental run, so the run's mode alone cannot tell.
 */
export function heldListingScope(db: Database, runId: number, mode: SyncMode): 'full' | 'changes' {
  if (mode === 'full') return 'full';
  const reused = db.prepare('SELECT EXISTS (SELECT 1 FROM held_kept_items WHERE run_id = ?)').pluck().get(runId);
  return reused === 1 ? 'full' : 'changes';
}

/** Once applied or discarded, the listing has no further use; the run row keeps the counts and the reason. */
export function dropHeldListing(db: Database, runId: number): void {
  db.prepare('DELETE FROM held_offers WHERE run_id = ?').run(runId);
  db.prepare('DELETE FROM held_products WHERE run_id = ?').run(runId);
  db.prepare('DELETE FROM held_kept_items WHERE run_id = ?').run(runId);
}
