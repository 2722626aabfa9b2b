import { setTimeout as sleep } from 'node:timers/promises';
import { CanceledError, SupplierError } from './errors';

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Delay before try number `attempt` (2, 3, …): the upstream's Retry-After when it gave one, else exponential with jitter. */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | null): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, policy.maxDelayMs);
  const exponential = policy.baseDelayMs * 2 ** (attempt - 2);
  return Math.min(policy.maxDelayMs, exponential * (0.75 + Math.random() * 0.5));
}

/**
 * Runs `task` until it succeeds, fails with something not worth retrying, or the tries run out.
 * Only errors that say so (`SupplierError.retryable`) are retried: a 4xx means the request itself is wrong.
 */
export async function withRetries<T>(policy: RetryPolicy, task: (attempt: number) => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new CanceledError();
    try {
      return await task(attempt);
    } catch (error) {
      const retryable = error instanceof SupplierError && error.retryable;
      if (!retryable || attempt >= policy.attempts || signal?.aborted) throw error;
      const delay = retryDelay(policy, attempt + 1, (error as SupplierError).retryAfterMs);
      try {
        await sleep(delay, undefined, { signal });
      } catch {
        throw new CanceledError();
      }
    }
  }
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
