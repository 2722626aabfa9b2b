import { isThrottle, type BudgetStats, type RequestBudget, type RunOptions } from './budget';
import type { SupplierError } from './errors';

/**
 * One adapter's window on its account's request budget: every request is paced by the account's budget (shared with
 * the account's other adapters: orders, connection tests, another sync), but only this adapter's own requests count
 * here. A sync's run then records the requests, waits and bytes it made, not an order's sent meanwhile.
 * Wait time is the time at least one of this adapter's requests was held by the budget (its pace, an upstream block,
 * its limit of requests at once) before going out, as the account's own budget counts it for everyone.
 */
export class MeteredBudget implements RequestBudget {
  private readonly counters: BudgetStats = { requests: 0, waitMs: 0, throttled: 0, bytes: 0 };
  private waiting = 0;
  private waitingSince = 0;

  constructor(
    /** The account's budget this one paces through. */
    readonly account: RequestBudget,
    private readonly now: () => number = Date.now,
  ) {}

  stats(): BudgetStats {
    const waitMs = this.counters.waitMs + (this.waiting > 0 ? this.now() - this.waitingSince : 0);
    return { ...this.counters, waitMs };
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
    let held = true;
    this.startWaiting();
    try {
      return await this.account.run(
        async () => {
          if (held) {
            held = false;
            this.stopWaiting();
          }
          this.counters.requests++;
          try {
            return await send();
          } catch (error) {
            if (isThrottle(error)) {
              this.counters.throttled++;
              // The account's budget sends it again once its pace allows: held again until then.
              if (options.resendThrottled !== false && !signal?.aborted) {
                held = true;
                this.startWaiting();
              }
            }
            throw error;
          }
        },
        signal,
        options,
      );
    } finally {
      if (held) this.stopWaiting();
    }
  }

  private startWaiting(): void {
    if (this.waiting++ === 0) this.waitingSince = this.now();
  }

  private stopWaiting(): void {
    if (--this.waiting === 0) this.counters.waitMs += this.now() - this.waitingSince;
  }
}
