import type { SimulatorRateLimit } from '../../adapter';
import type { SimResponse } from '../../shared/sim/server';

export interface DujiaoRateRule {
  windowMs: number;
  max: number;
  blockMs: number;
  /** Newer builds answer HTTP 429, older ones HTTP 200; the body is the same. */
  refusal: 'http429' | 'http200';
}

/** The real server's upstreamAPIRule: 60 requests per 60 s, then a 30 s block. */
export const REAL_DUJIAO_RULE: DujiaoRateRule = { windowMs: 60_000, max: 60, blockMs: 30_000, refusal: 'http429' };

/**
 * The real server's rate-limit middleware, exactly: per key a counter; the first request of a window sets the key to
 * expire after the window (a fixed window from the first request, not a sliding one); the request that makes it
 * max+1 resets the expiry to the block length, once; every request past max is refused (and still counted, without
 * extending the block); when the key expires everything starts over.
 */
export class DujiaoRateLimiter {
  rule: DujiaoRateRule;
  /** False lifts the limit (a benchmark measuring something else). */
  enabled: boolean;
  /** Blocks triggered so far: tests and the benchmark prove a paced client never causes one. */
  blocks = 0;
  /** Requests refused so far. */
  refused = 0;
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();

  constructor(limit: SimulatorRateLimit | null | undefined) {
    this.enabled = limit !== null;
    this.rule = { ...REAL_DUJIAO_RULE, ...withoutUndefined(limit ?? {}) };
  }

  /** Counts one request of `key`; null to serve it, else the refusal to send. */
  hit(key: string, now: number): SimResponse | null {
    if (!this.enabled) return null;
    let counter = this.counters.get(key);
    if (!counter || now >= counter.expiresAt) {
      counter = { count: 0, expiresAt: Infinity };
      this.counters.set(key, counter);
    }
    counter.count++;
    if (counter.count === 1) counter.expiresAt = now + this.rule.windowMs;
    if (counter.count === this.rule.max + 1) {
      counter.expiresAt = now + this.rule.blockMs;
      this.blocks++;
    }
    if (counter.count <= this.rule.max) return null;
    this.refused++;
    const seconds = Math.max(1, Math.ceil((counter.expiresAt - now) / 1000));
    // No `ok` field and no Retry-After, as the real middleware answers.
    return {
      status: this.rule.refusal === 'http429' ? 429 : 200,
      body: { status_code: 429, msg: `请求过于频繁，请 ${seconds} 秒后再试` },
    };
  }

  /** Forgets every counter (a test that burned the key on purpose starts clean). */
  reset(): void {
    this.counters.clear();
  }
}

function withoutUndefined(limit: SimulatorRateLimit): Partial<DujiaoRateRule> {
  return Object.fromEntries(
    Object.entries(limit).filter(([, value]) => value !== undefined),
  ) as Partial<DujiaoRateRule>;
}

/** Adds the limiter's counts to a running simulator, where the benchmark's simulator host reads them. */
export function withRateLimitStats<S extends object>(
  server: { state: { rateLimiter: DujiaoRateLimiter } },
  running: S,
): S & { rateLimitStats(): { blocks: number; refused: number } } {
  return Object.assign(running, {
    rateLimitStats: () => ({ blocks: server.state.rateLimiter.blocks, refused: server.state.rateLimiter.refused }),
  });
}
