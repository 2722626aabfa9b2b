/**
 * How a request budget decides when the next request may go. `admit` either lets a request go now (and counts it)
 * or names the instant to ask again; the budget tells the pace how each admitted request ended.
 */
export interface Pace {
  admit(now: number): Admission;
  /** The upstream said "too many requests"; `hintMs` is how long it asked to wait (Retry-After, or its message), if it said. */
  throttled(now: number, hintMs: number | null): void;
  /** A request went through without being throttled. */
  succeeded(now: number): void;
  /** Requests per minute the pace allows right now (diagnostics and tests). */
  perMinute(): number;
}

export type Admission =
  | { go: true; /** Called once the request's answer (or failure) is in. */ settled(now: number): void }
  | { go: false; retryAt: number };

export const NOTHING_TO_SETTLE = (): void => {};
