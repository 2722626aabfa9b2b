import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openPaceLedger, PACE_LEDGER_FILE } from '../../src-main/db/pace-ledger';
import type { PaceLedger } from '../../src-main/http/shared-pace';

/**
 * Data folders whose ledger several "processes" of a test open: each opening is a connection of its own to the one
 * file, as the app, the background service and the CLI each have. `removeAll` closes and removes what was made.
 */
export class LedgerFolders {
  readonly dirs: string[] = [];
  readonly ledgers: Array<{ close(): void }> = [];

  /** A data folder, and a function opening the ledger beside its database as one more process would. */
  dataFolder(): () => () => PaceLedger {
    const dir = mkdtempSync(join(tmpdir(), 'supplygrid-pace-ledger-'));
    this.dirs.push(dir);
    return () => {
      const ledger = openPaceLedger(join(dir, 'supplygrid.db'))!;
      this.ledgers.push(ledger);
      return () => ledger;
    };
  }

  removeAll(): void {
    for (const ledger of this.ledgers.splice(0)) ledger.close();
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** How many supplier accounts have their pace kept in the ledger of data folder `dir` (db/pace-ledger.ts). */
export function accountsPaced(dir: string): number {
  const ledger = new BetterSqlite3(join(dir, PACE_LEDGER_FILE), { readonly: true });
  try {
    return ledger.prepare('SELECT COUNT(*) FROM paces').pluck().get() as number;
  } finally {
    ledger.close();
  }
}

/** The pace states kept in the ledger of data folder `dir`, one per account. */
export function pacesStored(dir: string): Array<Record<string, unknown>> {
  const ledger = new BetterSqlite3(join(dir, PACE_LEDGER_FILE), { readonly: true });
  try {
    return (ledger.prepare('SELECT state FROM paces').pluck().all() as string[]).map((text) => JSON.parse(text));
  } finally {
    ledger.close();
  }
}

/**
 * A real ledger that throws, as a busy or broken one does, while `failing.now` is set; with `failing.writesOnly` only
 * its updates throw (a full disk still reads).
 */
export function flakyLedger(real: PaceLedger) {
  const failing = { now: false, writesOnly: false };
  const ledger: PaceLedger = {
    update: (account, change) => {
      if (failing.now) throw new Error('SQLITE_BUSY');
      return real.update(account, change);
    },
    read: (account) => {
      if (failing.now && !failing.writesOnly) throw new Error('SQLITE_BUSY');
      return real.read(account);
    },
  };
  return { ledger, failing };
}
