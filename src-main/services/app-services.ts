import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ApiEvents } from '../api/contract';
import { loadAppConfig } from '../config/app-config';
import { failAbandonedRuns, latestRuns } from '../db/catalog-repo';
import { startDemoSuppliers, type DemoSuppliers } from '../demo/demo-suppliers';
import type { ConnectionBase } from '../suppliers/adapter';
import { supplierKind } from '../suppliers/registry';
import { syncSuppliers, type SupplierSyncResult } from '../sync/engine';

export interface AppServicesOptions {
  db: Database;
  dataDir: string;
  version: string;
}

/**
 * The main-process services behind the API: one instance per app, shared by the IPC handlers and the
 * loopback bridge. Holds the open database and the supplier connections; knows nothing of Electron.
 */
export class AppServices {
  readonly events = new EventEmitter<{ [K in keyof ApiEvents]: [ApiEvents[K]] }>();
  private demo: DemoSuppliers | null = null;
  private connections: ConnectionBase[] = [];
  private syncing: Promise<SupplierSyncResult[]> | null = null;

  private constructor(readonly options: AppServicesOptions) {}

  /** Reads suppliers.json from the data folder when the merchant has one; otherwise starts the demo suppliers. */
  static async start(options: AppServicesOptions): Promise<AppServices> {
    const services = new AppServices(options);
    failAbandonedRuns(options.db);
    const configFile = join(options.dataDir, 'suppliers.json');
    if (existsSync(configFile)) {
      services.connections = loadAppConfig(configFile).suppliers;
    } else {
      services.demo = await startDemoSuppliers(options.db, { advance: false });
      services.connections = services.demo.connections;
    }
    return services;
  }

  get db(): Database {
    return this.options.db;
  }

  get isDemo(): boolean {
    return this.demo !== null;
  }

  listConnections(): ConnectionBase[] {
    return [...this.connections];
  }

  /** One sync at a time: a second request while one runs joins it instead of racing it. */
  syncAll(): Promise<SupplierSyncResult[]> {
    if (this.syncing) return this.syncing;
    if (this.demo && latestRuns(this.db).length > 0) this.demo.advance();
    const targets = this.connections.map((connection) => ({
      supplierId: connection.id,
      supplierKind: connection.kind,
      adapter: supplierKind(connection.kind)!.create(connection),
    }));
    this.syncing = syncSuppliers(this.db, targets, { onEvent: (event) => this.events.emit('sync.event', event) })
      .finally(() => {
        this.syncing = null;
      });
    return this.syncing;
  }

  async close(): Promise<void> {
    await this.syncing?.catch(() => undefined);
    await this.demo?.close();
  }
}
