import type { Database } from 'better-sqlite3';
import { legacyHandle } from './store-identity';

/** The handles these plans were given (absent = never exported yet). */
export function assignedHandles(db: Database, planKeys: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  // SQLite caps bound parameters per statement.
  for (let start = 0; start < planKeys.length; start += 500) {
    const chunk = planKeys.slice(start, start + 500);
    const rows = db
      .prepare(`SELECT plan_key, handle FROM export_handles WHERE plan_key IN (${chunk.map(() => '?').join(',')})`)
      .all(...chunk) as Array<{ plan_key: string; handle: string }>;
    for (const row of rows) found.set(row.plan_key, row.handle);
  }
  return found;
}

/** Whether a handle is given to some plan; the statement is prepared once, since a first export asks for every row. */
export function handlesInUse(db: Database): (handle: string) => boolean {
  const lookup = db.prepare('SELECT 1 FROM export_handles WHERE handle = ?');
  return (handle) => lookup.get(handle) !== undefined;
}

/**
 * Plans some store received before handles were kept (they have a fingerprint, not a handle) keep the handle they
 * were sent under. Runs before every export; after the first it finds nothing.
 */
export function adoptLegacyHandles(db: Database): number {
  const orphans = db
    .prepare(
      `SELECT DISTINCT plan_key FROM export_fingerprints
    WHERE plan_key NOT IN (SELECT plan_key FROM export_handles)`,
    )
    .pluck()
    .all() as string[];
  if (orphans.length === 0) return 0;
  const insert = db.prepare('INSERT OR IGNORE INTO export_handles (plan_key, handle, assigned_at) VALUES (?, ?, ?)');
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const planKey of orphans) insert.run(planKey, legacyHandle(planKey), now);
  })();
  return orphans.length;
}

/**
 * Claims handles for plans, as an export gives them: `claim(planKey, handle)` makes `handle` the plan's for good and
 * returns it, returns the handle the plan already has (another export gave it one meanwhile), or null when another plan
 * holds `handle`. Claimed as the rows are written, not when the export is recorded: two exports at once (the app and
 * the CLI, a download during a long file) could otherwise each give one handle to a different plan.
 */
export function handleClaimer(db: Database): (planKey: string, handle: string) => string | null {
  const insert = db.prepare(
    'INSERT INTO export_handles (plan_key, handle, assigned_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const held = db.prepare('SELECT handle FROM export_handles WHERE plan_key = ?').pluck();
  return (planKey, handle) => {
    if (insert.run(planKey, handle, new Date().toISOString()).changes === 1) return handle;
    return (held.get(planKey) as string | undefined) ?? null;
  };
}
