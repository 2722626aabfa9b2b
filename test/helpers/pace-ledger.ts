import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { PACE_LEDGER_FILE } from '../../src-main/db/pace-ledger';

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
