import { rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { PaceState } from '../http/pace';
import type { PaceLedger } from '../http/shared-pace';
import { createPrivately, type OpenOptions } from './open';

/** Beside the database: every process opening that data folder paces its supplier accounts together. */
export const PACE_LEDGER_FILE = 'request-budgets.db';

/** A data folder's ledger, opened when a budget first asks for it: a command that sends nothing makes no file. */
export interface DataFolderPaces {
  /** The ledger, or null when it cannot be opened (then this process paces alone) or was closed. */
  ledger(): PaceLedger | null;
  close(): void;
}

/** How long a process paces alone after its ledger could not be opened, before it tries again. */
const REOPEN_AFTER_MS = 30_000;
/** How often a process looks whether its ledger's file is still the one in the folder. */
const CHECK_FILE_EVERY_MS = 1000;

/**
 * The ledger of the supplier accounts' paces (http/shared-pace.ts) for the data folder of `dbFile`. `onUnavailable`
 * hears, once, why the ledger could not be opened; the process then paces its accounts alone, and tries again now and
 * then (what kept it out may pass).
 */
export function dataFolderPaces(
  dbFile: string,
  options: OpenOptions & { onUnavailable?: (reason: string) => void } = {},
): DataFolderPaces {
  let opened: (PaceLedger & { close(): void }) | null = null;
  let closed = false;
  let triedAt = -Infinity;
  let told = false;
  const tell = (reason: string) => {
    if (!told) options.onUnavailable?.(reason);
    told = true;
  };
  // Which file is open: one another process removed and made anew (it found it damaged) is left for the new one.
  const file = join(dirname(dbFile), PACE_LEDGER_FILE);
  const identity = () => {
    try {
      const { dev, ino } = statSync(file);
      return `${dev}:${ino}`;
    } catch {
      return null;
    }
  };
  let openedFile: string | null = null;
  let checkedAt = 0;
  return {
    ledger: () => {
      if (opened && performance.now() - checkedAt >= CHECK_FILE_EVERY_MS) {
        checkedAt = performance.now();
        if (identity() !== openedFile) {
          opened.close();
          opened = null;
          triedAt = -Infinity;
        }
      }
      if (opened || closed || performance.now() - triedAt < REOPEN_AFTER_MS) return opened;
      triedAt = performance.now();
      opened = openPaceLedger(dbFile, options, tell);
      openedFile = identity();
      checkedAt = performance.now();
      return opened;
    },
    close: () => {
      closed = true;
      opened?.close();
      opened = null;
    },
  };
}

/**
 * The ledger in a SQLite file of its own beside the database: every step is a transaction of a few microseconds, which
 * must never queue behind a catalog's commit holding the database's write lock for a second. Null for a database in
 * memory (a test's, alone by definition), and for one that cannot be opened (another user's file in a shared folder, a
 * folder this process cannot write). A file that is not a database, or a damaged one, holds nothing worth keeping (a
 * pace lost costs at most one block, waited out): it is made anew.
 */
export function openPaceLedger(
  dbFile: string,
  options: OpenOptions = {},
  onUnavailable: (reason: string) => void = () => undefined,
): (PaceLedger & { close(): void }) | null {
  if (dbFile === ':memory:' || dbFile === '') return null;
  const file = join(dirname(dbFile), PACE_LEDGER_FILE);
  try {
    return openWhenFree(file, options);
  } catch (error) {
    try {
      if (!isDamaged(error)) throw error;
      // Another process may have found it damaged too, and made it anew just now: only a file still damaged goes.
      try {
        return openWhenFree(file, options);
      } catch (again) {
        if (!isDamaged(again)) throw again;
      }
      // Its companions first: a process finding the main file gone must not open it anew beside the old ones.
      for (const part of [`${file}-wal`, `${file}-shm`, file]) rmSync(part, { force: true });
      return openWhenFree(file, options);
    } catch (failure) {
      onUnavailable(`${file}: ${(failure as Error).message}`);
      return null;
    }
  }
}

const isDamaged = (error: unknown) => /^SQLITE_(NOTADB|CORRUPT)/.test(String((error as { code?: unknown }).code));

/**
 * Opens the file, trying again for a moment while another process holds it: turning a new file to WAL takes a lock
 * SQLite does not wait for, and the app and the background service often start together.
 */
function openWhenFree(file: string, options: OpenOptions): PaceLedger & { close(): void } {
  for (let attempt = 1; ; attempt++) {
    try {
      return openLedgerFile(file, options);
    } catch (error) {
      if (!/^SQLITE_BUSY/.test(String((error as { code?: unknown }).code)) || attempt >= OPEN_ATTEMPTS) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10 * attempt);
    }
  }
}

const OPEN_ATTEMPTS = 12;

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
    read: (account: string) => {
      const text = read.get(account) as string | undefined;
      return text === undefined ? undefined : parseState(text);
    },
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
