import { setTimeout as sleep } from 'node:timers/promises';
import { CanceledError, type SupplierError } from '../../http/errors';

/**
 * Every request of one connection passes here. SEAGM answers too many requests with 429 and, when a client
 * keeps pushing, bans the IP (418) for 30 minutes to 3 days, so this keeps few requests in flight, holds ALL
 * of them (not just the one that was refused) for as long as a 429 asked, and stops sending once banned.
 */
export class RequestGate {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  private resumeAt = 0;
  private ban: { until: number; error: SupplierError } | null = null;

  constructor(readonly maxParallel: number, private readonly now: () => number = Date.now) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      await this.waitUntilResumed(signal);
      if (this.ban && this.now() < this.ban.until) throw this.ban.error;
      return await task();
    } finally {
      this.release();
    }
  }

  /** Holds every request until `ms` from now; a longer hold already in place wins. */
  pause(ms: number): void {
    this.resumeAt = Math.max(this.resumeAt, this.now() + ms);
  }

  /** Refuses every request for `ms` with `error`, without touching the network. */
  banned(error: SupplierError, ms: number): void {
    this.ban = { until: this.now() + ms, error };
  }

  private async acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new CanceledError();
    if (this.active < this.maxParallel) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(grant);
        if (index >= 0) this.queue.splice(index, 1);
        reject(new CanceledError());
      };
      // The slot is handed over directly by release(), so `active` never dips in between.
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.queue.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }

  private async waitUntilResumed(signal?: AbortSignal): Promise<void> {
    for (let wait = this.resumeAt - this.now(); wait > 0; wait = this.resumeAt - this.now()) {
      try {
        await sleep(wait, undefined, { signal });
      } catch {
        throw new CanceledError();
      }
    }
  }
}
