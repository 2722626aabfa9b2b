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
 * window, one block, one slowed pace for all of them. A ledger that fails leaves the pace to go on from its own state,
 * as a process alone would: pacing never fails a request.
 */
export class SharedPace implements Pace {
  constructor(
    private readonly local: SharablePace,
    private readonly ledger: PaceLedger,
    private readonly account: string,
  ) {}

  admit(now: number): Admission {
    const admission = this.shared(() => this.local.admit(now));
    if (!admission.go || admission.settled === NOTHING_TO_SETTLE) return admission;
    return { go: true, settled: (at) => this.shared(() => admission.settled(at)) };
  }

  throttled(now: number, hintMs: number | null): void {
    this.shared(() => this.local.throttled(now, hintMs));
  }

  succeeded(now: number): void {
    this.shared(() => this.local.succeeded(now));
  }

  perMinute(): number {
    return this.local.perMinute();
  }

  private shared<T>(step: () => T): T {
    let ran = false;
    let result: T;
    try {
      return this.ledger.update(this.account, (stored) => {
        if (stored) this.local.restore(stored);
        result = step();
        ran = true;
        return { state: this.local.state(), result };
      });
    } catch {
      // Counted once, even when storing its result is what failed.
      return ran ? result! : step();
    }
  }
}
