import { SLOW_POLL_MS } from '../orders/reconcile';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ApiEvents, ConnectionTest, LockHolderKind, Settings, SyncState } from '../../src-shared/contract';
import { AlertService } from '../alerts/alert-service';
import { recordBalance } from '../db/balances-repo';
import { BackupService } from '../backups/backup-service';
import { acquireSyncLock, HEARTBEAT_MS, heartbeatSyncLock, otherLockHolder, releaseSyncLock } from '../db/sync-lock';
import type { RestoreResult } from '../../src-shared/backup-types';
import { ConfigError, loadAppConfig } from '../config/app-config';
import { connectionUrlProblem } from '../http/url-policy';
import { readState, writeState } from '../db/app-state';
import { getRun, latestRuns } from '../db/catalog-repo';
import type { SyncRun, SupplierSyncResult, SyncRunOptions } from '../../src-shared/sync-types';
import { closeAbandonedRuns } from '../db/run-owners';
import { rememberImportedSecrets } from '../config/secrets-notice';
import {
  merchantCurrency,
  ratesUrl,
  setMerchantCurrency,
  setSyncHoldThresholds,
  applySyncTimingConfig,
  setSyncDeadlineMinutes,
  setFullListingEveryHours,
  syncDeadlineMinutes,
  fullListingEveryHours,
  setSyncIntervalMinutes,
  syncHoldThresholds,
  syncIntervalMinutes,
} from '../db/settings';
import { startDemoSuppliers, type DemoSuppliers } from '../demo/demo-suppliers';
import { describeError } from '../http/errors';
import { readDailyCap, writeDailyCap } from '../orders/repository';
import { OrderService, type SupplierHandle } from '../orders/service';
import { parseCap } from '../../src-shared/daily-cap';
import {
  ensureSomeRates,
  RatesUrlError,
  ratesUrlAllowsInsecureHttp,
  saveRatesUrl,
  setRatesUrlAllowsInsecureHttp,
} from '../pricing/rates-service';
import type { SecretBox } from '../secrets/secret-box';
import type { ConnectionBase, SupplierAdapter } from '../suppliers/adapter';
import { supplierKind } from '../suppliers/registry';
import type { SyncTarget } from '../sync/engine';
import { syncSuppliersInThreads, type PortableSyncTarget } from '../sync/worker/pool';
import { portableSyncTarget } from '../sync/targets';
import { applyHeldRun, discardHeldRun, listHeldRuns } from '../sync/held-runs';
import { validRemovalPercent } from '../../src-shared/hold-policy';
import { FULL_LISTING_HOURS, SYNC_DEADLINE_MINUTES, validWholeSetting } from '../../src-shared/sync-timing';
import {
  changedSettings,
  COMMON_FIELDS,
  ConnectionsService,
  secretsFor,
  type StoredSecretsSource,
} from './connections-service';
import type { ConnectionInput } from '../../src-shared/connection-types';
import { connectionIssuesText, urlProblemIssue } from './connection-issues';
import { connectionFailureCause } from '../sync/failure-cause';
import { encodeCodedIssue } from '../../src-shared/coded-issue';

export interface AppServicesOptions {
  db: Database;
  dataDir: string;
  version: string;
  secretBox: SecretBox;
  /** Makes the daily backup (the app and the daemon do; tests and one-off tools leave it off). */
  dailyBackups?: boolean;
  /** Runs the app's own sync interval (default); the daemon has its schedule instead. */
  ownSchedule?: boolean;
  /** better_sqlite3.node built for this runtime (Electron's ABI in `npm start`): sync threads open the database too. */
  nativeBinding?: string;
}

/** Restoring is refused while a sync runs (a code the Settings screen words). */
export const RESTORE_WHILE_SYNCING = 'restore_while_syncing';
/** A sync refused because another process syncs this database, by who it is (codes the renderer words). */
export const SYNCED_BY_BACKGROUND_SERVICE = 'synced_by_background_service';
export const SYNCED_BY_COMMAND_LINE = 'synced_by_command_line';
export const SYNCED_BY_OTHER_WINDOW = 'synced_by_other_window';
const SYNCED_BY: Record<LockHolderKind, string> = {
  daemon: SYNCED_BY_BACKGROUND_SERVICE,
  cli: SYNCED_BY_COMMAND_LINE,
  app: SYNCED_BY_OTHER_WINDOW,
};

