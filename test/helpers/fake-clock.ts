import type { BudgetClock } from '../../src-main/http/budget';
import { CanceledError } from '../../src-main/http/errors';

/** A request budget's clock that jumps to the end of every wait instead of sleeping, recording each. */
export function fakeClock(start = 1_000_000): BudgetClock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new CanceledError();
      sleeps.push(ms);
      now += ms;
    },
  };
}
