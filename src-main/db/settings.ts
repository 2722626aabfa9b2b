import type { Database } from 'better-sqlite3';
import { ECB_DAILY_RATES_URL } from '../domain/currency';
import { incrementState, readState, writeState, type AppStateKey } from './app-state';
import { catalogSeq } from './catalog-seq';
import { DEFAULT_HOLD_THRESHOLDS, validRemovalPercent, type HoldThresholds } from '../../src-shared/hold-policy';
import {
  FULL_LISTING_HOURS,
  SYNC_DEADLINE_MINUTES,
  validWholeSetting,
  type WholeNumberSetting,
} from '../../src-shared/sync-timing';

/** The merchant's own currency: every cost is converted into it and every sale price is in it. */
export function merchantCurrency(db: Database): string {
  return readState(db, 'settings.currency') ?? 'USD';
}

export function setMerchantCurrency(db: Database, currency: string): void {
  if (!/^[A-Z]{3}$/.test(currency))
    throw new Error(`currency must be a 3-letter ISO code such as USD, got "${currency}"`);
  writeState(db, 'settings.currency', currency);
  markGridMatchingStale(db);
}

export function ratesUrl(db: Database): string {
  return readState(db, 'settings.ratesUrl') ?? ECB_DAILY_RATES_URL;
}

export function setRatesUrl(db: Database, url: string): void {
  writeState(db, 'settings.ratesUrl', url);
}

/** Minutes between scheduled syncs (0: off); the app's schedule and the daemon's default both read it. */
export function syncIntervalMinutes(db: Database): number {
  return Number(readState(db, 'settings.syncIntervalMinutes') ?? '0');
}

export function setSyncIntervalMinutes(db: Database, minutes: number): void {
  writeState(db, 'settings.syncIntervalMinutes', String(minutes));
}

/** A whole-number setting as stored; one gone bad (edited by hand, out of bounds) reads as its default. */
function wholeSetting(db: Database, key: AppStateKey, setting: WholeNumberSetting): number {
  const stored = Number(readState(db, key) ?? NaN);
  return validWholeSetting(stored, setting) ? stored : setting.default;
}

function setWholeSetting(db: Database, key: AppStateKey, setting: WholeNumberSetting, value: number, what: string) {
  if (!validWholeSetting(value, setting))
    throw new Error(`${what} must be a whole number from ${setting.min} to ${setting.max}, got ${String(value)}`);
  writeState(db, key, String(value));
}

/** Minutes one supplier's sync may take, waits included, before it gives up (sync/engine.ts). */
export function syncDeadlineMinutes(db: Database): number {
  return wholeSetting(db, 'settings.syncDeadlineMinutes', SYNC_DEADLINE_MINUTES);
}

export function setSyncDeadlineMinutes(db: Database, minutes: number): void {
  setWholeSetting(db, 'settings.syncDeadlineMinutes', SYNC_DEADLINE_MINUTES, minutes, 'the sync deadline (minutes)');
}

/** Hours after which a supplier's catalog is listed whole again rather than by its changes (sync/engine.ts). */
export function fullListingEveryHours(db: Database): number {
  return wholeSetting(db, 'settings.fullListingEveryHours', FULL_LISTING_HOURS);
}

export function setFullListingEveryHours(db: Database, hours: number): void {
  setWholeSetting(db, 'settings.fullListingEveryHours', FULL_LISTING_HOURS, hours, 'the full listing interval (hours)');
}

/** The sync settings a config file states become the app's (the file is where a CLI user keeps them). */
export function applySyncTimingConfig(
  db: Database,
  config: { syncDeadlineMinutes?: number; fullListingEveryHours?: number },
): void {
  if (config.syncDeadlineMinutes !== undefined) setSyncDeadlineMinutes(db, config.syncDeadlineMinutes);
  if (config.fullListingEveryHours !== undefined) setFullListingEveryHours(db, config.fullListingEveryHours);
}

/** When a sync is held for review instead of applied; a stored value gone bad falls back to the default. */
export function syncHoldThresholds(db: Database): HoldThresholds {
  const stored = Number(readState(db, 'settings.syncHoldRemovalPercent') ?? NaN);
  return { removalPercent: validRemovalPercent(stored) ? stored : DEFAULT_HOLD_THRESHOLDS.removalPercent };
}