/** How long a balance read after a sync may take before it is given up (the balance then stays as last read). */
const BALANCE_READ_TIMEOUT_MS = 15_000;

type EventMap = { [K in keyof ApiEvents]: [ApiEvents[K]] };

/**
 * The main-process services behind the API: one instance per app, shared by the IPC handlers and the
 * loopback bridge. Holds the open database, the supplier connections (or the demo simulators when the
 * merchant has none yet), the running sync and its schedule. Knows nothing of Electron.
 */
export class AppServices {
  readonly events = new EventEmitter<EventMap>();
  readonly connections: ConnectionsService;
  readonly orders: OrderService;
  readonly backups: BackupService;
  readonly alerts: AlertService;
  private demo: DemoSuppliers | null = null;
  private syncing: {
    promise: Promise<SupplierSyncResult[]>;
    controller: AbortController;
    supplierIds: string[];
  } | null = null;
  private schedule: NodeJS.Timeout | null = null;
  private closing = false;
  /**
   * One adapter per connection, kept for every order, quote and test of it: an adapter holds per-connection state
   * (SEAGM's order families) that a fresh adapter per call would throw away; the request budget with SEAGM's 429 pause
   * and 418 ban, the Linksfield login session and a host's clock offset are the account's or the host's, shared by
   * every adapter of it. A sync makes its own (syncTarget). `version` is the connection's last save (null for the demo).
   */
  private readonly handles = new Map<string, { handle: SupplierHandle; version: string | null }>();

  private constructor(readonly options: AppServicesOptions) {
    this.connections = new ConnectionsService(options.db, options.secretBox);
    this.orders = new OrderService({
      db: options.db,
      supplier: (id) => this.supplierHandle(id),
      // The app and the background service stay up: an order left unfinished is asked about at the slow pace.
      policy: { slowPollMs: SLOW_POLL_MS },
      secretBox: options.secretBox,
      onUpdate: (order) => {
        this.events.emit('order.updated', order);
        if (order.status === 'attention') this.evaluateAlerts();
      },
    });
    this.alerts = new AlertService({
      db: options.db,
      secretBox: options.secretBox,
      scope: () => this.gridScope(),
      onAlert: (alert) => this.events.emit('alert.raised', alert),
    });
    this.backups = new BackupService(options.db, (event) => this.events.emit('backup.event', event));
  }

  /** Imports suppliers.json from the data folder once; with no connections at all, starts the demo suppliers. */
  static async start(options: AppServicesOptions): Promise<AppServices> {
    const services = new AppServices(options);
    // Only runs whose process is gone: the CLI may be syncing this database right now.
    closeAbandonedRuns(options.db);
    services.importConfigFileOnce();
    await services.refreshDemo();
    ensureSomeRates(options.db);
    services.applySchedule();
    // Orders a crash or quit left open are reconciled in the background; start-up does not wait on suppliers.
    services.orders.start();
    if (options.dailyBackups) services.backups.startDaily();
    return services;
  }

  get db(): Database {
    return this.options.db;
  }

  get isDemo(): boolean {
    return this.demo !== null;
  }

  private importConfigFileOnce(): void {
    const file = join(this.options.dataDir, 'suppliers.json');
    if (!existsSync(file) || readState(this.db, 'config.imported') === file) return;
    const config = loadAppConfig(file);
    for (const connection of config.suppliers) this.saveResolved(connection);
    if (config.currency) setMerchantCurrency(this.db, config.currency);
    applySyncTimingConfig(this.db, config.sync);
    writeState(this.db, 'config.imported', file);
    rememberImportedSecrets(this.db, file, config);
  }

  private saveResolved(connection: ConnectionBase): void {
    const kind = supplierKind(connection.kind)!;
    const { id, kind: kindName, name, ...rest } = connection as ConnectionBase & Record<string, unknown>;
    const settings: Record<string, string> = {};
    const secrets: Record<string, string> = {};
    for (const [key, value] of Object.entries(rest))
      (kind.secretFields.includes(key) ? secrets : settings)[key] = String(value);
    this.connections.save({ id, kind: kindName, name: name ?? id, settings, secrets });
    this.handles.delete(id);
  }

  /** The demo runs exactly while the merchant has no real connection. */
  private async refreshDemo(): Promise<void> {
    const hasReal = this.connections.ids().length > 0;
    if (hasReal && this.demo) {
      this.handles.clear();
      await this.demo.close();
      this.demo = null;
    } else if (!hasReal && !this.demo) {
      this.handles.clear();
      this.demo = await startDemoSuppliers(this.db, { advance: false });
    }
    // No rebuild forced here: the grid is built per scope (the active suppliers), so a changed set of suppliers
    // rebuilds it on the next query, and an unchanged one keeps it.
  }

