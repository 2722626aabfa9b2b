import type { Database } from 'better-sqlite3';

/** SQLite caps bound parameters per statement. */
const CHUNK = 500;

/** Keeps these plans out of exports (or lets them back in); returns how many plans changed state. */
export function setExportExclusion(db: Database, planKeys: readonly string[], excluded: boolean): number {
  const statement = excluded
    ? db.prepare('INSERT INTO export_exclusions (plan_key, created_at) VALUES (?, ?) ON CONFLICT (plan_key) DO NOTHING')
    : db.prepare('DELETE FROM export_exclusions WHERE plan_key = ?');
  const now = new Date().toISOString();
  let changed = 0;
  db.transaction(() => {
    for (const key of planKeys) changed += (excluded ? statement.run(key, now) : statement.run(key)).changes;
  })();
  return changed;
}

/** Which of these plans are kept out of exports. */
export function excludedAmong(db: Database, planKeys: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (let start = 0; start < planKeys.length; start += CHUNK) {
    const keys = planKeys.slice(start, start + CHUNK);
    const rows = db
      .prepare(`SELECT plan_key FROM export_exclusions WHERE plan_key IN (${keys.map(() => '?').join(',')})`)
      .pluck()
      .all(...keys) as string[];
    for (const key of rows) found.add(key);
  }
  return found;
}
