import { setTimeout as sleep } from 'node:timers/promises';
import { CanceledError, SupplierError } from './errors';
import { HostStop } from './host-stop';
import type { Pace } from './pace';

/** What a connection's request budget reports; every request of the connection (sync, orders, pings) passes it. */
export interface BudgetStats {
  /** Requests sent (retries included). */
  requests: number;
  /** Time requests spent waiting for the budget (pacing and upstream blocks), in ms. */
  waitMs: number;
  /** Answers that said "too many requests" (any form). */
  throttled: number;
  /** Response bytes received. */
  bytes: number;
}

/** What the sync engine reads of a budget: its totals and its waits. */
export interface RequestBudgetView {
  /** Running totals since the connection's adapter was made; the engine reads them before and after a run. */
  stats(): BudgetStats;
  /** `resumesAt` (epoch ms) when requests start waiting for the budget, null when they go again. Returns an unsubscribe. */
  onWait(listener: (resumesAt: number | null) => void): () => void;
}

/**
 * One supplier account's request budget, as its clients use it. PacedBudget is the budget itself; a sync worker
 * thread holds a RemoteBudget (budget-remote.ts) that passes every request through the PacedBudget of the thread that
 * owns the account, so a sync in a worker and an order in the services share one count.
 */
export interface RequestBudget extends RequestBudgetView {
  /** Requests per minute allowed right now (after any slow-down). */
  perMinute(): number;
  /** Response bytes received, counted by the transport. */
  received(bytes: number): void;
  /**
   * Every request to the account's host fails with `error` for `ms`, without reaching the network: the host refused
   * this computer for a while (SEAGM's IP ban), so every account of the host stops, in every process of the data folder.
   */
  stop(error: SupplierError, ms: number): void;
  /**
   * Sends through the budget. `send` is one attempt; when it fails with a throttle (isThrottle), the pace learns of
   * it and the request goes again once the pace allows: a throttle is never the caller's failure.
   */
  run<T>(send: () => Promise<T>, signal?: AbortSignal, options?: RunOptions): Promise<T>;
}

/** Time as the budget sees it; tests inject one that jumps instead of sleeping. */
export interface BudgetClock {
  now(): number;
  /** Resolves after `ms`, or rejects when `signal` fires. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const SYSTEM_CLOCK: BudgetClock = {
  now: Date.now,
  sleep: (ms, signal) => sleep(ms, undefined, { signal }),
};

export interface RequestBudgetOptions {
  pace: Pace;
  /** Requests in flight at once; unlimited when absent. */
  maxParallel?: number;
  clock?: BudgetClock;
  /** Waits shorter than this are not announced to onWait listeners (a sync's progress would flicker). */
  announceWaitsFromMs?: number;
  /** The host's stop, shared by its accounts (host-stop.ts); a budget of its own when absent. */
  hostStop?: HostStop;
}

/** Whether an error is the upstream saying "too many requests", in whatever form the supplier's client recognised. */
export function isThrottle(error: unknown): error is SupplierError {
  return error instanceof SupplierError && error.code === 'rate_limited';
}

export interface RunOptions {
  /**
   * False for a request that may spend money (an order's create, a payment notice): a "too many requests" answer
   * still slows the pace, but the request is not sent again here. An upstream that charged and then said 429 would
   * otherwise be charged on every resend; the order service decides whether and when it goes again.
   */
  resendThrottled?: boolean;
  /**
   * Told true when the budget starts holding this request (its pace, an upstream block) and false when it stops, before
   * the attempt or when the request is given up, each `at` the budget's clock (epoch ms); never for the wait for a free
   * slot among the requests in flight. What a caller's own count of the time it waited for the request limit is made
   * of (budget-meter.ts).
   */
  onHold?: (holding: boolean, at: number) => void;
}

/**
 * One supplier account's request budget: every request of the account (sync pages, pings, orders, follow-ups,
 * balance checks, connection tests) passes `run`, which waits for the pace to allow it and, when the upstream
 * throttles anyway, waits as long as the pace says and sends it again. Rate limiting therefore never fails a
 * request, and never uses up a retry; only the caller's signal (cancel, a sync's deadline) ends a wait.
 */