  /** The connections configured now (demo or the merchant's own), secrets included; ones that cannot be read here are left out. */
  activeConnections(): ConnectionBase[] {
    if (this.demo) return this.demo.connections;
    return this.connections.ids().flatMap(({ id }) => {
      try {
        return [this.handleFor(id).connection];
      } catch (error) {
        if (error instanceof ConfigError) return [];
        throw error;
      }
    });
  }

  /** Ids and kinds of the connections configured now, nothing opened. */
  private configured(): Array<{ id: string; kind: string }> {
    return this.demo ? this.demo.connections.map((c) => ({ id: c.id, kind: c.kind })) : this.connections.ids();
  }

  /** The suppliers the grid shows: the ones configured now, not every supplier ever synced into this database. */
  gridScope(): { suppliers: string[] } {
    return { suppliers: this.configured().map((c) => c.id) };
  }

  /**
   * The connection's one adapter, created on first use. Throws ConfigError when there is no such connection, or
   * UnreadableSecretsError (a ConfigError) when its secrets cannot be opened by this process.
   */
  private handleFor(id: string): SupplierHandle {
    const version = this.demo ? null : this.connections.version(id);
    const cached = this.handles.get(id);
    if (cached && cached.version === version) return cached.handle;
    this.handles.delete(id);
    const connection = this.demo ? this.demo.connections.find((c) => c.id === id) : this.connections.resolve(id);
    if (!connection) throw new ConfigError(`no supplier connection "${id}"`);
    const kind = supplierKind(connection.kind);
    if (!kind) throw new ConfigError(`supplier connection "${id}" has an unknown kind "${connection.kind}"`);
    const handle: SupplierHandle = { connection, adapter: kind.create(connection) };
    this.handles.set(id, { handle, version });
    return handle;
  }

  async saveConnection(input: ConnectionInput) {
    const view = this.connections.save(input);
    this.handles.delete(view.id);
    await this.refreshDemo();
    this.events.emit('grid.changed', { reason: 'suppliers' });
    return view;
  }

  async removeConnection(id: string): Promise<boolean> {
    const removed = this.connections.remove(id);
    this.handles.delete(id);
    await this.refreshDemo();
    this.events.emit('grid.changed', { reason: 'suppliers' });
    return removed;
  }

  /**
   * Pings with what the form holds over the stored connection: settings left out keep the stored ones, and empty
   * secret fields fall back to the stored secrets (so "Test" works on edit), but only while every non-secret
   * setting is the stored one. A stored secret never goes to a URL or an account the merchant did not save it with.
   */
  async testConnection(input: ConnectionInput): Promise<ConnectionTest> {
    const kind = supplierKind(input.kind);
    if (!kind)
      return { ok: false, cause: 'fields', error: encodeCodedIssue('kind', { code: 'field.invalid', params: {} }) };
    const stored = input.id ? this.storedSource(input.id, input.kind) : null;
    const typedSettings = Object.fromEntries(
      Object.entries(input.settings ?? {}).filter(
        ([key]) => !kind.secretFields.includes(key) && !COMMON_FIELDS.has(key),
      ),
    );
    const settings = { ...stored?.settings, ...typedSettings };
    let secrets: Record<string, string>;
    try {
      secrets = secretsFor(kind, input.secrets, settings, stored);
    } catch (error) {
      if (error instanceof ConfigError)
        return { ok: false, cause: connectionFailureCause(error), error: error.message };
      throw error;
    }
    const candidate = { ...settings, ...secrets, id: input.id || 'test', kind: input.kind, name: input.name || 'test' };
    const parsed = kind.configSchema.safeParse(candidate);
    if (!parsed.success) return { ok: false, cause: 'fields', error: connectionIssuesText(parsed.error, candidate) };
    // A test sends the secrets too: plain http to another host only with the connection's opt-in.
    const urlProblem = connectionUrlProblem(candidate);
    if (urlProblem) return { ok: false, cause: 'fields', error: urlProblemIssue(urlProblem) };
    // The saved connection as it is: ping through its own adapter (its login session, its rate gate).
    const typedSecret = kind.secretFields.some((field) => input.secrets?.[field]);
    const unchanged =
      input.id && stored && !typedSecret && changedSettings(settings, stored.settings, kind.secretFields).length === 0;
    // A test is a question the merchant waits on: when the account's request limit makes it wait (a 429, or a sync
    // using the same limit), it stops and says so rather than hold the form for the whole wait.
    const throttled = new AbortController();
    let unsubscribe = () => {};
    try {
      const adapter = unchanged
        ? this.handleFor(input.id!).adapter
        : kind.create(parsed.data, {
            retry: { attempts: 2, baseDelayMs: 300, maxDelayMs: 2000 },
            timeoutMs: 15_000,
            // Settings typed, not saved: the account's syncs and orders keep the pace they have.
            budgetTuning: { keepAccountPace: true },
          });
      unsubscribe =
        adapter.budget?.onWait((resumesAt) => {
          if (resumesAt !== null) throttled.abort();
        }) ?? unsubscribe;
      const ping = await adapter.ping(AbortSignal.any([throttled.signal, AbortSignal.timeout(30_000)]));
      return { ok: true, balance: ping.balance, currency: ping.currency, detail: ping.detail };
    } catch (error) {
      return {
        ok: false,
        cause: connectionFailureCause(error, { throttledFor: throttled.signal.aborted }),
        error: describeError(error),
      };
    } finally {
      unsubscribe();
    }
  }

