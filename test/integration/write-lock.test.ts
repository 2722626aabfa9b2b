import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open';
import { withWriteLock } from '../../src-main/db/write-lock';
import { tempDb, type TempDb } from '../helpers/temp-db';

// Two connections to one real database file, as two sync threads have: one holds the write lock (a large commit),
// the other wants it.

let temp: TempDb;
afterEach(() => temp?.cleanup());

const setting = (key: string) => `INSERT INTO app_state (key, value) VALUES ('${key}', '1')`;

describe('waiting for the write lock', () => {
  it('leaves the thread free while another connection commits, then writes once the lock is released', async () => {
    temp = tempDb();
    const other = openDatabase(temp.file);
    try {
      other.exec('BEGIN IMMEDIATE');
      other.exec(setting('other'));
      let wrote = false;
      const waiting = withWriteLock(temp.db, () => {
        temp.db.exec(setting('ours'));
        wrote = true;
        return 'done';
      });
      // SQLite's own busy wait would hold this thread until the lock came free (or its 5 s ran out): the timers
      // below could not fire, and the other connection could never commit.
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(wrote).toBe(false);
      other.exec('COMMIT');
      expect(await waiting).toBe('done');
      expect(wrote).toBe(true);
      const keys = temp.db.prepare(`SELECT key FROM app_state WHERE key IN ('ours', 'other') ORDER BY key`).pluck();
      expect(keys.all()).toEqual(['other', 'ours']);
      // The connection's own patience is as it was: later writes still wait for a busy database.
      expect(temp.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      other.close();
    }
  });

  it('undoes what the work wrote when it throws, and gives up with SQLite’s busy error after the busy timeout', async () => {
    temp = tempDb();
    await expect(
      withWriteLock(temp.db, () => {
        temp.db.exec(setting('half'));
        throw new Error('midway');
      }),
    ).rejects.toThrow('midway');
    expect(temp.db.inTransaction).toBe(false);
    expect(temp.db.prepare(`SELECT COUNT(*) FROM app_state WHERE key = 'half'`).pluck().get()).toBe(0);

    const other = openDatabase(temp.file);
    try {
      other.exec('BEGIN IMMEDIATE');
      temp.db.pragma('busy_timeout = 50');
      await expect(withWriteLock(temp.db, () => 'never')).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
      expect(temp.db.inTransaction).toBe(false);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});