export class PacedBudget implements RequestBudget {
  private readonly clock: BudgetClock;
  private readonly announceFromMs: number;
  private readonly counters: BudgetStats = { requests: 0, waitMs: 0, throttled: 0, bytes: 0 };
  private readonly listeners = new Set<(resumesAt: number | null) => void>();
  private waiting = 0;
  private waitingSince = 0;
  private announced: number | null = null;
  private inFlight = 0;
  private readonly queue: Array<() => void> = [];
  private readonly hostStop: HostStop;

  constructor(
    private readonly pace: Pace,
    private readonly options: Omit<RequestBudgetOptions, 'pace'> = {},
  ) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.announceFromMs = options.announceWaitsFromMs ?? 1000;
    this.hostStop = options.hostStop ?? new HostStop(() => null, '');
  }

  perMinute(): number {
    return this.pace.perMinute();
  }

  stats(): BudgetStats {
    const waitMs = this.counters.waitMs + (this.waiting > 0 ? this.clock.now() - this.waitingSince : 0);
    return { ...this.counters, waitMs };
  }

  onWait(listener: (resumesAt: number | null) => void): () => void {
    this.listeners.add(listener);
    // A listener that arrives during a wait (a connection test while a sync of the account waits) hears of it at once:
    // its own requests queue behind the same wait, which is not announced again.
    if (this.announced !== null) listener(this.announced);
    return () => this.listeners.delete(listener);
  }

  received(bytes: number): void {
    this.counters.bytes += bytes;
  }

  stop(error: SupplierError, ms: number): void {
    const now = this.clock.now();
    this.hostStop.stop(error, now, now + ms);
  }

  async run<T>(send: () => Promise<T>, signal?: AbortSignal, options: RunOptions = {}): Promise<T> {
    await this.acquireSlot(signal);
    try {
      for (;;) {
        const settle = await this.admit(signal, options.onHold);
        this.counters.requests++;
        try {
          const result = await send();
          settle(this.clock.now());
          this.pace.succeeded(this.clock.now());
          return result;
        } catch (error) {
          settle(this.clock.now());
          if (!isThrottle(error)) throw error;
          // The upstream said "too many" whether or not the caller still waits for the answer: the pace learns of it.
          this.counters.throttled++;
          this.pace.throttled(this.clock.now(), error.retryAfterMs);
          if (signal?.aborted) throw new CanceledError();
          if (options.resendThrottled === false) throw error;
        }
      }
    } finally {
      this.releaseSlot();
    }
  }

  private async admit(signal?: AbortSignal, onHold?: RunOptions['onHold']): Promise<(now: number) => void> {
    let waited = false;
    try {
      for (;;) {
        if (signal?.aborted) throw new CanceledError();
        const now = this.clock.now();
        const stopped = this.hostStop.inForce(now);
        if (stopped) throw stopped;
        const admission = this.pace.admit(now);
        if (admission.go) return admission.settled;
        if (!waited) {
          waited = true;
          this.startWaiting(now);
          onHold?.(true, now);
        }
        this.announce(now, admission.retryAt);
        try {
          await this.clock.sleep(admission.retryAt - now, signal);
        } catch {
          throw new CanceledError();
        }
      }
    } finally {
      if (waited) {
        this.stopWaiting();
        onHold?.(false, this.clock.now());
      }
    }
  }

  private startWaiting(now: number): void {
    if (this.waiting++ === 0) this.waitingSince = now;
  }

  private stopWaiting(): void {
    if (--this.waiting > 0) return;
    this.counters.waitMs += this.clock.now() - this.waitingSince;
    if (this.announced !== null) {
      this.announced = null;
      for (const listener of this.listeners) listener(null);
    }
  }

  private announce(now: number, resumesAt: number): void {
    if (resumesAt - now < this.announceFromMs) return;
    if (this.announced !== null && resumesAt <= this.announced) return;
    this.announced = resumesAt;
    for (const listener of this.listeners) listener(resumesAt);
  }

  private async acquireSlot(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new CanceledError();
    const max = this.options.maxParallel ?? Infinity;
    if (this.inFlight < max) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(grant);
        if (index >= 0) this.queue.splice(index, 1);
        reject(new CanceledError());
      };
      // The slot is handed over directly by releaseSlot(), so `inFlight` never dips in between.
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.queue.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaseSlot(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.inFlight--;
  }
}