  /** What a test of connection `id` may fall back to: the demo connection's or the stored connection's own values. */
  private storedSource(id: string, kind: string): StoredSecretsSource | null {
    if (this.demo) {
      const demo = this.demo.connections.find((c) => c.id === id) as
        (ConnectionBase & Record<string, unknown>) | undefined;
      const demoKind = demo && supplierKind(demo.kind);
      if (!demo || !demoKind || demo.kind !== kind) return null;
      const settings: Record<string, unknown> = {};
      const secrets: Record<string, string> = {};
      for (const [key, value] of Object.entries(demo)) {
        if (COMMON_FIELDS.has(key) || value === undefined) continue;
        if (demoKind.secretFields.includes(key)) secrets[key] = String(value);
        else settings[key] = value;
      }
      return { settings, secretsSet: Object.keys(secrets), open: () => secrets };
    }
    return this.connections.source(id, kind);
  }

  syncState(): SyncState {
    return {
      running: this.syncing !== null,
      supplierIds: this.syncing?.supplierIds ?? [],
      lockedBy: otherLockHolder(this.db),
    };
  }

  /**
   * One sync at a time: a second request while one runs joins it instead of racing it. Incremental where the supplier
   * can list changes and its last full listing is recent ('auto', as the schedule runs it); `full` forces complete ones.
   */
  sync(supplierIds?: string[], options: SyncRunOptions = {}): Promise<SupplierSyncResult[]> {
    if (this.syncing) return this.syncing.promise;
    const all = this.configured();
    const chosen = supplierIds?.length ? all.filter((c) => supplierIds.includes(c.id)) : all;
    if (supplierIds?.length && chosen.length !== supplierIds.length) {
      return Promise.reject(
        new ConfigError(`unknown supplier: ${supplierIds.filter((id) => !all.some((c) => c.id === id)).join(', ')}`),
      );
    }
    let targets;
    try {
      // A connection whose secrets cannot be read here fails its own run with that reason; the others sync.
      targets = chosen.map((connection) => this.syncTarget(connection.id, connection.kind));
    } catch (error) {
      return Promise.reject(error);
    }
    // Never two processes syncing one database: the background service holds this lock while it runs, the command-line
    // tool and another window while they sync.
    const holder = acquireSyncLock(this.db, 'app');
    if (holder) return Promise.reject(new ConfigError(SYNCED_BY[holder.holder]));
    const heartbeat = setInterval(() => heartbeatSyncLock(this.db), HEARTBEAT_MS);
    heartbeat.unref();
    // Each demo sync serves the next generation of the simulated upstreams, so the merchant sees changes.
    if (this.demo && latestRuns(this.db).some((run) => run.status === 'ok')) this.demo.advance();
    const controller = new AbortController();
    const promise = syncSuppliersInThreads(this.db, targets, {
      nativeBinding: this.options.nativeBinding,
      mode: options.full ? 'full' : 'auto',
      signal: controller.signal,
      onEvent: (event) => this.events.emit('sync.event', event),
    }).finally(() => {
      clearInterval(heartbeat);
      releaseSyncLock(this.db, 'app');
      this.syncing = null;
      this.events.emit('sync.state', this.syncState());
      this.events.emit('grid.changed', { reason: 'sync' });
      // The balance rule reads balances as of this sync: one ping per synced account, then the rules.
      void this.readBalances(targets).finally(() => this.evaluateAlerts());
    });
    this.syncing = { promise, controller, supplierIds: chosen.map((c) => c.id) };
    this.events.emit('sync.state', this.syncState());
    return promise;
  }

