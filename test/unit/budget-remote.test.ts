import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { PacedBudget, type BudgetClock } from '../../src-main/http/budget';
import { fixedWindowPolicy } from '../../src-main/http/budget-policy';
import { RemoteBudgets, serveRemoteBudgets } from '../../src-main/http/budget-remote';
import { CanceledError, SupplierError } from '../../src-main/http/errors';
import { FixedWindowPace } from '../../src-main/http/fixed-window-pace';
import { MeteredBudget } from '../../src-main/http/budget-meter';
import { fakeClock } from '../helpers/fake-clock';

// The two ends of a sync worker's budget channel, over a real MessageChannel in one thread: what the worker's
// RemoteBudget asks, the owner's PacedBudget decides.

const RULE = { windowMs: 60_000, maxRequests: 3, blockMs: 30_000, marginMs: 1000 };
const IDENTITY = { kind: 'dujiao-next', baseUrl: 'https://shop.example', account: 'key' };

const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

function connect(owned: PacedBudget) {
  const channel = new MessageChannel();
  const stop = serveRemoteBudgets(channel.port1, () => owned);
  const remote = new RemoteBudgets(channel.port2);
  closers.push(() => {
    stop();
    channel.port1.close();
    remote.close();
  });
  return Object.assign(remote.for(IDENTITY, fixedWindowPolicy(RULE.maxRequests), {}), {
    /** A round trip: the owner has handled everything sent before it (an attempt's end is one-way). */
    settled: () => remote.refresh(),
  });
}

describe('a budget served to another thread', () => {
  it('counts, paces and reports the remote side requests in the owner budget, bytes included', async () => {
    const clock = fakeClock();
    const owned = new PacedBudget(new FixedWindowPace(RULE), { clock });
    const remote = connect(owned);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await remote.run(async () => `page ${i}`));
    remote.received(1234);
    expect(answers).toEqual(['page 0', 'page 1', 'page 2', 'page 3']);
    // The fourth waited for the owner's next window.
    expect(clock.sleeps).toEqual([61_000]);
    await remote.run(async () => 'sync point');
    await remote.settled();
    expect(owned.stats()).toMatchObject({ requests: 5, throttled: 0, bytes: 1234 });
    expect(remote.stats()).toEqual(owned.stats());
  });

  it('tells a worker listener that arrives during a wait the owner already announced of it at once', async () => {
    let wake = () => {};
    let now = 0;
    const clock: BudgetClock = {
      now: () => now,
      sleep: (ms) =>
        new Promise<void>((resolve) => {
          wake = () => {
            now += ms;
            resolve();
          };
        }),
    };
    const owned = new PacedBudget(new FixedWindowPace({ ...RULE, maxRequests: 1 }), { clock });
    await owned.run(async () => 'order');
    // An order on the owner's side waits for the next window; then a sync starts in a worker and subscribes.
    const order = owned.run(async () => 'order again');
    const remote = connect(owned);
    await remote.settled();
    const heard: Array<number | null> = [];
    remote.onWait((at) => heard.push(at));
    expect(heard).toEqual([61_000]);
    wake();
    await order;
    await remote.settled();
    expect(heard).toEqual([61_000, null]);
  });

  it("tells a worker's meter how long the owner held each of its requests, by the owner's clock", async () => {
    const clock = fakeClock();
    const owned = new PacedBudget(new FixedWindowPace(RULE), { clock });
    const remote = connect(owned);
    const meter = new MeteredBudget(remote, () => clock.now());
    for (let i = 0; i < 4; i++) await meter.run(async () => `page ${i}`);
    // The fourth was held for the owner's next window; the hold reached the worker only after the owner's clock moved.
    expect(clock.sleeps).toEqual([61_000]);
    expect(meter.stats()).toEqual({ requests: 4, waitMs: 61_000, throttled: 0, bytes: 0 });
    await remote.settled();
    expect(owned.stats().waitMs).toBe(61_000);
  });

  it('sends a throttled attempt again after the owner waits, and refuses to for one that may spend money', async () => {
    const clock = fakeClock();
    const owned = new PacedBudget(new FixedWindowPace(RULE), { clock });
    const remote = connect(owned);
    let attempts = 0;
    const page = await remote.run(async () => {
      if (++attempts === 1) throw new SupplierError('too many requests', 'rate_limited', 429, true, 5000);
      return 'page';
    });
    expect(page).toBe('page');
    expect(attempts).toBe(2);
    expect(owned.stats()).toMatchObject({ requests: 2, throttled: 1 });

    const charged = new SupplierError('too many requests', 'rate_limited', 429, true);
    await expect(remote.run(async () => Promise.reject(charged), undefined, { resendThrottled: false })).rejects.toBe(
      charged,
    );
    expect(owned.stats()).toMatchObject({ requests: 3, throttled: 2 });
  });

  it('hands the attempt own error back as it was, and the owner refusal (a ban) as a supplier error', async () => {
    const owned = new PacedBudget(new FixedWindowPace(RULE), { clock: fakeClock() });
    const remote = connect(owned);
    const own = new TypeError('bad JSON');
    await expect(remote.run(async () => Promise.reject(own))).rejects.toBe(own);
    remote.stop(new SupplierError('banned for a while', 'banned', 418), 60_000);
    let sent = false;
    const refused = await remote.run(async () => (sent = true)).catch((error: unknown) => error);
    expect(sent).toBe(false);
    expect(refused).toBeInstanceOf(SupplierError);
    expect(refused).toMatchObject({ code: 'banned', message: 'banned for a while', httpStatus: 418 });
  });

  it('frees the slots of attempts a worker left in flight when it stops being served (it died)', async () => {
    // Two requests at once at most, as SEAGM allows: both taken by a worker that then dies mid-attempt.
    const owned = new PacedBudget(new FixedWindowPace({ ...RULE, maxRequests: 100 }), {
      clock: fakeClock(),
      maxParallel: 2,
    });
    const channel = new MessageChannel();
    const stop = serveRemoteBudgets(channel.port1, () => owned);
    const remote = new RemoteBudgets(channel.port2).for(IDENTITY, fixedWindowPolicy(100), {});
    let inFlight = 0;
    const never = () =>
      new Promise<never>(() => {
        inFlight++;
      });
    void remote.run(never).catch(() => undefined);
    void remote.run(never).catch(() => undefined);
    while (inFlight < 2) await new Promise((resolve) => setImmediate(resolve));
    stop();
    channel.port1.close();
    channel.port2.close();
    // The owner's next request (an order's) goes out at once instead of waiting for a slot forever.
    expect(await owned.run(async () => 'order', AbortSignal.timeout(2_000))).toBe('order');
  });

  it('cancels a request waiting in the owner budget when the remote side aborts', async () => {
    // A clock whose waits last until aborted: the owner holds the fourth request until the remote side gives up.
    const clock: BudgetClock = {
      now: () => 0,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) =>
          signal?.addEventListener('abort', () => reject(new CanceledError()), { once: true }),
        ),
    };
    const owned = new PacedBudget(new FixedWindowPace(RULE), { clock });
    const remote = connect(owned);
    for (let i = 0; i < 3; i++) await remote.run(async () => i);
    const stop = new AbortController();
    const waiting = remote.run(async () => 'never sent', stop.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
    await expect(waiting).rejects.toBeInstanceOf(CanceledError);
    expect(owned.stats().requests).toBe(3);
  });
});
