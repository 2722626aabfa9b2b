import type { Database } from 'better-sqlite3';

/** The grid's title of each plan row named, in the language asked for (Chinese for `zh…`); keys without a row are left out. */
export function planTitles(db: Database, planKeys: readonly string[], language: string): Record<string, string> {
  if (planKeys.length === 0) return {};
  // One statement for the whole list: a screen naming fifty locks asks once, not fifty times.
  const rows = db
    .prepare(
      `SELECT plan_key, ${language.startsWith('zh') ? 'title_zh' : 'title_en'} AS title FROM plan_rows
    WHERE plan_key IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify([...new Set(planKeys)])) as Array<{ plan_key: string; title: string }>;
  const titles: Record<string, string> = {};
  for (const row of rows) if (row.title) titles[row.plan_key] = row.title;
  return titles;
}
