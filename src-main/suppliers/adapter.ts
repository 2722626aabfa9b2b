import type { z } from 'zod';
import type { SkippedItem, FetchProgress } from '../../src-shared/sync-types';

// What a supplier folder implements is all here; the two types the run record also carries live in src-shared.
export type { SkippedItem, FetchProgress };
import type { Money } from '../domain/money';
import type { Offer } from '../domain/offer';
import type { RequestBudget, RequestBudgetView } from '../http/budget';
import type { BudgetTuning } from '../http/budget-policy';
import type { RetryPolicy } from '../http/retry';
import type { AttentionReason, OrderStatus, Delivery } from '../../src-shared/order-types';

export interface PingResult {
  balance: Money | null;
  currency: string;
  /** Anything else worth showing beside the balance (site name, member level, account name). */
  detail: Record<string, string>;
}

export interface CatalogPage {
  offers: Offer[];
  skipped: SkippedItem[];
  /**
   * 'changes': the page holds only products changed since FetchOptions.changedSince; a product it does not list is
   * unchanged, not gone. 'full' (the default): part of a complete listing, where an absent product is removed.
   * An adapter asked for changes whose server listed everything anyway (it ignored the filter) says 'full'.
   */
  scope?: 'full' | 'changes';
  /** In a 'changes' listing: upstream products reported deactivated; every offer of theirs is removed. */
  removedProducts?: string[];
  /**
   * Everything yielded before this page in this run is void: the listing started over (it moved under us) and this
   * page is the first of the fresh one. Lets an adapter stream a listing it may have to repeat.
   */
  restart?: true;
  /**
   * Beside `offers`, one per offer: the fingerprint of the listing item it was mapped from (item-fingerprint.ts), or
   * null. Stored with the offer, so that a later listing of the same item can be reused unread (FetchOptions.reusable).
   */
  itemFingerprints?: ReadonlyArray<string | null>;
  /**
   * In a 'full' page: fingerprints of items listed again exactly as a live offer was mapped from, reused without being
   * read (FetchOptions.reusable said so). Their offers stay as they are: listed, not changed.
   */
  keptItems?: readonly string[];
}

export interface FetchOptions {
  signal?: AbortSignal;
  onProgress?: (progress: FetchProgress) => void;
  /**
   * When set (ISO 8601), the engine asks for an incremental listing: products changed after this instant (the start
   * of the last complete listing, less a safety overlap). Adapters whose protocol can filter by time do so and
   * mark their pages scope 'changes'; the others ignore it and list everything.
   */
  changedSince?: string | null;
  /**
   * What the stored catalog kept of a product (its offer's `raw`, the first when it has several), undefined when
   * none is live. Lets an adapter whose protocol must fetch a detail per product skip one whose list entry has not
   * moved since (Linksfield), across restarts and sync threads alike.
   */
  storedRaw?: (productId: string) => unknown;
  /**
   * Set between full listings (when `changedSince` is): whether a live offer was mapped from an item with exactly this
   * fingerprint, so that an adapter which must list everything can skip validating and mapping it again (keptItems).
   * Absent on a full listing, which reads every item: that is what catches a change no fingerprint covers.
   */
  reusable?: (fingerprint: string) => boolean;
  /**
   * The products with a live offer, read when called. An adapter whose full listing can skip a product still on sale
   * (offset paging while the catalog moves: Dujiao-Next) asks for each one it did not list before it is recorded gone.
   */
  liveProducts?: () => string[];
  /**
   * SupplierAdapter.mappingFingerprint as the last applied listing left it; null when unknown. A listing of changes
   * leaves every unlisted product as it was mapped: an adapter whose mapping reads more than the items (Dujiao-Next:
   * the categories, from a request of their own) lists in full once that moved.
   */
  lastMappingFingerprint?: string | null;
}

