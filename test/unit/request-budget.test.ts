import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdaptivePace } from '../../src-main/http/adaptive-pace';
import { PacedBudget } from '../../src-main/http/budget';
import { CanceledError, SupplierError } from '../../src-main/http/errors';
import { FixedWindowPace } from '../../src-main/http/fixed-window-pace';
import { fakeClock } from '../helpers/fake-clock';

const RULE = { windowMs: 60_000, maxRequests: 60, blockMs: 30_000, marginMs: 1000 };
const throttle = () => new SupplierError('rate limited', 'rate_limited', 429, true);

describe('fixed-window pace (Dujiao-Next)', () => {
  it('lets max requests go in a window, then waits until a margin after the window that started at the first answer', async () => {
    const clock = fakeClock();
    const budget = new PacedBudget(new FixedWindowPace(RULE), { clock });
    const sentAt: number[] = [];
    for (let i = 0; i < 121; i++) await budget.run(async () => sentAt.push(clock.now()));
    expect(sentAt.slice(0, 60).every((t) => t === sentAt[0])).toBe(true);
    // The first answer came back at once (fake clock): the next window opens window + margin later.
    expect(sentAt[60] - sentAt[0]).toBe(61_000);
    expect(sentAt[120] - sentAt[60]).toBe(61_000);
    expect(budget.stats()).toMatchObject({ requests: 121, throttled: 0, waitMs: 122_000 });
  });

  it("dates the window's end by the first answer of any of its requests, not only its first request's", () => {
    const pace = new FixedWindowPace({ ...RULE, maxRequests: 5 });
    // The window's first request is slow (120 s); the others come back at once.
    expect(pace.admit(0).go).toBe(true);
    for (let i = 0; i < 4; i++) {
      const admission = pace.admit(100);
      expect(admission.go).toBe(true);
      if (admission.go) admission.settled(500);
    }
    expect(pace.admit(1000)).toEqual({ go: false, retryAt: 500 + RULE.windowMs + RULE.marginMs });
    expect(pace.admit(500 + RULE.windowMs + RULE.marginMs).go).toBe(true);
  });

  it('holds a request sent too close to the window end for the next window', () => {
    const pace = new FixedWindowPace(RULE);
    const first = pace.admit(0);
    expect(first.go).toBe(true);
    if (first.go) first.settled(0);
    expect(pace.admit(58_000).go).toBe(true);
    expect(pace.admit(59_500)).toEqual({ go: false, retryAt: 61_000 });
  });

  it('waits out a throttle for the block (or the seconds the server names, plus one), then starts a fresh window', async () => {
    const clock = fakeClock(0);
    const budget = new PacedBudget(new FixedWindowPace(RULE), { clock });
    let calls = 0;
    const result = await budget.run(async () => {
      calls++;
      if (calls === 1) throw throttle();
      if (calls === 2) throw new SupplierError('rate limited', 'rate_limited', 200, true, 5000);
      return 'page';
    });
    expect(result).toBe('page');
    expect(clock.sleeps).toEqual([31_000, 7_000]);
    expect(budget.stats()).toMatchObject({ requests: 3, throttled: 2 });
  });

  it('tells a listener that arrives during a wait of it at once, since its own requests queue behind it', async () => {
    let wake = () => {};
    let now = 0;
    const clock = {
      now: () => now,
      sleep: (ms: number) =>
        new Promise<void>((resolve) => {
          wake = () => {
            now += ms;
            resolve();
          };
        }),
    };
    const budget = new PacedBudget(new FixedWindowPace({ ...RULE, maxRequests: 1 }), { clock });
    await budget.run(async () => 1);
    const waiting = budget.run(async () => 2);
    await new Promise((resolve) => setImmediate(resolve));
    const heard: Array<number | null> = [];
    budget.onWait((at) => heard.push(at));
    expect(heard).toEqual([61_000]);
    wake();
    await waiting;
    expect(heard).toEqual([61_000, null]);
    // Once the wait is over, a new listener hears nothing until the next one.
    const later: Array<number | null> = [];
    budget.onWait((at) => later.push(at));
    expect(later).toEqual([]);
  });

  it('announces a wait with when it resumes, then null', async () => {
    const clock = fakeClock(0);
    const budget = new PacedBudget(new FixedWindowPace({ ...RULE, maxRequests: 1 }), { clock });
    const heard: Array<number | null> = [];
    budget.onWait((at) => heard.push(at));
    await budget.run(async () => 1);
    await budget.run(async () => 2);
    expect(heard).toEqual([61_000, null]);
  });

  it('ends a wait when the signal fires, with CanceledError, and never fails for the limit itself', async () => {
    const clock = fakeClock(0);
    const budget = new PacedBudget(new FixedWindowPace({ ...RULE, maxRequests: 1 }), { clock });
    await budget.run(async () => 1);
    const stop = new AbortController();
    budget.onWait(() => stop.abort());
    await expect(budget.run(async () => 2, stop.signal)).rejects.toBeInstanceOf(CanceledError);
  });
});

