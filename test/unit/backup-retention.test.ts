import { describe, expect, it } from 'vitest';
import { backupsToPrune, KEEP_DAYS, KEEP_TODAY } from '../../src-main/db/backup-retention';

const utcDay = (date: Date) => date.toISOString().slice(0, 10);
const at = (iso: string, name = iso) => ({ name, createdAt: new Date(iso) });

describe('backup retention: 3 from today, then one per day for 10 days', () => {
  const now = new Date('2026-12-06T18:00:00Z');

  it('keeps the 3 newest of today and prunes older ones of today', () => {
    const today = ['01', '05', '09', '12', '17'].map((h) => at(`2026-12-06T${h}:00:00Z`));
    expect(backupsToPrune(today, now, utcDay).sort()).toEqual(['2026-12-06T01:00:00Z', '2026-12-06T05:00:00Z']);
    expect(KEEP_TODAY).toBe(3);
  });

  it('keeps the newest of each of the 10 previous days and nothing older', () => {
    const backups = [];
    for (let back = 1; back <= 14; back++) {
      const day = new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10);
      backups.push(at(`${day}T08:00:00Z`), at(`${day}T20:00:00Z`));
    }
    const pruned = new Set(backupsToPrune(backups, now, utcDay));
    const kept = backups.filter((b) => !pruned.has(b.name)).map((b) => b.name);
    expect(kept).toHaveLength(KEEP_DAYS);
    expect(kept.every((name) => name.endsWith('T20:00:00Z'))).toBe(true);
    expect(kept).toContain('2026-11-26T20:00:00Z');
    expect(kept).not.toContain('2026-11-25T20:00:00Z');
  });

  it('counts a backup dated in the future (a clock set back) as today', () => {
    expect(backupsToPrune([at('2026-12-09T00:00:00Z')], now, utcDay)).toEqual([]);
  });

  it('ranks backups dated in the future below those made since the clock was set back', () => {
    const ahead = ['01', '02', '03'].map((h) => at(`2027-01-06T${h}:00:00Z`));
    const made = at('2026-12-06T17:00:00Z');
    expect(backupsToPrune([...ahead, made], now, utcDay)).toEqual(['2027-01-06T01:00:00Z']);
  });
});