export interface OrderRequest {
  productId: string;
  skuId: string;
  variant: string;
  quantity: number;
  /** Our own order number, sent as the supplier's idempotency key (downstream_order_no, channelOrderId, …). */
  idempotencyKey: string;
  /** The cost the merchant confirmed for the whole quantity; suppliers that read a live price first refuse to order above it. */
  expectedCost: Money;
  email?: string;
  /** Buyer input for manual/top-up goods (player id, phone number …), keyed by the offer's input fields. */
  buyerInput?: Record<string, string>;
  /**
   * 1 for the first send; more when an earlier send of this key went unanswered and may have reached the supplier.
   * A check that would refuse a first send (a price rise, a vanished SKU) cannot call a repeat "not placed".
   */
  sendAttempt?: number;
}

export interface OrderState {
  status: OrderStatus;
  upstreamOrderId: string | null;
  /** The supplier's own status word, shown beside ours. */
  upstreamStatus: string;
  amount: Money | null;
  delivery: Delivery | null;
  /** Why it failed, in the supplier's words, when it did. */
  error: string | null;
  /** What the supplier gave back, for `refunded` and `partially_refunded`. */
  refundedAmount?: Money | null;
  /**
   * Set when the merchant must look before anything more happens (a price above the quote, a status word we cannot
   * read): the order service puts the order in `attention` with this reason, keeping whatever else the state says.
   */
  attention?: AttentionReason | null;
  /**
   * Nothing of this attempt left the app: a refusal of ours before sending (the price rose, the SKU is gone, a field
   * cannot be sent). The attempt is not counted as a send, and the order does not say it was sent.
   */
  notSent?: boolean;
}

export interface OrderRef {
  idempotencyKey: string;
  upstreamOrderId: string | null;
}

/** Ordering, where a supplier's API allows it. Every method is safe to repeat: the idempotency key decides. */
export interface SupplierOrders {
  /**
   * Places (or, for a key already used, finds) the order. Never charges twice for one key. Throws NotSentError when
   * it failed before the order's request left (a read it makes first): that attempt is then not counted as a send.
   */
  place(request: OrderRequest, signal?: AbortSignal): Promise<OrderState>;
  /**
   * The order's current state; null when the supplier has no order under this key (it was never placed). Throws a
   * SupplierError coded LOOKUP_UNSUPPORTED when it cannot ask at all (the supplier finds orders only by an id of its
   * own, and that was lost): the order then waits for the merchant.
   */
  query(ref: OrderRef, signal?: AbortSignal): Promise<OrderState | null>;
  cancel?(ref: OrderRef, signal?: AbortSignal): Promise<OrderState>;
}

/** SupplierOrders.query cannot look this order up at all. */
export const LOOKUP_UNSUPPORTED = 'lookup_unsupported';

/**
 * `place` failed before the order's request was sent, with `cause`: the supplier cannot have this attempt, so it
 * neither counts toward the sends that may go unanswered nor makes the next one a repeat.
 */
export class NotSentError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'NotSentError';
  }
}

/** What `place` reads or checks before the order's request leaves (a live price, a lookup): its failure is a NotSentError. */
export async function beforeSending<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw error instanceof NotSentError ? error : new NotSentError(error);
  }
}

/**
 * Pushes a supplier sends us (BillionConnect's N009 carries the only copy of the LPA). The order service runs
 * the receiver; the supplier's folder knows how to verify and read its own pushes.
 */
export interface PushNotifications {
  /**
   * Verifies the signature and reads the body; throws with a reason for anything not genuinely from the supplier.
   * `pastedByMerchant`: the merchant pasted the body by hand (there are no headers to verify).
   */
  read(
    rawBody: Buffer,
    headers: Record<string, string | undefined>,
    options?: { pastedByMerchant?: boolean },
  ): Array<{ idempotencyKey: string; state: OrderState }>;
  /** What the supplier expects back once a push was accepted. */
  acceptedReply: { status: number; contentType: string; body: string };
}

/**
 * What every supplier implements. Kept small on purpose: a sixth supplier is one folder that fills this
 * in plus one line in registry.ts.
 */