  /**
   * Reads and keeps each account's balance through the adapter that just synced it (its login session, one request
   * from its budget, bounded in time). A supplier that does not answer keeps its last balance: a failed read is not
   * a zero balance.
   */
  private async readBalances(targets: ReadonlyArray<{ supplierId: string; adapter: SupplierAdapter }>): Promise<void> {
    await Promise.all(
      targets.map(async ({ supplierId, adapter }) => {
        if (this.closing || adapter.noBalance) return;
        try {
          const ping = await adapter.ping(AbortSignal.timeout(BALANCE_READ_TIMEOUT_MS));
          if (ping.balance && !this.closing) recordBalance(this.db, supplierId, ping.balance);
        } catch {
          // The next sync or quote tries again.
        }
      }),
    );
  }

  /** Alert rules are looked at after every sync, held apply and order needing attention; a failure never stops those. */
  private evaluateAlerts(): void {
    if (this.closing) return;
    this.alerts
      .evaluate()
      .catch((error: unknown) =>
        this.events.emit('alert.failed', { error: error instanceof Error ? error.message : String(error) }),
      );
  }

  cancelSync(): void {
    this.syncing?.controller.abort();
  }

  /**
   * Applies a held sync run (see sync/held-runs) after backing the database up: the merchant approved a mass
   * removal, and the backup lets them take it back. The grid and the Sync screen then refetch.
   */
  async applyHeldSync(runId: number): Promise<SyncRun> {
    // One that cannot be applied needs no backup: applyHeldRun refuses it with its coded reason.
    if (listHeldRuns(this.db).some((run) => run.id === runId && !run.superseded))
      await this.backups.create('held-sync');
    applyHeldRun(this.db, runId);
    this.events.emit('grid.changed', { reason: 'sync' });
    this.evaluateAlerts();
    return getRun(this.db, runId)!;
  }

  discardHeldSync(runId: number): SyncRun {
    discardHeldRun(this.db, runId);
    return getRun(this.db, runId)!;
  }

  settings(): Settings {
    return {
      currency: merchantCurrency(this.db),
      ratesUrl: ratesUrl(this.db),
      ratesUrlAllowInsecureHttp: ratesUrlAllowsInsecureHttp(this.db),
      syncIntervalMinutes: syncIntervalMinutes(this.db),
      orderDailyCap: readDailyCap(this.db),
      syncHoldRemovalPercent: syncHoldThresholds(this.db).removalPercent,
      syncDeadlineMinutes: syncDeadlineMinutes(this.db),
      fullListingEveryHours: fullListingEveryHours(this.db),
    };
  }

