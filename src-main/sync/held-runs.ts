import type { Database } from 'better-sqlite3';
import { commitStagedCatalog, getRun, recordCommitTime, ReusedItemsMoved, type CommitResult } from '../db/catalog-repo';
import { dropHeldListing, heldListingScope, restageHeldListing } from '../db/held-listings';
import { ConfigError } from '../config/app-config';
import { HELD_NOT_FOUND, HELD_SUPERSEDED } from '../../src-shared/held-run-codes';
import type { HeldRun } from '../../src-shared/sync-types';

// A held run is applied exactly as its own commit would have been: its listing is restaged and committed under its own
// run id, so its change log, counts and the offers it writes are those of an unheld commit. That holds only against
// the catalog it was held against: once a later sync of the supplier was applied, the held listing is older than the
// catalog, and applying it would roll newer data back (an incremental one would even be read against the wrong
// base). Such a run is "superseded": it can only be discarded, and the next sync lists the supplier afresh. Nothing
// held is ever dropped without the merchant saying so.

export class HeldRunError extends Error {
  constructor(
    readonly code: typeof HELD_NOT_FOUND | typeof HELD_SUPERSEDED,
    readonly runId: number,
  ) {
    super(code);
  }
}

/**
 * A later run applied, or (a listing that reused items) an item it reused no longer has live offers: an older held
 * listing applied since removed them, and this one describes a catalog that is gone.
 */
const supersededSql = `(EXISTS (SELECT 1 FROM sync_runs later WHERE later.supplier_id = r.supplier_id AND later.status = 'ok' AND later.id > r.id)
  OR EXISTS (SELECT 1 FROM held_kept_items k WHERE k.run_id = r.id AND k.fingerprint NOT IN (
    SELECT item_fingerprint FROM offers WHERE supplier_id = r.supplier_id AND removed_at IS NULL AND item_fingerprint IS NOT NULL)))`;

export function listHeldRuns(db: Database): HeldRun[] {
  const rows = db
    .prepare(`SELECT r.id, ${supersededSql} AS superseded FROM sync_runs r WHERE r.status = 'held' ORDER BY r.id`)
    .all() as Array<{ id: number; superseded: number }>;
  return rows.map((row) => ({ ...getRun(db, row.id)!, superseded: row.superseded === 1 }));
}

function heldRun(db: Database, runId: number): HeldRun {
  const held = Number.isSafeInteger(runId) ? listHeldRuns(db).find((run) => run.id === runId) : undefined;
  if (!held) throw new HeldRunError(HELD_NOT_FOUND, runId);
  return held;
}

/**
 * A held listing that reused items is applied only while they still stand for live offers: applying an older held
 * listing first may have removed them, and then this one describes a catalog that is gone (sync again).
 */
function commitHeld(runId: number, commit: () => CommitResult): CommitResult {
  try {
    return commit();
  } catch (error) {
    if (error instanceof ReusedItemsMoved) throw new HeldRunError(HELD_SUPERSEDED, runId);
    throw error;
  }
}

/** Applies a held run's listing now; the run becomes 'ok' (its reason kept). */
export function applyHeldRun(db: Database, runId: number): CommitResult {
  const started = performance.now();
  const result = db.transaction((): CommitResult => {
    const run = heldRun(db, runId);
    if (run.superseded) throw new HeldRunError(HELD_SUPERSEDED, runId);
    // A backup of the database belongs here, before a merchant-approved mass removal lands (a later issue).
    const staging = restageHeldListing(db, runId);
    try {
      const committed = commitHeld(runId, () =>
        commitStagedCatalog(db, runId, run.supplierId, staging, {
          scope: heldListingScope(db, runId, run.mode),
          skipped: run.skippedItems,
          metrics: {
            requests: run.requests,
            throttled: run.throttled,
            waitMs: run.waitMs,
            bytes: run.bytes,
            fetchMs: run.fetchMs ?? 0,
          },
        }),
      );
      dropHeldListing(db, runId);
      db.prepare('UPDATE sync_runs SET resolved_at = ? WHERE id = ?').run(new Date().toISOString(), runId);
      return committed;
    } finally {
      staging.drop();
    }
  })();
  recordCommitTime(db, runId, performance.now() - started);
  return result;
}

/** Refuses a held run's listing: the catalog stays as it is, the run stays in the history as 'discarded'. */
export function discardHeldRun(db: Database, runId: number): void {
  db.transaction(() => {
    heldRun(db, runId);
    db.prepare(`UPDATE sync_runs SET status = 'discarded', resolved_at = ? WHERE id = ?`).run(
      new Date().toISOString(),
      runId,
    );
    dropHeldListing(db, runId);
  })();
}

export interface ApplyAllResult {
  applied: Array<{ runId: number; supplierId: string; counts: CommitResult['counts'] }>;
  /** Left held, with why (superseded runs can only be discarded). */
  notApplied: Array<{ runId: number; supplierId: string; error: string }>;
}

/** Applies every held run, oldest first: one supplier's successive held runs land in the order they were listed. */
export function applyAllHeldRuns(db: Database): ApplyAllResult {
  const result: ApplyAllResult = { applied: [], notApplied: [] };
  for (const run of listHeldRuns(db)) {
    try {
      result.applied.push({ runId: run.id, supplierId: run.supplierId, counts: applyHeldRun(db, run.id).counts });
    } catch (error) {
      if (!(error instanceof HeldRunError)) throw error;
      result.notApplied.push({ runId: run.id, supplierId: run.supplierId, error: error.code });
    }
  }
  return result;
}

/** Checks a run id as it arrives over IPC or HTTP: untyped JSON. */
export function parseRunId(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new ConfigError('a sync run id must be a positive whole number');
  return value;
}
