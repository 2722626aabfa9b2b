import { NOTHING_TO_SETTLE, type Admission, type Pace } from './pace';

export interface AdaptiveRule {
  /** The pace we allow ourselves at best (the connection's setting), in requests per minute. */
  requestsPerMinute: number;
  /** How long every request is held after a refusal that did not say how long (no Retry-After). */
  defaultHoldMs: number;
}

/** Each throttle halves the pace, down to this share of the configured one. */
const SLOWEST_SHARE = 1 / 64;
/** Each request that goes through wins back this share of the configured pace (additive recovery). */
const RECOVERY_SHARE = 1 / 32;
/**
 * The share of a minute's requests that may go at once. The bucket refills at the rest, so no 60 s ever sees more
 * than the pace: a burst of a quarter plus three quarters refilled over the minute. A bucket holding a whole minute's
 * worth would let twice the pace through in the first minute, which is not what "600 per minute" promises an upstream;
 * a quarter still lets a small catalog (SEAGM's 82 requests at 300 per minute) list in a couple of seconds.
 */
const BURST_SHARE = 1 / 4;

/**
 * For upstreams that publish no numbers: a token bucket that never lets more than the pace through in any minute,
 * halved on every "too many requests" answer and won back step by step, like TCP's congestion window. A refusal holds
 * every request of the connection for as long as it asked (Retry-After), not only the refused one.
 */
export class AdaptivePace implements Pace {
  private rate: number;
  private tokens: number;
  private refilledAt: number | null = null;
  private holdUntil = 0;

  constructor(private rule: AdaptiveRule) {
    this.rate = rule.requestsPerMinute;
    this.tokens = this.burst();
  }

  configure(rule: AdaptiveRule): void {
    const wasFullSpeed = this.rate >= this.rule.requestsPerMinute;
    this.rule = rule;
    this.rate = wasFullSpeed ? rule.requestsPerMinute : Math.min(this.rate, rule.requestsPerMinute);
  }

  admit(now: number): Admission {
    if (now < this.holdUntil) return { go: false, retryAt: this.holdUntil };
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { go: true, settled: NOTHING_TO_SETTLE };
    }
    return { go: false, retryAt: now + Math.max(1, Math.ceil(((1 - this.tokens) * 60_000) / this.refillPerMinute())) };
  }

  throttled(now: number, hintMs: number | null): void {
    // Refusals of requests already in flight when the first came back are the same congestion: slow down once.
    if (now >= this.holdUntil) this.rate = Math.max(this.slowest(), this.rate / 2);
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
    this.holdUntil = Math.max(this.holdUntil, now + (hintMs ?? this.rule.defaultHoldMs));
  }

  succeeded(): void {
    this.rate = Math.min(this.rule.requestsPerMinute, this.rate + this.rule.requestsPerMinute * RECOVERY_SHARE);
  }

  perMinute(): number {
    return this.rate;
  }

  private slowest(): number {
    return Math.max(1, this.rule.requestsPerMinute * SLOWEST_SHARE);
  }

  /** What may go at once, at the current pace: a slowed-down connection also bursts less. */
  private burst(): number {
    return Math.max(1, this.rate * BURST_SHARE);
  }

  private refillPerMinute(): number {
    return this.rate * (1 - BURST_SHARE);
  }

  private refill(now: number): void {
    if (this.refilledAt !== null)
      this.tokens = Math.min(this.burst(), this.tokens + ((now - this.refilledAt) * this.refillPerMinute()) / 60_000);
    this.refilledAt = now;
  }
}
