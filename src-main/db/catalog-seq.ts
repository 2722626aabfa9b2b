import type { Database } from 'better-sqlite3';
import { incrementState, readState } from './app-state';

const KEY = 'catalog.seq';

/**
 * The sequence number of the latest catalog commit (0 before the first). Every commit stamps it on the offers it
 * touched (offers.grid_seq), so a grid built at seq N only needs the rows of offers stamped after N.
 */
export function catalogSeq(db: Database): number {
  return Number(readState(db, KEY) ?? '0');
}

/** Takes the next sequence number; call it inside the commit's transaction so a rolled-back commit takes none. */
export function nextCatalogSeq(db: Database): number {
  return incrementState(db, KEY);
}
