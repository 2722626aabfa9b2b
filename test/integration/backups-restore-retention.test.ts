import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupService } from '../../src-main/backups/backup-service';
import { backupDatabase, backupFile, listBackups, backupsDirFor } from '../../src-main/db/backup-store';
import { readState, writeState } from '../../src-main/db/app-state';
import { tempDb, type TempDb } from '../helpers/temp-db';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function store(): TempDb {
  const db = tempDb('supplygrid-backups-retention-');
  cleanups.push(db.cleanup);
  return db;
}

const MARKER = 'settings.currency';

describe('restore and retention', () => {
  it("restoring today's oldest kept backup restores it, and the retention made room never deletes it first", async () => {
    const { db, file } = store();
    const service = new BackupService(db);
    writeState(db, MARKER, 'EUR');
    const good = await service.create('manual');
    writeState(db, MARKER, 'GBP');
    await service.create('manual');
    writeState(db, MARKER, 'JPY');
    await service.create('manual');
    expect(listBackups(backupsDirFor(file))).toHaveLength(3);

    await service.restore(good.name);
    expect(readState(db, MARKER)).toBe('EUR');
    expect(existsSync(backupFile(file, good.name))).toBe(true);
  });

  it('after the clock was set back, a new backup is kept and the daily one is still made', async () => {
    const { db, file } = store();
    const service = new BackupService(db);
    const now = new Date();
    // Made while the computer's clock ran a month ahead, before it was put right.
    const ahead = new Date(now.getTime() + 30 * 86_400_000);
    for (let i = 0; i < 3; i++) await backupDatabase(db, 'daily', { now: new Date(ahead.getTime() + i * 3_600_000) });

    const manual = await service.create('manual', { now });
    expect(existsSync(join(backupsDirFor(file), manual.name))).toBe(true);
    expect(await service.daily(new Date(now.getTime() + 25 * 3_600_000))).toMatchObject({ reason: 'daily' });
  });
});
