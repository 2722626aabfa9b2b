import { setTimeout as sleep } from 'node:timers/promises';
import { CanceledError, SupplierError } from './errors';
import { describeDuration, transportText } from './transport-text';

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  baseDelayMs: number;
  /** The longest wait between tries; an upstream that asks (Retry-After) for a longer one is not retried. */
  maxDelayMs: number;
  /**
   * The longest Retry-After honoured, when it differs from `maxDelayMs` (a supplier whose limit windows are known to
   * be longer than our backoff); a longer one ends the tries with a non-retryable error.
   */
  maxRetryAfterMs?: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Delay before try number `attempt` (2, 3, …): the upstream's Retry-After when it gave one, else exponential with jitter. */
function retryDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | null): number {
  if (retryAfterMs !== null) return retryAfterMs;
  const exponential = policy.baseDelayMs * 2 ** (attempt - 2);
  return Math.min(policy.maxDelayMs, exponential * (0.75 + Math.random() * 0.5));
}

/**
 * The wait before retrying after `error`. Throws instead when the upstream asked to wait longer than the policy
 * waits: retrying sooner than asked only earns another refusal (or a ban), so the caller is told how long instead.
 */
export function delayBeforeRetry(policy: RetryPolicy, attempt: number, error: SupplierError): number {
  const longest = policy.maxRetryAfterMs ?? policy.maxDelayMs;
  if (error.retryAfterMs !== null && error.retryAfterMs > longest) {
    const text = transportText('transport.waitTooLong', {
      error: error.message,
      asked: describeDuration(error.retryAfterMs),
      longest: describeDuration(longest),
    });
    throw new SupplierError(text, 'rate_limited', error.httpStatus, false, error.retryAfterMs);
  }
  return retryDelay(policy, attempt, error.retryAfterMs);
}

/**
 * Runs `task` until it succeeds, fails with something not worth retrying, or the tries run out.
 * Only errors that say so (`SupplierError.retryable`) are retried: a 4xx means the request itself is wrong.
 * A retry never goes out before the upstream's Retry-After has passed (see delayBeforeRetry).
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  task: (attempt: number) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new CanceledError();
    try {
      return await task(attempt);
    } catch (error) {
      const retryable = error instanceof SupplierError && error.retryable;
      if (!retryable || attempt >= policy.attempts || signal?.aborted) throw error;
      const delay = delayBeforeRetry(policy, attempt + 1, error as SupplierError);
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
