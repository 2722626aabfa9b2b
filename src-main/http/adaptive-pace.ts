import {
  NOTHING_TO_SETTLE,
  isStateNumber,
  isStateNumberOrNull,
  type Admission,
  type PaceState,
  type SharablePace,
} from './pace';

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
const MINUTE_MS = 60_000;
/**
 * The longest one refusal holds the account, whatever it asked (a Retry-After of a day, a date far off): past it a
 * request asks again, and a refusal still standing holds it again.
 */
const LONGEST_HOLD_MS = 10 * MINUTE_MS;

/**
 * For upstreams that publish no numbers: never more requests in any 60 s than the pace, halved on every "too many
 * requests" answer and won back step by step, like TCP's congestion window. A token bucket (up to a minute's worth at
 * once) spaces requests out once a throttle has slowed the pace; the requests of the last minute, counted, keep the
 * bucket's full start from letting twice the pace through in the first minute. A refusal holds every request of the
 * connection for as long as it asked (Retry-After), not only the refused one.
 */
export class AdaptivePace implements SharablePace {
  private rate: number;
  private tokens: number;
  private refilledAt: number | null = null;
  private holdUntil = 0;
  /** When each request of the last minute went, oldest first (from `oldest` on; older ones are dropped lazily). */
  private sent: number[] = [];
  private oldest = 0;

  constructor(private rule: AdaptiveRule) {
    this.rate = rule.requestsPerMinute;
    this.tokens = rule.requestsPerMinute;
  }

  configure(rule: AdaptiveRule): void {
    const wasFullSpeed = this.rate >= this.rule.requestsPerMinute;
    this.rule = rule;
    this.rate = wasFullSpeed ? rule.requestsPerMinute : Math.min(this.rate, rule.requestsPerMinute);
  }

  admit(now: number): Admission {
    if (now < this.holdUntil) return { go: false, retryAt: this.holdUntil };
    this.forgetBefore(now - MINUTE_MS);
    const inLastMinute = this.sent.length - this.oldest;
    const allowed = Math.max(1, Math.floor(this.rate));
    // The minute is full: the next request goes when enough of it has aged out.
    if (inLastMinute >= allowed)
      return { go: false, retryAt: this.sent[this.oldest + inLastMinute - allowed] + MINUTE_MS };
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.sent.push(now);
      return { go: true, settled: NOTHING_TO_SETTLE };
    }
    return { go: false, retryAt: now + Math.max(1, Math.ceil(((1 - this.tokens) * MINUTE_MS) / this.rate)) };
  }

  throttled(now: number, hintMs: number | null): void {
    // Refusals of requests already in flight when the first came back are the same congestion: slow down once.
    if (now >= this.holdUntil) this.rate = Math.max(this.slowest(), this.rate / 2);
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
    this.holdUntil = Math.max(this.holdUntil, now + Math.min(hintMs ?? this.rule.defaultHoldMs, LONGEST_HOLD_MS));
  }

  succeeded(): void {
    this.rate = Math.min(this.rule.requestsPerMinute, this.rate + this.rule.requestsPerMinute * RECOVERY_SHARE);
  }

  perMinute(): number {
    return this.rate;
  }

  state(): PaceState {
    return {
      rate: this.rate,
      tokens: this.tokens,
      refilledAt: this.refilledAt,
      holdUntil: this.holdUntil,
      sent: this.sent.slice(this.oldest),
    };
  }

  readonly learnsFromSuccess = true;

  answered(): void {}

  charge(at: number): void {
    // Never back in time: the time since the last refill is credited once.
    if (this.refilledAt === null || at > this.refilledAt) this.refill(at);
    this.tokens -= 1;
    // In order: the minute's count reads the list from its oldest end.
    let index = this.sent.length;
    while (index > this.oldest && this.sent[index - 1] > at) index--;
    this.sent.splice(index, 0, at);
  }

  restore(state: PaceState, now: number): void {
    const { rate, tokens, refilledAt, holdUntil, sent } = state;
    if (
      !isStateNumber(rate) ||
      !isStateNumber(tokens) ||
      !isStateNumberOrNull(refilledAt) ||
      !isStateNumber(holdUntil) ||
      !Array.isArray(sent) ||
      !sent.every((at) => isStateNumber(at))
    )
      return;
    // Another process may allow itself more (its own setting): this one never goes faster than its own.
    this.rate = Math.max(this.slowest(), Math.min(rate, this.rule.requestsPerMinute));
    this.tokens = Math.min(tokens, Math.max(1, this.rate));
    // Another process read its clock a moment after this one: instants up to a minute ahead are its, as they are. One
    // further ahead was stamped on a clock that has since gone back, and is read as now.
    const ahead = now + MINUTE_MS;
    this.refilledAt = refilledAt === null ? null : refilledAt <= ahead ? refilledAt : now;
    this.holdUntil = Math.min(holdUntil, ahead + LONGEST_HOLD_MS);
    this.sent = sent.map((at) => (at <= ahead ? at : now));
    this.oldest = 0;
  }

  private slowest(): number {
    return Math.max(1, this.rule.requestsPerMinute * SLOWEST_SHARE);
  }

  private refill(now: number): void {
    if (this.refilledAt !== null) {
      // The bucket holds a minute's worth at the current pace, so a slowed-down connection also bursts less.
      // Never a negative refill: a clock read a moment earlier (another process's, or one set back) adds nothing.
      const elapsed = Math.max(0, now - this.refilledAt);
      this.tokens = Math.min(Math.max(1, this.rate), this.tokens + (elapsed * this.rate) / MINUTE_MS);
    }
    this.refilledAt = now;
  }

  /** Drops the requests sent at or before `cutoff`; compacts the list once most of it is dropped. */
  private forgetBefore(cutoff: number): void {
    while (this.oldest < this.sent.length && this.sent[this.oldest] <= cutoff) this.oldest++;
    if (this.oldest > 1024 && this.oldest * 2 > this.sent.length) {
      this.sent = this.sent.slice(this.oldest);
      this.oldest = 0;
    }
  }
}
