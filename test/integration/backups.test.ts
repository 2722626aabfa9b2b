import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupService } from '../../src-main/backups/backup-service';
import {
  BACKUP_CORRUPT,
  backupDatabase,
  backupFile,
  backupsDirFor,
  listBackups,
  restoreBackup,
  verifyBackupFile,
} from '../../src-main/db/backup-store';
import { readState, writeState } from '../../src-main/db/app-state';
import { bundledMigrations, migrate } from '../../src-main/db/migrate';
import { openDatabase } from '../../src-main/db/open';
import { aesSecretBox } from '../../src-main/secrets/secret-box';
import { ConnectionsService } from '../../src-main/services/connections-service';
import { syncSupplier } from '../../src-main/sync/engine';
import { listHeldRuns } from '../../src-main/sync/held-runs';
import { FakeSupplier } from '../helpers/fake-catalog';
import { runCli } from '../helpers/run-cli';
import { tempDb, type TempDb } from '../helpers/temp-db';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function store(): TempDb {
  const db = tempDb('supplygrid-backups-');
  cleanups.push(db.cleanup);
  return db;
}

/**
 * A database file as the previous version left it: one migration behind, on SQLite's default 4 KiB pages, with the
 * marker set to EUR.
 */
function olderDatabase(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'old.db');
  const old = new BetterSqlite3(file);
  old.pragma('journal_mode = WAL');
  migrate(old, bundledMigrations().slice(0, -1));
  writeState(old, MARKER, 'EUR');
  old.close();
  return file;
}

const mode = (file: string) => statSync(file).mode & 0o777;
/** A setting the tests change to tell one state of the database from another. */
const MARKER = 'settings.currency';