  updateSettings(patch: Partial<Settings>): Settings {
    if (patch.currency !== undefined) {
      setMerchantCurrency(this.db, patch.currency.toUpperCase());
      ensureSomeRates(this.db);
      this.events.emit('grid.changed', { reason: 'currency' });
    }
    if (patch.ratesUrl !== undefined || patch.ratesUrlAllowInsecureHttp !== undefined) {
      const allowInsecureHttp = patch.ratesUrlAllowInsecureHttp ?? ratesUrlAllowsInsecureHttp(this.db);
      try {
        saveRatesUrl(this.db, patch.ratesUrl ?? ratesUrl(this.db), allowInsecureHttp);
      } catch (error) {
        // Coded, so the Settings screen words it (url-policy's codes).
        if (error instanceof RatesUrlError) throw new ConfigError(urlProblemIssue(error.problem));
        throw error;
      }
      if (patch.ratesUrlAllowInsecureHttp !== undefined) setRatesUrlAllowsInsecureHttp(this.db, allowInsecureHttp);
    }
    if (patch.orderDailyCap !== undefined) writeDailyCap(this.db, parseCap(patch.orderDailyCap));
    if (patch.syncHoldRemovalPercent !== undefined) {
      if (!validRemovalPercent(patch.syncHoldRemovalPercent))
        throw new ConfigError('the sync hold threshold must be a whole percent from 1 to 100');
      setSyncHoldThresholds(this.db, { removalPercent: patch.syncHoldRemovalPercent });
    }
    if (patch.syncDeadlineMinutes !== undefined) {
      if (!validWholeSetting(patch.syncDeadlineMinutes, SYNC_DEADLINE_MINUTES))
        throw new ConfigError(
          `the sync deadline must be ${SYNC_DEADLINE_MINUTES.min} to ${SYNC_DEADLINE_MINUTES.max} minutes`,
        );
      setSyncDeadlineMinutes(this.db, patch.syncDeadlineMinutes);
    }
    if (patch.fullListingEveryHours !== undefined) {
      if (!validWholeSetting(patch.fullListingEveryHours, FULL_LISTING_HOURS))
        throw new ConfigError(
          `the full listing interval must be ${FULL_LISTING_HOURS.min} to ${FULL_LISTING_HOURS.max} hours`,
        );
      setFullListingEveryHours(this.db, patch.fullListingEveryHours);
    }
    if (patch.syncIntervalMinutes !== undefined) {
      const minutes = patch.syncIntervalMinutes;
      if (!Number.isInteger(minutes) || minutes < 0 || minutes > 24 * 60)
        throw new ConfigError('sync interval must be 0 (off) to 1440 minutes');
      setSyncIntervalMinutes(this.db, minutes);
      this.applySchedule();
    }
    return this.settings();
  }

  private applySchedule(): void {
    if (this.schedule) clearInterval(this.schedule);
    this.schedule = null;
    const minutes = this.settings().syncIntervalMinutes;
    if (minutes > 0 && this.options.ownSchedule !== false) {
      this.schedule = setInterval(() => void this.sync().catch(() => undefined), minutes * 60_000);
      this.schedule.unref();
    }
  }

  /**
   * A connection's sync target, with an adapter of its own (a large catalog syncs in a worker thread, which makes its
   * own anyway): the run counts its own requests, not those of an order or a test sent on the connection's kept adapter
   * meanwhile. What the upstream ties to the account or the host is shared with the kept adapter all the same: the
   * request budget (http/budget-policy.ts), the Linksfield login session and what a host taught an adapter
   * (suppliers/shared/thread-shared.ts; a sync worker thread's login session asks this thread's for its tokens,
   * SupplierAdapter.session).
   */
  private syncTarget(id: string, kind: string): SyncTarget | PortableSyncTarget {
    try {
      const { connection } = this.handleFor(id);
      return portableSyncTarget(connection as ConnectionBase & Record<string, unknown>);
    } catch (error) {
      if (error instanceof ConfigError)
        return { supplierId: id, supplierKind: kind, adapter: unavailableAdapter(error) };
      throw error;
    }
  }

  /**
   * The connection as configured right now (demo or the merchant's own) with its one adapter, for ordering. Null
   * when there is none, or when its secrets cannot be read here (the order waits, unsent, until they are entered again).
   */
  private supplierHandle(id: string): SupplierHandle | null {
    try {
      return this.handleFor(id);
    } catch (error) {
      if (error instanceof ConfigError) return null;
      throw error;
    }
  }

  /**
   * Restores a backup (the current database is backed up first, so this can be undone). Refused while a sync runs:
   * its commit would land on top of the restored data.
   */
  async restoreBackup(name: string): Promise<RestoreResult> {
    // Neither under this app's sync nor under another process's (the background service's).
    if (this.syncing || otherLockHolder(this.db)) throw new ConfigError(RESTORE_WHILE_SYNCING);
    const result = await this.backups.restore(name);
    // Connections, settings and the catalog are now the backup's.
    this.handles.clear();
    await this.refreshDemo();
    this.applySchedule();
    this.events.emit('grid.changed', { reason: 'restore' });
    return result;
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.schedule) clearInterval(this.schedule);
    this.backups.stopDaily();
    this.cancelSync();
    await this.syncing?.promise.catch(() => undefined);
    await this.backups.idle();
    await this.alerts.idle();
    await this.orders.close();
    await this.demo?.close();
  }
}

/** Stands in for a connection that cannot be used here: every call fails with the reason, so its sync run records it. */
function unavailableAdapter(reason: Error): SupplierAdapter {
  return {
    ping: () => Promise.reject(reason),
    // Its first page fails, as a listing that could not start does.
    fetchCatalog: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(reason) }) }),
  };
}
