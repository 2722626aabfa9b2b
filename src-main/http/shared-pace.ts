import { NOTHING_TO_SETTLE, type Admission, type Pace, type PaceState, type SharablePace } from './pace';

/**
 * Where the processes pacing one supplier account (the app, the background service, a CLI run) keep its pace's state:
 * each step of any of them runs on the latest state, one at a time (db/pace-ledger.ts keeps it in a SQLite file
 * beside the database). Accounts are named by a key that holds no secret (budget-policy.ts).
 */
export interface PaceLedger {
  /**
   * Runs `change` on the account's stored state (undefined: none yet) while no other process can, and stores the
   * state it returns. Throws when the ledger cannot be used (disk full, locked past its timeout).
   */
  update<T>(account: string, change: (stored: PaceState | undefined) => { state: PaceState; result: T }): T;
  /** The account's stored state as it stands, without waiting for a writer. Throws as `update` does. */
  read(account: string): PaceState | undefined;
}

/**
 * A pace whose every step (an admission, its answer, a throttle) runs on the state the ledger holds for the account,
 * so that requests of the app and of the background service together stay within what the supplier allows: one
 * window, one block, one slowed pace for all of them. Without a ledger (none opened, or one that fails) the pace goes
 * on from its own state, as a process alone would: pacing never fails a request. What a step the ledger failed to
 * store did (a request sent, an answer, a throttle) is told to it at the next step that reaches it, so no request goes
 * uncounted and the other processes learn what this one did.
 */
export class SharedPace implements Pace {
  /** What the ledger has not stored yet, told after the next restore. */
  private unstored: Array<() => void> = [];
  /**
   * The state the ledger last held: what a ledger holding none (made anew) or none this version reads stands for, so
   * that what is told late is told once, never on top of this process's own count of the same requests.
   */
  private lastStored: PaceState;

  constructor(
    private readonly local: SharablePace,
    /** The process's ledger at each step: it may be opened late, closed or replaced while budgets live on. */
    private readonly ledger: () => PaceLedger | null,
    private readonly account: string,
    /**
     * The clock the caller's instants come from, read again once the ledger is this process's: a step waiting for
     * another process's then happens later than the caller read. Absent: the caller's instants as they are (tests).
     */
    private readonly clock?: () => number,
  ) {
    this.lastStored = local.state();
  }

  admit(now: number): Admission {
    let chargedAt: number | null = null;
    const admission = this.shared(
      now,
      (at) => this.local.admit(at),
      // A request sent while the ledger failed still counts, in the window it went in, never again refused.
      (sent, at) => {
        if (!sent.go) return null;
        chargedAt = at;
        return () => this.local.charge(at);
      },
    );
    if (!admission.go) return admission;
    const sentAt: number | null = chargedAt;
    if (sentAt === null && admission.settled === NOTHING_TO_SETTLE) return admission;
    return {
      go: true,
      settled: (at) =>
        this.told(at, (when) => {
          admission.settled(when);
          if (sentAt !== null) this.local.answered(sentAt, when);
        }),
    };
  }

  throttled(now: number, hintMs: number | null): void {
    this.told(now, (at) => this.local.throttled(at, hintMs));
  }

  succeeded(now: number): void {
    // Not told late: a success told after another process's slow-down would undo it.
    if (this.local.learnsFromSuccess)
      this.shared(
        now,
        (at) => this.local.succeeded(at),
        () => null,
      );
    else this.local.succeeded(now);
  }

  perMinute(): number {
    return this.local.perMinute();
  }

  /** A step the ledger must hear of even when it could not store it now: told as it was, when it can. */
  private told(now: number, step: (at: number) => void): void {
    this.shared(now, step, (_, at) => () => step(at));
  }

  /**
   * Runs `step` on the ledger's state and stores the result; on the pace's own state when there is no ledger or it
   * fails, and then `later` says what to tell the ledger once it can.
   */
  private shared<T>(now: number, step: (at: number) => T, later: (result: T, at: number) => (() => void) | null): T {
    const ledger = this.ledger();
    let ran: { result: T; at: number } | null = null;
    if (ledger) {
      const replays = this.unstored;
      try {
        const stored = ledger.update(this.account, (state) => {
          const at = this.clock ? Math.max(now, this.clock()) : now;
          this.local.restore(this.lastStored, at);
          if (state) this.local.restore(state, at);
          for (const replay of replays) replay();
          const result = step(at);
          ran = { result, at };
          return { state: this.local.state(), result };
        });
        this.lastStored = this.local.state();
        this.unstored = [];
        return stored;
      } catch {
        // The step ran once, stored or not: its result stands.
        if (ran) return this.unstoredAfter(ran, later);
      }
    }
    // No ledger now (none opened yet, or one let go): told to the next one, as a step it failed to store would be.
    return this.unstoredAfter({ result: step(now), at: now }, later);
  }

  private unstoredAfter<T>(ran: { result: T; at: number }, later: (result: T, at: number) => (() => void) | null): T {
    const replay = later(ran.result, ran.at);
    if (replay) {
      this.unstored.push(replay);
      // A ledger failing for good must not grow this without end: the latest say the most of the account now.
      if (this.unstored.length > MOST_UNSTORED) this.unstored.shift();
    }
    return ran.result;
  }
}

const MOST_UNSTORED = 256;
