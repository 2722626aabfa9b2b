import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledMigrations, migrate } from '../../src-main/db/migrate';
import { openDatabase, PAGE_SIZE_BYTES } from '../../src-main/db/open';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'supplygrid-migrate-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('migrations', () => {
  it('applies the real migrations to a new file once, records them, and uses WAL', () => {
    const file = join(tempDir(), 'a.db');
    const db = openDatabase(file);
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(bundledMigrations().map((m) => ({ version: m.version, name: m.name })));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(migrate(db)).toEqual([]);
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({
      n: bundledMigrations().length,
    });
    again.close();
  });

  it('gives a new file and the staging tables of every connection 16 KiB pages; an existing file keeps its own', () => {
    const dir = tempDir();
    const fresh = openDatabase(join(dir, 'new.db'));
    fresh.exec('CREATE TEMP TABLE staged (a)');
    expect(fresh.pragma('page_size', { simple: true })).toBe(PAGE_SIZE_BYTES);
    expect(fresh.pragma('temp.page_size', { simple: true })).toBe(PAGE_SIZE_BYTES);
    fresh.close();
    // A database an earlier version made, with SQLite's default pages: opened, migrated and written as it is.
    const olderFile = join(dir, 'older.db');
    const made = new BetterSqlite3(olderFile);
    made.pragma('journal_mode = WAL');
    made.exec('CREATE TABLE kept (a)');
    made.close();
    const older = openDatabase(olderFile);
    expect(older.pragma('page_size', { simple: true })).toBe(4096);
    older.exec('CREATE TEMP TABLE staged (a)');
    expect(older.pragma('temp.page_size', { simple: true })).toBe(PAGE_SIZE_BYTES);
    expect(older.prepare("SELECT COUNT(*) AS n FROM sqlite_schema WHERE name = 'offers'").get()).toEqual({ n: 1 });
    older.close();
  });

  it('refuses a migration that was edited after it was applied', () => {
    const db = new BetterSqlite3(join(tempDir(), 'b.db'));
    migrate(db, [{ version: 1, name: 'first', sql: 'CREATE TABLE t (a INTEGER);' }]);
    expect(() => migrate(db, [{ version: 1, name: 'first', sql: 'CREATE TABLE t (a INTEGER, b TEXT);' }])).toThrow(
      /edited after it was applied/,
    );
    db.close();
  });

  it('rolls back a failing migration and records nothing for it', () => {
    const db = new BetterSqlite3(join(tempDir(), 'c.db'));
    expect(() =>
      migrate(db, [{ version: 1, name: 'broken', sql: 'CREATE TABLE t (a INTEGER); INSERT INTO nope VALUES (1);' }]),
    ).toThrow(/migration 001_broken failed and was rolled back \(no such table: nope\); the database is as it was/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database written by a newer version', () => {
    const db = new BetterSqlite3(join(tempDir(), 'd.db'));
    migrate(db, [
      { version: 1, name: 'a', sql: 'SELECT 1;' },
      { version: 2, name: 'b', sql: 'SELECT 1;' },
    ]);
    expect(() => migrate(db, [{ version: 1, name: 'a', sql: 'SELECT 1;' }])).toThrow(/newer version/);
    db.close();
  });

  it('reads numbered files from a folder and rejects gaps', () => {
    const dir = join(tempDir(), 'migrations');
    mkdirSync(dir);
    writeFileSync(join(dir, '001_first.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '002_second.sql'), 'SELECT 2;');
    writeFileSync(join(dir, 'README.md'), 'ignored');
    expect(bundledMigrations(dir).map((m) => m.name)).toEqual(['first', 'second']);
    writeFileSync(join(dir, '004_fourth.sql'), 'SELECT 4;');
    expect(() => bundledMigrations(dir)).toThrow(/without gaps/);
  });

  it('reprices the grid once per change of the starting markup (026: by currency, 027: by own rates), only once', () => {
    const db = new BetterSqlite3(join(tempDir(), 'b.db'));
    const before = bundledMigrations().filter((m) => m.version < 26);
    migrate(db, before);
    db.prepare(`INSERT INTO app_state (key, value) VALUES ('grid.pricesVersion', '7')`).run();
    const pricesVersion = () =>
      db.prepare(`SELECT value FROM app_state WHERE key = 'grid.pricesVersion'`).pluck().get();
    expect(
      migrate(
        db,
        bundledMigrations().filter((m) => m.version <= 26),
      ),
    ).toEqual([26]);
    expect(pricesVersion()).toBe('8');
    const upTo27 = bundledMigrations().filter((m) => m.version <= 27);
    expect(migrate(db, upTo27)).toEqual([27]);
    expect(pricesVersion()).toBe('9');
    expect(migrate(db, upTo27)).toEqual([]);
    expect(pricesVersion()).toBe('9');
    db.close();
  });
});