describe('adaptive pace', () => {
  it('halves on a throttle (once per hold), honours Retry-After, and recovers step by step to the configured pace', () => {
    const pace = new AdaptivePace({ requestsPerMinute: 600, defaultHoldMs: 30_000 });
    expect(pace.admit(0).go).toBe(true);
    pace.throttled(0, 2000);
    pace.throttled(10, null);
    expect(pace.perMinute()).toBe(300);
    expect(pace.admit(1000)).toEqual({ go: false, retryAt: 30_010 });
    for (let i = 0; i < 16; i++) pace.succeeded();
    expect(pace.perMinute()).toBe(600);
    pace.succeeded();
    expect(pace.perMinute()).toBe(600);
  });

  it('spaces requests at the slowed pace once its burst is spent', () => {
    const pace = new AdaptivePace({ requestsPerMinute: 120, defaultHoldMs: 1000 });
    pace.throttled(0, 0);
    // 60 per minute after halving, nothing left in the bucket: one request a second.
    expect(pace.admit(0)).toEqual({ go: false, retryAt: 1000 });
    expect(pace.admit(1000).go).toBe(true);
  });

  it('a request counted late (sent while the shared ledger failed) takes a token, never time already credited', () => {
    const pace = new AdaptivePace({ requestsPerMinute: 60, defaultHoldMs: 1000 });
    expect(pace.admit(0).go).toBe(true);
    pace.throttled(40_000, 5000);
    pace.charge(1000);
    let admitted = 0;
    for (let now = 45_000; now <= 46_000; now += 10) if (pace.admit(now).go) admitted++;
    // Half the pace after the throttle (30 a minute), less the token the late request took: two in that second at most.
    expect(admitted).toBeGreaterThan(0);
    expect(admitted).toBeLessThanOrEqual(2);
  });

  it('never lets more than the pace through in any minute, from the very first request', () => {
    fc.assert(
      fc.property(
        // Paces a few hundred requests can exceed, and callers that mostly ask again at once.
        fc.integer({ min: 1, max: 240 }),
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })), {
          minLength: 1,
          maxLength: 300,
          size: 'max',
        }),
        (perMinute, gaps) => {
          const pace = new AdaptivePace({ requestsPerMinute: perMinute, defaultHoldMs: 1000 });
          // A caller that asks again as soon as it is told to (or after its own gap, when let through).
          const sent: number[] = [];
          let now = 0;
          for (const gap of gaps) {
            for (;;) {
              const admission = pace.admit(now);
              if (admission.go) break;
              now = admission.retryAt;
            }
            sent.push(now);
            now += gap;
          }
          for (let first = 0, last = 0; last < sent.length; last++) {
            while (sent[last] - sent[first] >= 60_000) first++;
            expect(last - first + 1).toBeLessThanOrEqual(perMinute);
          }
        },
      ),
    );
  });
});
