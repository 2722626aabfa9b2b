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

/** The grid is rebuilt lazily: anything that changes prices or grouping marks it stale. */
export function markGridStale(db: Database): void {
  writeState(db, 'grid.stale', '1');
}

export function isGridStale(db: Database): boolean {
  return readState(db, 'grid.stale') !== '0';
}

export function markGridFresh(db: Database): void {
  writeState(db, 'grid.stale', '0');
}