describe('backups', () => {
  it('writes a verified 0600 copy into a 0700 backups/ folder, holding secrets sealed only', async () => {
    const { db, file } = store();
    const secret = 'clear-secret-7f3a9c1e';
    new ConnectionsService(db, aesSecretBox(Buffer.alloc(32, 7), 'key-file')).save({
      kind: 'dujiao-next',
      name: 'Shop',
      settings: { baseUrl: 'https://shop.example.com', apiKey: 'key-1' },
      secrets: { apiSecret: secret },
    });
    writeState(db, MARKER, 'EUR');
    const backup = await backupDatabase(db, 'manual');
    const path = join(backupsDirFor(file), backup.name);
    expect(backup).toMatchObject({ reason: 'manual', bytes: statSync(path).size });
    expect(mode(path)).toBe(0o600);
    expect(mode(backupsDirFor(file))).toBe(0o700);
    expect(verifyBackupFile(path).schemaVersion).toBe(bundledMigrations().length);
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from(secret))).toBe(false);
    expect(bytes.includes(Buffer.from('shop.example.com'))).toBe(true);
    const copy = new BetterSqlite3(path, { readonly: true });
    expect(readState(copy, MARKER)).toBe('EUR');
    copy.close();
    // Nothing half-written or journal files left beside it.
    expect(readdirSync(backupsDirFor(file))).toEqual([backup.name]);
  });

  it('a backup that fails its integrity check is deleted and reported, and the failure shown until one succeeds', async () => {
    const { db, file } = store();
    const events: string[] = [];
    const service = new BackupService(db, (event) => events.push(event.type));
    const corrupt = (path: string) => {
      const bytes = readFileSync(path);
      bytes.fill(0x5a, 4096, bytes.length);
      writeFileSync(path, bytes);
    };
    await expect(backupDatabase(db, 'manual', { beforeVerify: corrupt })).rejects.toMatchObject({
      code: BACKUP_CORRUPT,
    });
    expect(listBackups(backupsDirFor(file))).toEqual([]);
    expect(readdirSync(backupsDirFor(file))).toEqual([]);

    // Through the service: the failure is recorded (Settings shows it) and cleared by the next good backup.
    await expect(service.create('daily', { beforeVerify: corrupt })).rejects.toMatchObject({ code: BACKUP_CORRUPT });
    expect(service.view().lastFailure).toMatchObject({ reason: 'daily', code: BACKUP_CORRUPT });
    await expect(service.create('daily')).resolves.toMatchObject({ reason: 'daily' });
    expect(service.view().lastFailure).toBeNull();
    expect(events).toEqual(['failed', 'created']);
  });

  it('restoring first backs up the current database, so the restore itself can be undone', async () => {
    const { db, file } = store();
    writeState(db, MARKER, 'EUR');
    const a = await backupDatabase(db, 'manual');
    writeState(db, MARKER, 'GBP');
    const { undo } = await restoreBackup(db, backupFile(file, a.name));
    expect(readState(db, MARKER)).toBe('EUR');
    expect(undo.reason).toBe('before-restore');
    // Another connection to the same file (the CLI beside the app) sees the restored data too.
    const other = openDatabase(file);
    expect(readState(other, MARKER)).toBe('EUR');
    other.close();
    await restoreBackup(db, backupFile(file, undo.name));
    expect(readState(db, MARKER)).toBe('GBP');
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('a database with data is backed up before a migration; a new one is not', () => {
    const file = olderDatabase('supplygrid-premigration-');
    openDatabase(file).close();
    const backups = listBackups(backupsDirFor(file));
    expect(backups.map((b) => b.reason)).toEqual(['migration']);
    const path = join(backupsDirFor(file), backups[0].name);
    expect(verifyBackupFile(path).schemaVersion).toBe(bundledMigrations().length - 1);
    expect(mode(path)).toBe(0o600);
    // Opening again migrates nothing, so backs up nothing.
    openDatabase(file).close();
    expect(listBackups(backupsDirFor(file))).toHaveLength(1);

    const fresh = store();
    expect(listBackups(backupsDirFor(fresh.file))).toEqual([]);
  });

  it('restores across page sizes: an older 4 KiB file its own migration backup, a new 16 KiB one an older backup', async () => {
    const file = olderDatabase('supplygrid-pagesize-');
    const db = openDatabase(file);
    expect(db.pragma('page_size', { simple: true })).toBe(4096);
    const [migration] = listBackups(backupsDirFor(file));
    // An existing file's backups keep its pages: restored into it as they are.
    const copy = new BetterSqlite3(backupFile(file, migration.name), { readonly: true });
    expect(copy.pragma('page_size', { simple: true })).toBe(4096);
    copy.close();
    writeState(db, MARKER, 'GBP');
    await restoreBackup(db, backupFile(file, migration.name));
    expect(readState(db, MARKER)).toBe('EUR');
    db.close();

    const fresh = store();
    writeState(fresh.db, MARKER, 'GBP');
    await restoreBackup(fresh.db, join(backupsDirFor(file), migration.name));
    expect(fresh.db.pragma('page_size', { simple: true })).toBe(16384);
    expect(readState(fresh.db, MARKER)).toBe('EUR');
    expect(fresh.db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('the daily backup is made when none is a day old, and not again the same day', async () => {
    const { db, file } = store();
    const service = new BackupService(db);
    const now = new Date();
    expect(await service.daily(now)).toMatchObject({ reason: 'daily' });
    expect(await service.daily(new Date(now.getTime() + 60_000))).toBeNull();
    expect(listBackups(backupsDirFor(file))).toHaveLength(1);
  });

  it('the CLI backs up, lists, restores (undoably) and refuses what is not a backup; applying a held sync backs up first', async () => {
    const { db, file, dir } = store();
    const supplier = new FakeSupplier();
    for (let i = 1; i <= 10; i++)
      supplier.products.set(`p${i}`, {
        id: `p${i}`,
        active: true,
        unreadable: false,
        changedAt: 0,
        skus: [
          { skuId: `s${i}`, variant: '', amount: `${i}.00`, currency: 'USD', stock: 5, title: `Plan ${i}`, raw: 0 },
        ],
      });
    const adapter = supplier.adapter();
    const target = { supplierId: 'fake', supplierKind: 'fake', adapter };
    await syncSupplier(db, target);
    supplier.step++;
    for (let i = 1; i <= 8; i++) supplier.products.delete(`p${i}`);
    expect((await syncSupplier(db, target)).status).toBe('held');
    writeState(db, MARKER, 'EUR');
    db.close();
    const cli = (...args: string[]) => runCli([...args, '--db', file]);

    const made = await cli('backup', '--json');
    expect(made.code).toBe(0);
    const manual = JSON.parse(made.stdout) as { name: string };

    const applied = await cli('sync', '--apply-held');
    expect(applied.code).toBe(0);
    expect(applied.stderr).toMatch(/Backed up the database first: supplygrid-.*-held-sync\.db/);

    const listed = JSON.parse((await cli('backups', '--json')).stdout) as Array<{ reason: string }>;
    expect(listed.map((b) => b.reason).sort()).toEqual(['held-sync', 'manual']);

    const restored = await cli('restore', manual.name);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/supplygrid restore supplygrid-.*-before-restore\.db/);
    const check = openDatabase(file);
    expect(listHeldRuns(check)).toHaveLength(1);
    check.close();

    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all, just text '.repeat(200));
    const refused = await cli('restore', junk);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/integrity check/);
    expect((await cli('restore', 'nope.db')).stderr).toMatch(/no such backup/);
  });
});
