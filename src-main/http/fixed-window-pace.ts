import { isStateNumber, isStateNumberOrNull, type Admission, type PaceState, type SharablePace } from './pace';

export interface FixedWindowRule {
  /** The server's window, which starts at the first request it counts (not a sliding window). */
  windowMs: number;
  /** Requests the server accepts per window; the next one starts a block. */
  maxRequests: number;
  /** How long the server refuses everything once the window's allowance is exceeded. */
  blockMs: number;
  /**
   * Slack for the time between our clock and the server's counting: the server's window starts when our first
   * request ARRIVES, so ours ends this much later, and a request sent this close to our window's end waits for the next.
   */
  marginMs: number;
}

/**
 * Mirrors a server that counts requests in fixed windows (Dujiao-Next's rate-limit middleware: INCR per key, the key
 * expires one window after the first request; the request past the allowance blocks the key). Staying inside the
 * allowance means the server never blocks us when we are the only client of the key; a block caused by someone else
 * is waited out, after which the server starts over and so do we.
 */
export class FixedWindowPace implements SharablePace {
  private windowOpenedAt: number | null = null;
  /** Infinity until the window's first request has come back: only then is it certain the server has started counting. */
  private windowEndsAt = Infinity;
  private count = 0;
  private blockedUntil = 0;

  constructor(private rule: FixedWindowRule) {}

  configure(rule: FixedWindowRule): void {
    this.rule = rule;
  }

  admit(now: number): Admission {
    if (now < this.blockedUntil) return { go: false, retryAt: this.blockedUntil };
    if (this.windowOpenedAt !== null && now >= this.windowEnd()) this.windowOpenedAt = null;
    if (this.windowOpenedAt === null) {
      this.windowOpenedAt = now;
      this.windowEndsAt = Infinity;
      this.count = 1;
      return { go: true, settled: (at) => this.answered(now, at) };
    }
    // A request sent near our window's end could reach the server after its window expired and open the next one
    // early, where our full allowance would then overflow it.
    const lateSendAt = this.windowOpenedAt + this.rule.windowMs - this.rule.marginMs;
    if (this.count < this.rule.maxRequests && now < lateSendAt) {
      this.count++;
      // Any answer of the window dates its end while the first has not come back (slow, or its process gone).
      return { go: true, settled: (at) => this.answered(now, at) };
    }
    return { go: false, retryAt: Number.isFinite(this.windowEndsAt) ? this.windowEndsAt : now + this.rule.marginMs };
  }

  /**
   * When the window ends: once its first request came back, a window after that answer; until then, a window after
   * the longest that answer could take. The first request of a window opened by another process that then died (a
   * shared pace) never comes back, and its window must still end.
   */
  private windowEnd(): number {
    if (Number.isFinite(this.windowEndsAt) || this.windowOpenedAt === null) return this.windowEndsAt;
    return this.windowOpenedAt + LONGEST_EXCHANGE_MS + this.rule.windowMs + this.rule.marginMs;
  }

  throttled(now: number, hintMs: number | null): void {
    // The block began before its refusal reached us, so a full block from now is always long enough; the server's
    // own count of seconds left (rounded to whole seconds) can shorten it.
    const wait = hintMs === null ? this.rule.blockMs : Math.min(this.rule.blockMs, hintMs + 1000);
    this.blockedUntil = Math.max(this.blockedUntil, now + wait + this.rule.marginMs);
    // When the block expires the server has forgotten the key: everything starts over with a fresh window. A window
    // opened after this refusal (told late, by a process whose ledger failed at the time) is another's, and stays.
    if (this.windowOpenedAt !== null && this.windowOpenedAt > now) return;
    this.windowOpenedAt = null;
    this.windowEndsAt = Infinity;
    this.count = 0;
  }

  succeeded(): void {}

  perMinute(): number {
    return (this.rule.maxRequests * 60_000) / (this.rule.windowMs + this.rule.marginMs);
  }

  state(): PaceState {
    return {
      windowOpenedAt: this.windowOpenedAt,
      windowEndsAt: Number.isFinite(this.windowEndsAt) ? this.windowEndsAt : null,
      count: this.count,
      blockedUntil: this.blockedUntil,
    };
  }

  readonly learnsFromSuccess = false;

  charge(at: number): void {
    // Sent before the latest block began: the server forgot it with the key when the block ended.
    if (at < this.blockedUntil - this.rule.blockMs - this.rule.marginMs) return;
    if (this.windowOpenedAt !== null && at >= this.windowEnd()) this.windowOpenedAt = null;
    if (this.windowOpenedAt === null) {
      // It opened a window the ledger never heard of: its answer (answered) dates the window's end.
      this.windowOpenedAt = at;
      this.windowEndsAt = Infinity;
      this.count = 1;
      return;
    }
    // Sent so long before this window that the server's window it went in had ended before this one began.
    if (at + LONGEST_EXCHANGE_MS + this.rule.windowMs + this.rule.marginMs <= this.windowOpenedAt) return;
    // Sent before the window's first request: the server's window may have begun with it, and ends that much sooner.
    if (at < this.windowOpenedAt) this.windowOpenedAt = at;
    this.count++;
  }

  /**
   * The answer, at `at`, to a request of the window sent at `sentAt`: the server's window began by the time that request
   * reached it, so it ends at the latest a window after this answer. The first answer dates the window's end.
   */
  answered(sentAt: number, at: number): void {
    if (this.windowOpenedAt !== null && sentAt >= this.windowOpenedAt && !Number.isFinite(this.windowEndsAt))
      this.windowEndsAt = at + this.rule.windowMs + this.rule.marginMs;
  }

  restore(state: PaceState, now: number): void {
    const { windowOpenedAt, windowEndsAt, count, blockedUntil } = state;
    if (
      !isStateNumberOrNull(windowOpenedAt) ||
      !isStateNumberOrNull(windowEndsAt) ||
      !isStateNumber(count) ||
      !isStateNumber(blockedUntil)
    )
      return;
    const { windowMs, blockMs, marginMs } = this.rule;
    // Another process read its clock a moment after this one: instants up to a window ahead are its, as they are. One
    // further ahead was counted on a clock that has since gone back, and says nothing of the server's window.
    const ahead = now + windowMs;
    const opened = windowOpenedAt !== null && windowOpenedAt <= ahead ? windowOpenedAt : null;
    this.windowOpenedAt = opened;
    this.windowEndsAt =
      opened === null || windowEndsAt === null
        ? Infinity
        : Math.min(windowEndsAt, opened + LONGEST_EXCHANGE_MS + windowMs + marginMs);
    this.count = opened === null ? 0 : count;
    this.blockedUntil = Math.min(blockedUntil, ahead + blockMs + marginMs);
  }
}

/** Longer than any one exchange may take (the transport's deadline is 120 s from sending to the last byte). */
const LONGEST_EXCHANGE_MS = 150_000;
