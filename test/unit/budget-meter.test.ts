import { describe, expect, it } from 'vitest';
import { PacedBudget, type BudgetClock } from '../../src-main/http/budget';
import { MeteredBudget } from '../../src-main/http/budget-meter';
import { SupplierError } from '../../src-main/http/errors';
import { FixedWindowPace } from '../../src-main/http/fixed-window-pace';
import { fakeClock } from '../helpers/fake-clock';

// Two adapters of one account: each a MeteredBudget over the account's PacedBudget. The pace is the account's; the
// counts are each adapter's own.

/** A clock whose sleeps end only when the test moves it on, so that waits overlap as they do in real time. */
function manualClock(): BudgetClock & { advance(ms: number): Promise<void> } {
  let now = 1_000_000;
  const sleepers: Array<{ until: number; wake: () => void }> = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ until: now + ms, wake })),
    async advance(ms) {
      await settle();
      now += ms;
      for (const sleeper of sleepers.splice(0)) {
        if (sleeper.until <= now) sleeper.wake();
        else sleepers.push(sleeper);
      }
      await settle();
    },
  };
}

const RULE = { windowMs: 60_000, maxRequests: 3, blockMs: 30_000, marginMs: 1000 };
const throttle = () => new SupplierError('too many requests', 'rate_limited', 429, true, 5000);

function account() {
  const clock = fakeClock();
  const shared = new PacedBudget(new FixedWindowPace(RULE), { clock });
  const meter = () => new MeteredBudget(shared, () => clock.now());
  return { clock, shared, sync: meter(), order: meter() };
}

