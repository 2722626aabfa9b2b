import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open';
import { bundledMigrations } from '../../src-main/db/migrate';

const BIN = fileURLToPath(new URL('../../bin/supplygrid.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'supplygrid-migrate-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function openInChild(file: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    // `offers` opens (and so migrates) the database, then reads it.
    const child = spawn(process.execPath, [BIN, 'offers', '--db', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

// The app and the CLI may open a brand-new database at the same moment: both must come up on one schema.
describe('migrations under concurrent first opens', () => {
  it('let three processes open a new database at once, each migration applied exactly once', async () => {
    for (let round = 0; round < 4; round++) {
      const file = join(dir, `race-${round}.db`);
      const results = await Promise.all([openInChild(file), openInChild(file), openInChild(file)]);
      for (const result of results) expect(result.code, result.stderr).toBe(0);
      const db = openDatabase(file);
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(
        bundledMigrations().map((m) => ({ version: m.version })),
      );
      db.close();
    }
  }, 120_000);
});
