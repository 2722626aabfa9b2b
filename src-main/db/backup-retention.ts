/**
 * Which backups to keep (Actual Budget's policy): the 3 newest of today, and the newest of each of the 10 days before.
 * Pure: `dayOf` names a backup's local day, so a test can pin the time zone.
 */
export const KEEP_TODAY = 3;
export const KEEP_DAYS = 10;

export interface DatedBackup {
  name: string;
  createdAt: Date;
}

export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The names of the backups the policy no longer keeps. A backup dated in the future (made before the clock was set
 * back) counts as today's, and as older than any made since: ranked by its date, it would take today's places until
 * the clock caught up, and every backup made meanwhile would be deleted the moment it was written.
 */
export function backupsToPrune(backups: DatedBackup[], now: Date, dayOf: (date: Date) => string = localDay): string[] {
  const today = dayOf(now);
  const previousDays = new Set<string>();
  for (let back = 1; back <= KEEP_DAYS; back++) {
    const day = new Date(now);
    day.setDate(day.getDate() - back);
    previousDays.add(dayOf(day));
  }
  const ahead = (backup: DatedBackup) => (backup.createdAt.getTime() > now.getTime() ? 1 : 0);
  const newestFirst = [...backups].sort(
    (a, b) => ahead(a) - ahead(b) || b.createdAt.getTime() - a.createdAt.getTime() || b.name.localeCompare(a.name),
  );
  const keptOfDay = new Map<string, number>();
  const prune: string[] = [];
  for (const backup of newestFirst) {
    const day = backup.createdAt.getTime() > now.getTime() ? today : dayOf(backup.createdAt);
    const kept = keptOfDay.get(day) ?? 0;
    const allowed = day === today ? KEEP_TODAY : previousDays.has(day) ? 1 : 0;
    if (kept < allowed) keptOfDay.set(day, kept + 1);
    else prune.push(backup.name);
  }
  return prune;
}
