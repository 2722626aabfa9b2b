import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../src-main/db/open';

export interface TempDb {
  dir: string;
  file: string;
  db: Database;
  cleanup(): void;
}

/** A real SQLite file in a fresh temp folder, migrated with the real migrations. */
export function tempDb(prefix = 'supplygrid-test-'): TempDb {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'catalog.db');
  const db = openDatabase(file);
  return {
    dir,
    file,
    db,
    cleanup: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 };
