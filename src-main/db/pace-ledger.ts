import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { PaceState } from '../http/pace';
import type { PaceLedger } from '../http/shared-pace';
import { createPrivately, type OpenOptions } from './open';

/** Beside the database: every process opening that data folder paces its supplier accounts together. */
export const PACE_LEDGER_FILE = 'request-budgets.db';

/**
 * The ledger of the supplier accounts' paces (http/shared-pace.ts) for the data folder of `dbFile`, in a SQLite file
 * of its own: every step is a transaction of a few microseconds, which must never queue behind a catalog's commit
 * holding the database's write lock for a second. Null for a database in memory (a test's, alone by definition).
 */
export function openPaceLedger(dbFile: string, options: OpenOptions = {}): (PaceLedger & { close(): void }) | null {
  if (dbFile === ':memory:' || dbFile === '') return null;
  try {
    return openLedgerFile(join(dirname(dbFile), PACE_LEDGER_FILE), options);
  } catch {
    // Not ours to open (another user's, in a shared folder) or a folder we cannot write: this process paces alone,
    // as it would without a ledger, rather than refuse to start.
    return null;
  }
}

function openLedgerFile(file: string, options: OpenOptions): PaceLedger & { close(): void } {
  createPrivately(file);
  const db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    return ledgerOn(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

function ledgerOn(db: BetterSqlite3.Database): PaceLedger & { close(): void } {
  db.pragma('busy_timeout = 2000');
  db.pragma('journal_mode = WAL');
  // A pace lost to a power cut costs at most one block the supplier sets, waited out: not worth a sync to disk per request.
  db.pragma('synchronous = OFF');
  db.exec('CREATE TABLE IF NOT EXISTS paces (account TEXT PRIMARY KEY, state TEXT NOT NULL) WITHOUT ROWID');
  const read = db.prepare('SELECT state FROM paces WHERE account = ?').pluck();
  const write = db.prepare(
    'INSERT INTO paces (account, state) VALUES (?, ?) ON CONFLICT (account) DO UPDATE SET state = excluded.state',
  );
  const update = db.transaction(
    (account: string, change: (stored: PaceState | undefined) => { state: PaceState; result: unknown }): unknown => {
      const text = read.get(account) as string | undefined;
      const { state, result } = change(text === undefined ? undefined : parseState(text));
      write.run(account, JSON.stringify(state));
      return result;
    },
  );
  return {
    // IMMEDIATE: the write lock first, so two processes never both read the same state and both spend it.
    update: <T>(account: string, change: (stored: PaceState | undefined) => { state: PaceState; result: T }) =>
      update.immediate(account, change) as T,
    close: () => db.close(),
  };
}

function parseState(text: string): PaceState | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as PaceState) : undefined;
  } catch {
    return undefined;
  }
}
