import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ApiEvents, ConnectionTest, Settings, SyncState } from '../api/contract';
import { ConfigError, loadAppConfig } from '../config/app-config';
import { readState, writeState } from '../db/app-state';
import { failAbandonedRuns, latestRuns } from '../db/catalog-repo';
import { markGridStale, merchantCurrency, ratesUrl, setMerchantCurrency, setRatesUrl } from '../db/settings';
import { startDemoSuppliers, type DemoSuppliers } from '../demo/demo-suppliers';
import { describeError } from '../http/errors';
import { readDailyCap, writeDailyCap } from '../orders/repository';
import { OrderService, type SupplierHandle } from '../orders/service';
import { parseCap } from '../orders/spending-cap';
import { ensureSomeRates } from '../pricing/rates-service';
import type { SecretBox } from '../secrets/secret-box';
import type { ConnectionBase } from '../suppliers/adapter';
import { supplierKind } from '../suppliers/registry';
import { syncSuppliers, type SupplierSyncResult } from '../sync/engine';
import { ConnectionsService, type ConnectionInput } from './connections-service';

export interface AppServicesOptions {
  db: Database;
  dataDir: string;
  version: string;
  secretBox: SecretBox;
}

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
  private demo: DemoSuppliers | null = null;
  private syncing: { promise: Promise<SupplierSyncResult[]>; controller: AbortController; supplierIds: string[] } | null = null;
  private schedule: NodeJS.Timeout | null = null;

  private constructor(readonly options: AppServicesOptions) {
    this.connections = new ConnectionsService(options.db, options.secretBox);
    this.orders = new OrderService({ db: options.db, supplier: (id) => this.supplierHandle(id), onUpdate: (order) => this.events.emit('order.updated', order) });
  }

  /** Imports suppliers.json from the data folder once; with no connections at all, starts the demo suppliers. */
  static async start(options: AppServicesOptions): Promise<AppServices> {
    const services = new AppServices(options);
    failAbandonedRuns(options.db);
    services.importConfigFileOnce();
    await services.refreshDemo();
    ensureSomeRates(options.db);
    services.applySchedule();
    // Orders a crash or quit left open are reconciled in the background; start-up does not wait on suppliers.
    services.orders.start();
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
    setMerchantCurrency(this.db, config.currency);
    writeState(this.db, 'config.imported', file);
  }

  private saveResolved(connection: ConnectionBase): void {
    const kind = supplierKind(connection.kind)!;
    const { id, kind: kindName, name, ...rest } = connection as ConnectionBase & Record<string, unknown>;
    const settings: Record<string, string> = {};
    const secrets: Record<string, string> = {};
    for (const [key, value] of Object.entries(rest)) (kind.secretFields.includes(key) ? secrets : settings)[key] = String(value);
    this.connections.save({ id, kind: kindName, name: name ?? id, settings, secrets });
  }

  /** The demo runs exactly while the merchant has no real connection. */
  private async refreshDemo(): Promise<void> {
    const hasReal = this.connections.list().length > 0;
    if (hasReal && this.demo) {
      await this.demo.close();
      this.demo = null;
    } else if (!hasReal && !this.demo) {
      this.demo = await startDemoSuppliers(this.db, { advance: false });
    }
    markGridStale(this.db);
  }

  activeConnections(): ConnectionBase[] {
    return this.demo ? this.demo.connections : this.connections.resolveAll();
  }

  /** The suppliers the grid shows: the ones configured now, not every supplier ever synced into this database. */
  gridScope(): { suppliers: string[] } {
    return { suppliers: this.activeConnections().map((c) => c.id) };
  }

  async saveConnection(input: ConnectionInput) {
    const view = this.connections.save(input);
    await this.refreshDemo();
    this.events.emit('grid.changed', { reason: 'suppliers' });
    return view;
  }

  async removeConnection(id: string): Promise<boolean> {
    const removed = this.connections.remove(id);
    await this.refreshDemo();
    this.events.emit('grid.changed', { reason: 'suppliers' });
    return removed;
  }

  /** Pings with what the form holds; empty secret fields fall back to the stored ones, so "Test" works on edit. */
  async testConnection(input: ConnectionInput): Promise<ConnectionTest> {
    const kind = supplierKind(input.kind);
    if (!kind) return { ok: false, error: `unknown supplier kind "${input.kind}"` };
    let stored: Record<string, unknown> = {};
    if (input.id) {
      const demo = this.demo?.connections.find((c) => c.id === input.id);
      try {
        stored = (demo ?? this.connections.resolve(input.id)) as unknown as Record<string, unknown>;
      } catch {
        stored = {};
      }
    }
    const secrets = Object.fromEntries(Object.entries(input.secrets ?? {}).filter(([, v]) => v));
    const candidate = { ...stored, ...input.settings, ...secrets, id: input.id || 'test', kind: input.kind, name: input.name || 'test' };
    const parsed = kind.configSchema.safeParse(candidate);
    if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    try {
      const ping = await kind.create(parsed.data, { retry: { attempts: 2, baseDelayMs: 300, maxDelayMs: 2000 }, timeoutMs: 15_000 }).ping(AbortSignal.timeout(30_000));
      return { ok: true, balance: ping.balance, currency: ping.currency, detail: ping.detail };
    } catch (error) {
      return { ok: false, error: describeError(error) };
    }
  }

  syncState(): SyncState {
    return { running: this.syncing !== null, supplierIds: this.syncing?.supplierIds ?? [] };
  }

  /** One sync at a time: a second request while one runs joins it instead of racing it. */
  sync(supplierIds?: string[]): Promise<SupplierSyncResult[]> {
    if (this.syncing) return this.syncing.promise;
    const all = this.activeConnections();
    const chosen = supplierIds?.length ? all.filter((c) => supplierIds.includes(c.id)) : all;
    if (supplierIds?.length && chosen.length !== supplierIds.length) {
      return Promise.reject(new ConfigError(`unknown supplier: ${supplierIds.filter((id) => !all.some((c) => c.id === id)).join(', ')}`));
    }
    // Each demo sync serves the next generation of the simulated upstreams, so the merchant sees changes.
    if (this.demo && latestRuns(this.db).some((run) => run.status === 'ok')) this.demo.advance();
    const controller = new AbortController();
    const targets = chosen.map((connection) => ({
      supplierId: connection.id,
      supplierKind: connection.kind,
      adapter: supplierKind(connection.kind)!.create(connection),
    }));
    const promise = syncSuppliers(this.db, targets, { signal: controller.signal, onEvent: (event) => this.events.emit('sync.event', event) })
      .finally(() => {
        this.syncing = null;
        this.events.emit('sync.state', this.syncState());
        this.events.emit('grid.changed', { reason: 'sync' });
      });
    this.syncing = { promise, controller, supplierIds: chosen.map((c) => c.id) };
    this.events.emit('sync.state', this.syncState());
    return promise;
  }

  cancelSync(): void {
    this.syncing?.controller.abort();
  }

  settings(): Settings {
    return {
      currency: merchantCurrency(this.db),
      ratesUrl: ratesUrl(this.db),
      syncIntervalMinutes: Number(readState(this.db, 'settings.syncIntervalMinutes') ?? '0'),
      orderDailyCap: readDailyCap(this.db),
    };
  }

  updateSettings(patch: Partial<Settings>): Settings {
    if (patch.currency !== undefined) {
      setMerchantCurrency(this.db, patch.currency.toUpperCase());
      ensureSomeRates(this.db);
      this.events.emit('grid.changed', { reason: 'currency' });
    }
    if (patch.ratesUrl !== undefined) {
      try {
        new URL(patch.ratesUrl);
      } catch {
        throw new ConfigError(`"${patch.ratesUrl}" is not a URL`);
      }
      setRatesUrl(this.db, patch.ratesUrl);
    }
    if (patch.orderDailyCap !== undefined) writeDailyCap(this.db, parseCap(patch.orderDailyCap));
    if (patch.syncIntervalMinutes !== undefined) {
      const minutes = patch.syncIntervalMinutes;
      if (!Number.isInteger(minutes) || minutes < 0 || minutes > 24 * 60) throw new ConfigError('sync interval must be 0 (off) to 1440 minutes');
      writeState(this.db, 'settings.syncIntervalMinutes', String(minutes));
      this.applySchedule();
    }
    return this.settings();
  }

  private applySchedule(): void {
    if (this.schedule) clearInterval(this.schedule);
    this.schedule = null;
    const minutes = this.settings().syncIntervalMinutes;
    if (minutes > 0) {
      this.schedule = setInterval(() => void this.sync().catch(() => undefined), minutes * 60_000);
      this.schedule.unref();
    }
  }

  /** The connection as configured right now (demo or the merchant's own) with a fresh adapter, for ordering. */
  private supplierHandle(id: string): SupplierHandle | null {
    let connection: ConnectionBase | undefined;
    try {
      connection = this.demo ? this.demo.connections.find((c) => c.id === id) : this.connections.resolve(id);
    } catch (error) {
      if (error instanceof ConfigError) return null;
      throw error;
    }
    return connection ? { connection, adapter: supplierKind(connection.kind)!.create(connection) } : null;
  }

  async close(): Promise<void> {
    if (this.schedule) clearInterval(this.schedule);
    this.cancelSync();
    await this.syncing?.promise.catch(() => undefined);
    await this.orders.close();
    await this.demo?.close();
  }
}
