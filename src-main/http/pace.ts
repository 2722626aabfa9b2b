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

/** A pace's whole state as plain data (JSON-safe: no Infinity, no undefined). */
export type PaceState = Record<string, number | string | null | number[]>;

/**
 * A pace whose whole state is plain data, so that every process pacing one supplier account (the app, the background
 * service, the CLI) can keep it in one ledger (shared-pace.ts) instead of each counting alone. `restore` ignores a state
 * it cannot read (written by another version): the pace then goes on from its own. A stored state outlives the process
 * that wrote it, so `restore` bounds every instant in it by `now` and the pace's own rule: a clock that jumped, or a
 * wait asked by an upstream, never holds the account longer than one block or hold of this pace could.
 */
export interface SharablePace extends Pace {
  state(): PaceState;
  restore(state: PaceState, now: number): void;
  /** Whether `succeeded` changes the state (an adaptive pace wins its speed back): if not, it need not be shared. */
  readonly learnsFromSuccess: boolean;
  /**
   * Counts a request sent at `at` that the state does not hold (admitted while the ledger could not store it): it went,
   * so it counts, whatever the pace would say of it now.
   */
  charge(at: number): void;
  /** The answer, at `at`, to a request charged at `sentAt`: the end of the window it went in may date from it. */
  answered(sentAt: number, at: number): void;
}

export const isStateNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export const isStateNumberOrNull = (value: unknown): value is number | null => value === null || isStateNumber(value);