describe("an adapter's window on its account's budget", () => {
  it("is paced with the account's other adapters, and counts only its own requests, waits and bytes", async () => {
    const { clock, shared, sync, order } = account();
    for (let i = 0; i < 2; i++) await sync.run(async () => 'page');
    await order.run(async () => 'order');
    // The window is full (3 of 3): the sync's next page waits for the account's next window, the order's did not.
    await sync.run(async () => 'page');
    sync.received(100);
    order.received(7);
    expect(clock.sleeps).toEqual([61_000]);
    expect(shared.stats()).toEqual({ requests: 4, waitMs: 61_000, throttled: 0, bytes: 107 });
    expect(sync.stats()).toEqual({ requests: 3, waitMs: 61_000, throttled: 0, bytes: 100 });
    expect(order.stats()).toEqual({ requests: 1, waitMs: 0, throttled: 0, bytes: 7 });
  });

  it("adds what another thread sent on its behalf, and joins that thread's holds to its own as one wait", async () => {
    const clock = manualClock();
    const shared = new PacedBudget(new FixedWindowPace({ ...RULE, maxRequests: 1 }), { clock });
    const sync = new MeteredBudget(shared, () => clock.now());
    let elsewhere = { requests: 0, throttled: 0, bytes: 0 };
    const heldElsewhere = sync.countElsewhere(() => elsewhere);
    await sync.run(async () => 'first');
    sync.received(50);
    elsewhere = { requests: 2, throttled: 1, bytes: 30 };
    expect(sync.stats()).toEqual({ requests: 3, waitMs: 0, throttled: 1, bytes: 80 });
    // A login there is held from now; this adapter's next request is held too, for the same window: one wait.
    heldElsewhere(true, clock.now());
    const next = sync.run(async () => 'next');
    await clock.advance(30_000);
    expect(sync.stats().waitMs).toBe(30_000);
    heldElsewhere(false, clock.now() - 10_000);
    await clock.advance(31_000);
    await next;
    expect(sync.stats().waitMs).toBe(61_000);
    // Told twice, or an end never begun: counted once, and nothing.
    heldElsewhere(false, clock.now());
    expect(sync.stats().waitMs).toBe(61_000);
    heldElsewhere(true, clock.now());
    heldElsewhere(true, clock.now());
    await clock.advance(5_000);
    heldElsewhere(false, clock.now());
    expect(sync.stats().waitMs).toBe(66_000);
    expect(sync.stats().requests).toBe(4);
  });

  it('counts the union of holds told out of order from two threads: no instant lost, none twice', () => {
    const { sync } = account();
    const a = sync.countElsewhere(() => ({ requests: 0, throttled: 0, bytes: 0 }));
    const b = sync.countElsewhere(() => ({ requests: 0, throttled: 0, bytes: 0 }));
    // b's hold began before a's had ended, but is told after.
    a(true, 0);
    a(false, 500);
    b(true, 300);
    b(false, 600);
    expect(sync.stats().waitMs).toBe(600);
    // b's end is told before a's, though a's came later.
    a(true, 1_000);
    b(true, 1_100);
    a(false, 1_500);
    b(false, 1_300);
    expect(sync.stats().waitMs).toBe(1_100);
    // A start told late, with an instant before the one under way: the hold is counted from the earlier.
    a(true, 2_200);
    b(true, 2_000);
    a(false, 2_400);
    b(false, 2_300);
    expect(sync.stats().waitMs).toBe(1_500);
  });

  it('tells when its requests begin and end being held, once for requests held together', async () => {
    const clock = manualClock();
    const shared = new PacedBudget(new FixedWindowPace({ ...RULE, maxRequests: 1 }), { clock });
    const sync = new MeteredBudget(shared, () => clock.now());
    const told: Array<[boolean, number]> = [];
    const stop = sync.onHolding((holding, at) => told.push([holding, at]));
    await sync.run(async () => 'first');
    const start = clock.now();
    const both = Promise.all([sync.run(async () => 'a'), sync.run(async () => 'b')]);
    await clock.advance(61_000);
    await clock.advance(61_000);
    await both;
    expect(told).toEqual([
      [true, start],
      [false, start + 122_000],
    ]);
    stop();
    const third = sync.run(async () => 'c');
    await clock.advance(61_000);
    await third;
    expect(told).toHaveLength(2);
  });

  it('counts a throttled attempt and the wait before it goes again; one that may spend money is not sent again', async () => {
    const { clock, sync, order } = account();
    let attempts = 0;
    const page = await sync.run(async () => {
      if (++attempts === 1) throw throttle();
      return 'page';
    });
    expect(page).toBe('page');
    expect(sync.stats()).toEqual({
      requests: 2,
      waitMs: clock.sleeps.reduce((a, b) => a + b, 0),
      throttled: 1,
      bytes: 0,
    });
    expect(sync.stats().waitMs).toBeGreaterThan(0);

    const before = clock.now();
    await expect(
      order.run(async () => Promise.reject(throttle()), undefined, { resendThrottled: false }),
    ).rejects.toThrow('too many requests');
    expect(order.stats()).toMatchObject({ requests: 1, throttled: 1 });
    // Its one wait (if any) was before it went out, never after the refusal it does not retry.
    expect(order.stats().waitMs).toBe(clock.now() - before);
  });

  it('counts time its requests were held at once as one wait, as the account does', async () => {
    const clock = manualClock();
    const shared = new PacedBudget(new FixedWindowPace({ ...RULE, maxRequests: 1 }), { clock });
    const sync = new MeteredBudget(shared, () => clock.now());
    await sync.run(async () => 'first');
    // The window is spent: both are held for the next one, and then the second for the one after.
    const both = Promise.all([sync.run(async () => 'a'), sync.run(async () => 'b')]);
    await clock.advance(61_000);
    await clock.advance(61_000);
    expect(await both).toEqual(['a', 'b']);
    // Held together from the start: 122 s of waiting, not 61 + 122.
    expect(sync.stats().waitMs).toBe(122_000);
    expect(shared.stats().waitMs).toBe(122_000);
    expect(sync.stats().requests).toBe(3);
  });

  it('does not count the wait for a free slot among the requests in flight as a wait for the request limit', async () => {
    const clock = fakeClock();
    const shared = new PacedBudget(new FixedWindowPace({ ...RULE, maxRequests: 100 }), { clock, maxParallel: 1 });
    const sync = new MeteredBudget(shared, () => clock.now());
    let release = () => {};
    let started = () => {};
    const sending = new Promise<void>((resolve) => (started = resolve));
    const first = sync.run(
      () =>
        new Promise<string>((resolve) => {
          release = () => resolve('first');
          started();
        }),
    );
    const second = sync.run(async () => 'second');
    await sending;
    await clock.sleep(5_000); // the first answer takes 5 s; the second waits for its slot meanwhile
    release();
    expect(await Promise.all([first, second])).toEqual(['first', 'second']);
    expect(sync.stats()).toEqual({ requests: 2, waitMs: 0, throttled: 0, bytes: 0 });
    expect(shared.stats().waitMs).toBe(0);
  });

  it('counts a throttle answered after the request was canceled, as the account does, whose pace learns of it', async () => {
    const { shared, sync } = account();
    const controller = new AbortController();
    await expect(
      sync.run(async () => {
        controller.abort();
        throw throttle();
      }, controller.signal),
    ).rejects.toThrow();
    expect(sync.stats()).toMatchObject({ requests: 1, throttled: 1 });
    expect(shared.stats()).toMatchObject({ requests: 1, throttled: 1 });
  });
});
