import type { Database } from 'better-sqlite3';
import type { SecretBox } from '../secrets/secret-box';
import { AppServices } from '../services/app-services';
import { alertLogFields, backupLogFields, orderLogFields, syncLogFields, type DaemonLogEntry } from './log';
import { acquireSyncLock, HEARTBEAT_MS, heartbeatSyncLock, releaseSyncLock } from '../db/sync-lock';
import type { SyncLockHolder } from '../../src-shared/contract';

export interface DaemonOptions {
  db: Database;
  dataDir: string;
  version: string;
  secretBox: SecretBox;
  /** Between the starts of two scheduled syncs (each incremental where the supplier allows, full once the merchant's interval passed). */
  intervalMs: number;
  log: (entry: DaemonLogEntry) => void;
  /** How often to try again for the sync lock while another live process holds it. */
  lockRetryMs?: number;
}

/**
 * The background service (`supplygrid daemon`): the app's services without a window, on a schedule. It holds the
 * database's sync lock for as long as it runs (the app then shows "synced by the background service" and does not
 * sync), syncs every connection each interval, follows open orders (also ones placed by the app or the CLI), and
 * makes the daily backup (the services' own hourly check); the services raise alerts after each sync.
 */
export class Daemon {
  private services: AppServices | null = null;
  private timers: NodeJS.Timeout[] = [];
  private stopping = false;
  private tickRunning: Promise<void> | null = null;
  private stopTask: Promise<void> | null = null;
  private readonly stopRequestedPromise: Promise<void>;
  private requestStop!: () => void;

  private constructor(private readonly options: DaemonOptions) {
    this.stopRequestedPromise = new Promise((resolve) => (this.requestStop = resolve));
    this.ready = this.run().catch((error: unknown) => {
      this.log('daemon.error', { error: error instanceof Error ? error.message : String(error) });
      void this.stop();
      throw error;
    });
  }

  /** Resolves once the services run (after the lock was taken), or once stopping began first; rejects if they could not start. */
  readonly ready: Promise<void>;

  /** Starts in the background: the lock may take a while, and a SIGTERM must be heard meanwhile. */
  static start(options: DaemonOptions): Daemon {
    return new Daemon(options);
  }

  private log(event: string, fields: Omit<DaemonLogEntry, 'at' | 'event'> = {}): void {
    this.options.log({ at: new Date().toISOString(), event, ...fields });
  }

  /** Resolves once stopping has begun (stop() called, or the lock lost); stop() resolves when it is done. */
  get stopRequested(): Promise<void> {
    return this.stopRequestedPromise;
  }

  private async run(): Promise<void> {
    const { db } = this.options;
    this.log('daemon.starting', {
      database: db.name,
      intervalSeconds: Math.round(this.options.intervalMs / 1000),
      pid: process.pid,
    });
    if (!(await this.waitForLock())) return;
    this.services = await AppServices.start({
      db,
      dataDir: this.options.dataDir,
      version: this.options.version,
      secretBox: this.options.secretBox,
      dailyBackups: true,
      ownSchedule: false,
    });
    const { events } = this.services;
    events.on('sync.event', (event) => {
      const line = syncLogFields(event);
      if (line) this.log(line.event, line.fields);
    });
    events.on('order.updated', (order) => this.log('order.updated', orderLogFields(order)));
    events.on('backup.event', (event) => {
      const line = backupLogFields(event);
      this.log(line.event, line.fields);
    });
    events.on('alert.raised', (alert) => this.log('alert.raised', alertLogFields(alert)));
    events.on('alert.failed', ({ error }) => this.log('alert.failed', { error }));
    this.every(HEARTBEAT_MS, () => {
      if (heartbeatSyncLock(db)) return;
      // Taken over as stale while this process was frozen (a suspended VM): the other holder syncs now.
      this.log('lock.lost');
      void this.stop();
    });
    this.log('daemon.started', {
      demo: this.services.isDemo,
      connections: this.services.gridScope().suppliers.join(','),
    });
    this.every(this.options.intervalMs, () => void this.tick());
    void this.tick();
  }

  /** Takes the sync lock, trying again while a live app sync or another daemon holds it. False when stopped first. */
  private async waitForLock(): Promise<boolean> {
    let said: SyncLockHolder | null = null;
    while (!this.stopping) {
      const holder = acquireSyncLock(this.options.db, 'daemon');
      if (!holder) {
        this.log('lock.acquired');
        return true;
      }
      if (!said || said.pid !== holder.pid || said.host !== holder.host)
        this.log('lock.waiting', { holder: holder.holder, holderPid: holder.pid, holderHost: holder.host });
      said = holder;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.lockRetryMs ?? HEARTBEAT_MS);
        void this.stopRequestedPromise.then(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return false;
  }

  private every(ms: number, work: () => void): void {
    this.timers.push(setInterval(work, ms));
  }

  /** One round of the schedule; a round still running when the next is due is not doubled. */
  tick(): Promise<void> {
    if (this.tickRunning || !this.services || this.stopping) return this.tickRunning ?? Promise.resolve();
    const services = this.services;
    this.tickRunning = (async () => {
      try {
        this.log('schedule.tick');
        await services.sync();
        // Orders placed by the app or the CLI since the last round are followed here too (one follower per order).
        services.orders.start();
      } catch (error) {
        this.log('schedule.error', { error: error instanceof Error ? error.message : String(error) });
      } finally {
        this.tickRunning = null;
      }
    })();
    return this.tickRunning;
  }

  /**
   * Stops cleanly: no new round starts, a sync in progress is canceled (its supplier keeps its previous catalog, as
   * after any failed listing), open orders stay recorded for the next start to reconcile, and the lock is released.
   */
  stop(): Promise<void> {
    this.stopTask ??= this.shutDown();
    return this.stopTask;
  }

  private async shutDown(): Promise<void> {
    this.stopping = true;
    this.log('daemon.stopping');
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.requestStop();
    await this.services?.close();
    await this.tickRunning?.catch(() => undefined);
    releaseSyncLock(this.options.db, 'daemon');
    this.log('daemon.stopped');
  }
}
