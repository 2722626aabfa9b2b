import type { Database } from 'better-sqlite3';
import { ECB_DAILY_RATES_URL } from '../domain/currency';
import { readState, writeState } from './app-state';

/** The merchant's own currency: every cost is converted into it and every sale price is in it. */
export function merchantCurrency(db: Database): string {
  return readState(db, 'settings.currency') ?? 'USD';
}

export function setMerchantCurrency(db: Database, currency: string): void {
  if (!/^[A-Z]{3}$/.test(currency)) throw new Error(`currency must be a 3-letter ISO code such as USD, got "${currency}"`);
  writeState(db, 'settings.currency', currency);
  markGridStale(db);
}

export function ratesUrl(db: Database): string {
  return readState(db, 'settings.ratesUrl') ?? ECB_DAILY_RATES_URL;
}

export function setRatesUrl(db: Database, url: string): void {
  writeState(db, 'settings.ratesUrl', url);
}

/**
 * The grid is rebuilt lazily. Anything that changes prices or grouping bumps a version; a build records the version
 * it started from, so a sync committed (by another process) while a build was running keeps the grid stale.
 */
export function markGridStale(db: Database): void {
  db.prepare(`INSERT INTO app_state (key, value) VALUES ('grid.version', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`).run();
}

export function gridVersion(db: Database): string {
  return readState(db, 'grid.version') ?? '0';
}

export function isGridStale(db: Database): boolean {
  return readState(db, 'grid.builtFrom') !== gridVersion(db);
}

/** `version` is gridVersion() as read before the build read any of its inputs. */
export function markGridFresh(db: Database, version: string): void {
  writeState(db, 'grid.builtFrom', version);
}
