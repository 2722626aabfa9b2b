import type { Database } from 'better-sqlite3';

/**
 * Every key of the app_state table (small values: settings, counters, remembered choices), with the module that owns
 * it. This file is the table's only reader and writer, so a key is spelled once, here, and a new one shows up in review.
 */
export type AppStateKey =
  // The merchant's settings: db/settings.ts.
  | 'settings.currency'
  | 'settings.ratesUrl'
  | 'settings.syncHoldRemovalPercent'
  | 'settings.syncIntervalMinutes'
  | 'settings.syncDeadlineMinutes'
  | 'settings.fullListingEveryHours'
  // pricing/rates-service.ts: the merchant allowed a plain-http rates URL.
  | 'settings.ratesUrlAllowInsecureHttp'
  // orders/repository.ts: the daily spending cap.
  | 'settings.orderDailyCap'
  // The grid's inputs and what it was built from: db/settings.ts; the build's own memory: grid/refresh.ts.
  | 'grid.version'
  | 'grid.matchingVersion'
  | 'grid.pricesVersion'
  | 'grid.offersVersion'
  | 'grid.builtFrom'
  | 'grid.built'
  | 'grid.materializer'
  | 'grid.badgeRuns'
  | 'grid.regionEvidence'
  // db/catalog-seq.ts: the latest catalog commit.
  | 'catalog.seq'
  // pricing/rules-store.ts.
  | 'pricing.ruleset'
  // alerts/alert-service.ts and alerts/alert-secrets.ts (one sealed secret per channel).
  | 'alerts.document'
  | `alerts.secret.${string}`
  // export/history-repo.ts: the last choice per preset.
  | `export.last.${string}`
  // backups/backup-service.ts.
  | 'backups.lastFailure'
  // config/: the config file imported at start, and whether it held secrets in clear.
  | 'config.imported'
  | 'notice.configSecretsInClear'
  // demo/demo-suppliers.ts: the demo catalogs' generation, and each simulator's port.
  | 'demo.generation'
  | 'demo.ports';

export function readState(db: Database, key: AppStateKey): string | null {
  const row = db.prepare('SELECT value FROM app_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeState(db: Database, key: AppStateKey, value: string): void {
  db.prepare(
    'INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

export function deleteState(db: Database, key: AppStateKey): void {
  db.prepare('DELETE FROM app_state WHERE key = ?').run(key);
}

/** Adds one to a counter (an absent one counts as 0) and returns the new value; in a transaction, it rolls back with it. */
export function incrementState(db: Database, key: AppStateKey): number {
  return db
    .prepare(
      `INSERT INTO app_state (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1
    RETURNING CAST(value AS INTEGER)`,
    )
    .pluck()
    .get(key) as number;
}
