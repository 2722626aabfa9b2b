import { isThrottle, type BudgetStats, type RequestBudget, type RunOptions } from './budget';
import type { SupplierError } from './errors';

/** What another thread sent on an adapter's behalf; its waits are told as they happen (countElsewhere). */
export type SentElsewhere = Omit<BudgetStats, 'waitMs'>;

/**
 * One adapter's window on its account's request budget: every request is paced by the account's budget (shared with
 * the account's other adapters: orders, connection tests, another sync), but only this adapter's own requests count
 * here. A sync then records the requests, waits and bytes that went through its adapter, not those another adapter
 * of the account sent meanwhile (an order's, while the sync runs in a worker thread). Its wait time is the time at
 * least one of its requests was held by the budget (its pace, an upstream block: RunOptions.onHold), as the account's
 * own budget counts it for everyone.
 */
export class MeteredBudget implements RequestBudget {
  private readonly counters: BudgetStats = { requests: 0, waitMs: 0, throttled: 0, bytes: 0 };
  private holding = 0;
  private holdingSince = 0;
  /** The latest end told of the holds under way (a stop can arrive after a later one). */
  private holdingUntil = 0;
  /** The end of the last wait counted: an instant before it is never counted again. */
  private countedUntil = 0;
  private readonly elsewhere: Array<() => SentElsewhere> = [];
  private readonly holdListeners = new Set<(holding: boolean, at: number) => void>();

  constructor(
    /** The account's budget this one paces through. */
    readonly account: RequestBudget,
    private readonly now: () => number = Date.now,
  ) {}

  stats(): BudgetStats {
    const waitMs = this.counters.waitMs + (this.holding > 0 ? Math.max(0, this.now() - this.holdingSince) : 0);
    const stats = { ...this.counters, waitMs };
    for (const source of this.elsewhere) {
      const sent = source();
      stats.requests += sent.requests;
      stats.throttled += sent.throttled;
      stats.bytes += sent.bytes;
    }
    return stats;
  }

  /**
   * Counts, beside this adapter's own, what another thread sends on its behalf: the logins a sync worker's session asks
   * the app's thread for are that worker's run's requests. `totals`: its requests, throttles and bytes so far. Its holds
   * come through the returned function, as they begin and end there: they join this adapter's own (a wait is the time
   * at least one request was held), since a throttled login holds the worker's requests for the same seconds.
   */
  countElsewhere(totals: () => SentElsewhere): (holding: boolean, at: number) => void {
    this.elsewhere.push(totals);
    let held = false;
    return (holding, at) => {
      if (holding === held) return;
      held = holding;
      if (holding) this.startHolding(at);
      else this.stopHolding(at);
    };
  }

  /** Told when at least one of this adapter's requests starts being held by the budget, and when none is any more. */
  onHolding(listener: (holding: boolean, at: number) => void): () => void {
    this.holdListeners.add(listener);
    return () => this.holdListeners.delete(listener);
  }

  onWait(listener: (resumesAt: number | null) => void): () => void {
    return this.account.onWait(listener);
  }

  perMinute(): number {
    return this.account.perMinute();
  }

  received(bytes: number): void {
    this.counters.bytes += bytes;
    this.account.received(bytes);
  }

  stop(error: SupplierError, ms: number): void {
    this.account.stop(error, ms);
  }

  async run<T>(send: () => Promise<T>, signal?: AbortSignal, options: RunOptions = {}): Promise<T> {
    // Per request: a hold the account's budget never ended (it failed in between) must not hold the count forever.
    let held = false;
    // At the account budget's instants: a budget in another thread tells of a hold only after a message's trip.
    const onHold = (holding: boolean, at: number) => {
      if (holding !== held) {
        held = holding;
        if (holding) this.startHolding(at);
        else this.stopHolding(at);
      }
      options.onHold?.(holding, at);
    };
    try {
      return await this.account.run(
        async () => {
          this.counters.requests++;
          try {
            return await send();
          } catch (error) {
            // Counted as the account counts it: every "too many requests" answer, canceled meanwhile or not.
            if (isThrottle(error)) this.counters.throttled++;
            throw error;
          }
        },
        signal,
        { ...options, onHold },
      );
    } finally {
      if (held) onHold(false, this.now());
    }
  }

  // Holds told from another thread (countElsewhere) arrive over another port than this adapter's own, so instants can
  // come a little out of order: the wait counted is kept to the union of what was told, never an instant twice.
  private startHolding(at: number): void {
    if (this.holding++ > 0) {
      this.holdingSince = Math.max(this.countedUntil, Math.min(this.holdingSince, at));
      return;
    }
    this.holdingSince = Math.max(this.countedUntil, at);
    this.holdingUntil = this.holdingSince;
    for (const listener of this.holdListeners) listener(true, this.holdingSince);
  }

  private stopHolding(at: number): void {
    this.holdingUntil = Math.max(this.holdingUntil, at);
    if (--this.holding > 0) return;
    this.counters.waitMs += this.holdingUntil - this.holdingSince;
    this.countedUntil = this.holdingUntil;
    for (const listener of this.holdListeners) listener(false, this.holdingUntil);
  }
}
