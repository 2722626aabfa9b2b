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
}

/**
 * A pace whose every step (an admission, its answer, a throttle) runs on the state the ledger holds for the account,
 * so that requests of the app and of the background service together stay within what the supplier allows: one
 * window, one block, one slowed pace for all of them. Without a ledger (none opened, or one that fails) the pace goes
 * on from its own state, as a process alone would: pacing never fails a request. What a failed step learnt (an answer,
 * a throttle) is told to the ledger at the next step that reaches it, so the other processes learn it too.
 */
export class SharedPace implements Pace {
  /** Steps that learnt something the ledger has not stored yet, replayed after the next restore. */
  private unstored: Array<() => void> = [];

  constructor(
    private readonly local: SharablePace,
    /** The process's ledger at each step: it may be opened late, closed or replaced while budgets live on. */
    private readonly ledger: () => PaceLedger | null,
    private readonly account: string,
  ) {}

  admit(now: number): Admission {
    const admission = this.shared(now, () => this.local.admit(now), false);
    if (!admission.go || admission.settled === NOTHING_TO_SETTLE) return admission;
    return { go: true, settled: (at) => this.shared(at, () => admission.settled(at), true) };
  }

  throttled(now: number, hintMs: number | null): void {
    this.shared(now, () => this.local.throttled(now, hintMs), true);
  }

  succeeded(now: number): void {
    // Not told late: a success replayed after another process's slow-down would undo it.
    if (this.local.learnsFromSuccess) this.shared(now, () => this.local.succeeded(now), false);
    else this.local.succeeded(now);
  }

  perMinute(): number {
    return this.local.perMinute();
  }

  /**
   * Runs `step` on the ledger's state and stores the result; on the pace's own state when there is no ledger or it
   * fails. `learns`: a step the other processes must hear of even when it could not be stored now, an answer that
   * dates a window or a throttle (not an admission: counted again later, it could be refused).
   */
  private shared<T>(now: number, step: () => T, learns: boolean): T {
    const ledger = this.ledger();
    let ran = false;
    let result: T;
    if (ledger) {
      const replays = this.unstored;
      try {
        const stored = ledger.update(this.account, (state) => {
          if (state) this.local.restore(state, now);
          for (const replay of replays) replay();
          result = step();
          ran = true;
          return { state: this.local.state(), result };
        });
        this.unstored = [];
        return stored;
      } catch {
        // The step ran once, stored or not: its result stands.
        if (ran) {
          this.keepUnstored(step, learns);
          return result!;
        }
      }
    }
    result = step();
    if (ledger) this.keepUnstored(step, learns);
    return result;
  }

  private keepUnstored(step: () => void, learns: boolean): void {
    if (!learns) return;
    this.unstored.push(step);
    // A ledger failing for good must not grow this without end: the latest answers say the most of the account now.
    if (this.unstored.length > MOST_UNSTORED) this.unstored.shift();
  }
}

const MOST_UNSTORED = 64;