export function setSyncHoldThresholds(db: Database, thresholds: HoldThresholds): void {
  if (!validRemovalPercent(thresholds.removalPercent))
    throw new Error(
      `the removal threshold must be a whole percent from 1 to 100, got ${String(thresholds.removalPercent)}`,
    );
  writeState(db, 'settings.syncHoldRemovalPercent', String(thresholds.removalPercent));
}

// The grid is refreshed lazily, and how much work that takes depends on what moved since it was built:
//  - prices (rules, locks, rates): every row is repriced from the offers it already holds, nothing is re-matched;
//  - the catalog (a commit advances catalog.seq and stamps the offers it touched; a manual link queues its offer):
//    only the rows holding those offers are rebuilt;
//  - matching itself (currency; anything that could regroup every offer): a full rebuild.
// Each is a counter; a build records the counters it read before reading any input, so anything that lands while it
// runs keeps the grid stale.

export interface GridInputs {
  matching: number;
  prices: number;
  /** Bumped by every catalog commit (markGridStale); without a catalog.seq move it says nothing about which offers. */
  catalog: number;
  /** catalog.seq: the offers stamped above the built value are the ones a commit changed. */
  catalogSeq: number;
  /** Bumped when offers were queued for the grid outside a commit (a manual link). */
  offers: number;
}

const COUNTERS = {
  matching: 'grid.matchingVersion',
  prices: 'grid.pricesVersion',
  catalog: 'grid.version',
  offers: 'grid.offersVersion',
} as const;

function bump(db: Database, key: AppStateKey): void {
  incrementState(db, key);
}

function counter(db: Database, key: AppStateKey): number {
  return Number(readState(db, key) ?? '0');
}

/** The live catalog changed (a sync commit). A commit that also advances catalog.seq lets the grid patch only its offers. */
export function markGridStale(db: Database): void {
  bump(db, COUNTERS.catalog);
}

/** Rules, locks or rates changed: every row is repriced, nothing regrouped. */
export function markGridPricesStale(db: Database): void {
  bump(db, COUNTERS.prices);
}

/** Grouping may have changed for every offer: the next refresh rebuilds the whole grid. */
export function markGridMatchingStale(db: Database): void {
  bump(db, COUNTERS.matching);
}

/** Some offers were queued for the grid outside a commit (a manual link); their rows are rebuilt. */
export function markGridOffersStale(db: Database): void {
  bump(db, COUNTERS.offers);
}

export function gridInputs(db: Database): GridInputs {
  return {
    matching: counter(db, COUNTERS.matching),
    prices: counter(db, COUNTERS.prices),
    catalog: counter(db, COUNTERS.catalog),
    catalogSeq: catalogSeq(db),
    offers: counter(db, COUNTERS.offers),
  };
}

/** The inputs the current grid was built from; null before the first build (or after a schema change emptied it). */
export function gridBuiltFrom(db: Database): GridInputs | null {
  const stored = readState(db, 'grid.builtFrom');
  if (!stored) return null;
  try {
    const parsed = JSON.parse(stored) as Partial<GridInputs>;
    return typeof parsed === 'object' && parsed !== null && typeof parsed.matching === 'number'
      ? (parsed as GridInputs)
      : null;
  } catch {
    return null;
  }
}

export interface GridStaleness {
  /** Never built, or grouping inputs changed: only a full rebuild will do. */
  matching: boolean;
  prices: boolean;
  /** A commit or a manual link moved offers since the build. */
  catalog: boolean;
}

export function gridStaleness(db: Database): GridStaleness {
  const built = gridBuiltFrom(db);
  const now = gridInputs(db);
  if (!built) return { matching: true, prices: true, catalog: true };
  return {
    matching: built.matching !== now.matching,
    prices: built.prices !== now.prices,
    catalog: built.catalog !== now.catalog || built.catalogSeq !== now.catalogSeq || built.offers !== now.offers,
  };
}

/** An opaque token of every grid input; read it before a build reads anything, and hand it to markGridFresh. */
export function gridVersion(db: Database): string {
  return JSON.stringify(gridInputs(db));
}

export function isGridStale(db: Database): boolean {
  const staleness = gridStaleness(db);
  return staleness.matching || staleness.prices || staleness.catalog;
}

/** `version` is gridVersion() as read before the build read any of its inputs. */
export function markGridFresh(db: Database, version: string): void {
  writeState(db, 'grid.builtFrom', version);
}
