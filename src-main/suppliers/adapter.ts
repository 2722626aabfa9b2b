import type { z } from 'zod';
import type { SkippedItem } from '../db/catalog-repo';
import type { Money } from '../domain/money';
import type { Offer } from '../domain/offer';
import type { RetryPolicy } from '../http/retry';

export interface PingResult {
  balance: Money | null;
  currency: string;
  /** Anything else worth showing beside the balance (site name, member level, account name). */
  detail: Record<string, string>;
}

export interface CatalogPage {
  offers: Offer[];
  skipped: SkippedItem[];
}

export interface FetchProgress {
  pagesDone: number;
  /** Null while the upstream has not said how many pages there are. */
  pagesTotal: number | null;
  items: number;
}

export interface FetchOptions {
  signal?: AbortSignal;
  onProgress?: (progress: FetchProgress) => void;
}

/**
 * What every supplier implements. Kept small on purpose: a sixth supplier is one folder that fills this
 * in plus one line in registry.ts. Order methods arrive with the orders issue.
 */
export interface SupplierAdapter {
  ping(signal?: AbortSignal): Promise<PingResult>;
  /**
   * Yields the catalog page by page. Must throw (typically IncompleteCatalogError) rather than return
   * normally when it could not see the whole catalog: the sync engine treats a normal return as "complete".
   */
  fetchCatalog(options?: FetchOptions): AsyncIterable<CatalogPage>;
}

/** Tuning that tests and the benchmark turn; adapters take sensible defaults otherwise. */
export interface AdapterEnv {
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** Local clock, injectable so skew can be tested. */
  now?: () => number;
}

/** Every connection in a config file has these; each kind adds its own credential fields. */
export interface ConnectionBase {
  id: string;
  kind: string;
  name?: string;
  baseUrl: string;
}

export interface SimulatorOptions {
  host?: string;
  port?: number;
  /** Which version of the seeded catalog to serve; each step moves prices, stock, titles, items. */
  generation?: number;
  seed?: number;
  /** Roughly how many offers the seeded catalog yields. */
  size?: number;
}

export interface RunningSimulator {
  baseUrl: string;
  /** A connection config (credentials included) that this simulator accepts. */
  connection: ConnectionBase & Record<string, unknown>;
  setGeneration(generation: number): void;
  close(): Promise<void>;
}

export interface SupplierKind<Config extends ConnectionBase = ConnectionBase> {
  kind: string;
  label: string;
  /** Validates a connection of this kind (credential fields included). */
  configSchema: z.ZodType<Config>;
  /** Config fields that are secrets: never logged, never sent to the renderer in clear. */
  secretFields: readonly string[];
  create(config: Config, env?: AdapterEnv): SupplierAdapter;
  startSimulator(options?: SimulatorOptions): Promise<RunningSimulator>;
  /** Published API hosts, offered in the connection form; absent where the supplier keeps them private. */
  baseUrls?: { production?: string; sandbox?: string };
}