export interface SupplierAdapter {
  ping(signal?: AbortSignal): Promise<PingResult>;
  /**
   * Yields the catalog page by page. Must throw (typically IncompleteCatalogError) rather than return
   * normally when it could not see the whole catalog: the sync engine treats a normal return as "complete".
   */
  fetchCatalog(options?: FetchOptions): AsyncIterable<CatalogPage>;
  /** Present when the supplier can be ordered from through its API. */
  orders?: SupplierOrders;
  /** Present when the supplier pushes order updates to us. */
  push?: PushNotifications;
  /** This adapter's request budget: paced with every other adapter of the account, counting its own requests alone. */
  budget?: RequestBudgetView;
  /**
   * How far the supplier's clock runs ahead of ours (ms; negative: behind), as its answers have shown so far. Present
   * where a listing of changes is asked for by the supplier's clock (FetchOptions.changedSince).
   */
  clockOffsetMs?(): number;
  /**
   * A fingerprint of what this adapter's last listing mapped its items with besides the items themselves (Dujiao-Next:
   * its categories); null before one read any. Kept with the run (FetchOptions.lastMappingFingerprint).
   */
  mappingFingerprint?(): string | null;
  /** Set when the supplier has no balance to report: ping then only proves the credentials, so it is not asked for one. */
  noBalance?: true;
  /**
   * The login session the upstream keeps per account (Linksfield), shared by the account's adapters of one thread. A
   * sync worker thread takes its tokens from the thread that started it instead of logging in beside the session
   * orders use there (sync/worker/login-sessions.ts).
   */
  session?: LoginSessionHandle;
}

/** A token other than `stale` (any token, when null): the one in hand, else a fresh login. */
export type TokenSource = (stale: string | null, signal?: AbortSignal) => Promise<string>;

export interface LoginSessionHandle {
  /** This thread's session as a TokenSource: what a sync worker's session asks for its tokens. */
  replace: TokenSource;
  /** From now on tokens come from `source` (another thread's session), never from a login of this thread's. */
  takeTokensFrom(source: TokenSource): void;
}

/** Tuning that tests and the benchmark turn; adapters take sensible defaults otherwise. */
export interface AdapterEnv {
  retry?: RetryPolicy;
  /** Longest silence within one request (transport.ts SILENCE_TIMEOUT_MS by default). */
  timeoutMs?: number;
  /** Longest one request may take from send to last byte (transport.ts REQUEST_DEADLINE_MS by default). */
  requestDeadlineMs?: number;
  /** Most bytes one response may have (transport.ts RESPONSE_BYTE_CAP by default). */
  maxResponseBytes?: number;
  /** Local clock, injectable so skew can be tested. */
  now?: () => number;
  /** The adapter's window on its account's budget; each kind's create() sets it (adapterBudget, http/budget-policy.ts). */
  budget?: RequestBudget;
  /** The budget's numbers scaled for tests and the benchmark (a 500 ms window instead of 60 s). */
  budgetTuning?: BudgetTuning;
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
  /** How much of the catalog each generation step changes, as a multiple of the usual (see shared/sim/catalog-evolution.ts). */
  churn?: number;
  /**
   * The simulator's request limit: its real server's numbers when absent; scaled (windows in ms) so tests stay fast;
   * null lifts it, for a benchmark that measures something else.
   */
  rateLimit?: SimulatorRateLimit | null;
  /**
   * host:port where the app receives this supplier's pushes (BillionConnect's N009): the simulator's connection
   * listens there and the simulator pushes to it, so a demo order completes by itself. Kinds without pushes ignore it.
   */
  notifyListen?: string;
}

/** `max` requests per `windowMs`; where the server blocks past that (Dujiao-Next), for `blockMs`, refused in its `refusal` form. */
export interface SimulatorRateLimit {
  windowMs?: number;
  max?: number;
  blockMs?: number;
  refusal?: 'http429' | 'http200';
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
