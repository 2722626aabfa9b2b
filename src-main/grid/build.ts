import type { Database } from 'better-sqlite3';
import type { RuleSet } from '../domain/pricing/rules';
import { refreshGrid, type RefreshOptions } from './refresh';

export { gridSignature } from './refresh';
export { micros, soloKey, type StoredBest } from './materialize';

export interface BuildResult {
  rows: number;
  offers: number;
  currency: string;
  /** Currencies that had no rate: their offers are shown but cannot be compared or priced. */
  missingRates: string[];
}

/**
 * Rebuilds the whole grid from the live catalog: groups offers into plan rows (automatic match keys, overridden by
 * the merchant's links), converts every cost, picks the cheapest in-stock supplier and the runner-up, and prices the
 * row with the rule set. Written in one transaction, so readers see the old grid or the new one. refreshGrid does
 * the same with less work when less moved; this is the "whatever changed" path.
 */
export function buildGrid(
  db: Database,
  options: {
    currency?: string;
    ruleSet?: RuleSet;
    suppliers?: readonly string[] | null;
    extract?: RefreshOptions['extract'];
  } = {},
): BuildResult {
  const result = refreshGrid(db, { ...options, full: true });
  return { rows: result.rows, offers: result.offersRead, currency: result.currency, missingRates: result.missingRates };
}
