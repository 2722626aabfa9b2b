import type { Database } from 'better-sqlite3';

/** The grid's title of each plan row named, in the language asked for (Chinese for `zh…`); keys without a row are left out. */
export function planTitles(db: Database, planKeys: readonly string[], language: string): Record<string, string> {
  const titleOf = db.prepare(`SELECT ${language.startsWith('zh') ? 'title_zh' : 'title_en'} FROM plan_rows WHERE plan_key = ?`).pluck();
  const titles: Record<string, string> = {};
  for (const planKey of new Set(planKeys)) {
    const title = titleOf.get(planKey) as string | undefined;
    if (title) titles[planKey] = title;
  }
  return titles;
}
