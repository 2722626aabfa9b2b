import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { CanceledError, SupplierError } from '../../src-main/http/errors';
import type { LoginSessionHandle } from '../../src-main/suppliers/adapter';
import { PacedBudget } from '../../src-main/http/budget';
import { MeteredBudget } from '../../src-main/http/budget-meter';
import { FixedWindowPace } from '../../src-main/http/fixed-window-pace';
import { fakeClock } from '../helpers/fake-clock';
import { NO_SESSION_HERE, RemoteLoginSessions, serveLoginSessions } from '../../src-main/sync/worker/login-sessions';

// Both ends of the login-session channel over a real MessageChannel: whatever the starter's session answers reaches
// the worker's caller as the same kind of error, with what the run words and the login rules read.

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function channel(replace: LoginSessionHandle['replace'] | null) {
  const { port1, port2 } = new MessageChannel();
  const session: LoginSessionHandle | undefined = replace ? { replace, takeTokensFrom: () => undefined } : undefined;
  const stop = serveLoginSessions(port1, (supplierId) =>
    supplierId === 'lf' && session ? { session, spent: () => null } : undefined,
  );
  const remote = new RemoteLoginSessions(port2);
  cleanups.push(() => {
    stop();
    port1.close();
    remote.close();
  });
  return { source: remote.sourceFor('lf'), port1, remote };
}

const WIDE_OPEN = { windowMs: 60_000, maxRequests: 1_000, blockMs: 30_000, marginMs: 0 };

/** Resolves once `condition` holds, checking after each turn of the event loop (messages cross a port in turns). */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn++) {
    if (turn > 1_000) throw new Error('condition never held');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("a sync worker's login session, answered by the thread that started it", () => {
  it('passes the stale token there and the new one back', async () => {
    const asked: Array<string | null> = [];
    const { source } = channel(async (stale) => (asked.push(stale), 'fresh'));
    expect(await source(null)).toBe('fresh');
    expect(await source('expired')).toBe('fresh');
    expect(asked).toEqual([null, 'expired']);
  });

  it("keeps a supplier's refusal a SupplierError with its fields: the run words it, and it is never sent again", async () => {
    const { source } = channel(async () => {
      throw new SupplierError('@supplier.loginRefused', '1001', 200, false, null);
    });
    const error = await source(null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupplierError);
    expect(error).toMatchObject({ message: '@supplier.loginRefused', code: '1001', httpStatus: 200, retryable: false });
  });

  it('keeps a cancel a cancel, and any other failure its name and message', async () => {
    const canceled = channel(async () => {
      throw new CanceledError();
    });
    await expect(canceled.source(null)).rejects.toBeInstanceOf(CanceledError);
    const broken = channel(async () => {
      throw new TypeError('the real cause');
    });
    await expect(broken.source(null)).rejects.toMatchObject({ name: 'TypeError', message: 'the real cause' });
    const none = channel(null);
    await expect(none.source(null)).rejects.toThrow(NO_SESSION_HERE);
  });

  it("counts the starter's logins for the worker in the worker's budget: totals from replies, holds as they happen", async () => {
    const totals = { requests: 0, throttled: 0, bytes: 0 };
    const holdListeners = new Set<(holding: boolean, at: number) => void>();
    const holdThere = (holding: boolean, at: number) => holdListeners.forEach((listener) => listener(holding, at));
    let refuse = false;
    let heldFrom = 1_000;
    let release = () => {};
    const { port1, port2 } = new MessageChannel();
    const stop = serveLoginSessions(port1, () => ({
      session: {
        takeTokensFrom: () => undefined,
        replace: async () => {
          // Held by the account's budget there until released, then sent.
          holdThere(true, heldFrom);
          await new Promise<void>((resolve) => (release = resolve));
          holdThere(false, heldFrom + 2_000);
          totals.requests++;
          totals.bytes += 100;
          if (refuse) throw new SupplierError('@supplier.loginRefused', '1001', 200, false, null);
          return `token-${totals.requests}`;
        },
      },
      spent: () => ({ ...totals }),
      onHolding: (listener) => (holdListeners.add(listener), () => holdListeners.delete(listener)),
    }));
    const remote = new RemoteLoginSessions(port2);
    cleanups.push(() => (stop(), port1.close(), remote.close()));
    // This thread's clock (the worker's): the hold told as begun at 1 000 has lasted 1 000 ms by its 2 000.
    let now = 2_000;
    const budget = new MeteredBudget(
      new PacedBudget(new FixedWindowPace(WIDE_OPEN), { clock: fakeClock() }),
      () => now,
    );
    remote.countIn('lf', budget);
    const source = remote.sourceFor('lf');

    const first = source(null);
    await until(() => budget.stats().waitMs === 1_000);
    release();
    expect(await first).toBe('token-1');
    expect(budget.stats()).toEqual({ requests: 1, waitMs: 2_000, throttled: 0, bytes: 100 });

    refuse = true;
    heldFrom = 4_000;
    now = 5_000;
    const second = source('token-1');
    await until(() => budget.stats().waitMs === 3_000);
    release();
    await expect(second).rejects.toBeInstanceOf(SupplierError);
    expect(budget.stats()).toEqual({ requests: 2, waitMs: 4_000, throttled: 0, bytes: 200 });

    // A caller that stops waiting: the login goes on there, and its reply's totals still count.
    refuse = false;
    heldFrom = 7_000;
    now = 8_000;
    const stopWaiting = new AbortController();
    const third = source('token-2', stopWaiting.signal);
    await until(() => budget.stats().waitMs === 5_000);
    stopWaiting.abort();
    await expect(third).rejects.toBeInstanceOf(CanceledError);
    release();
    await until(() => budget.stats().requests === 3);
    expect(budget.stats()).toEqual({ requests: 3, waitMs: 6_000, throttled: 0, bytes: 300 });
    stop();
    expect(holdListeners.size).toBe(0);
  });

  it('stops waiting when its caller cancels, or when the starter closes its end', async () => {
    const { source, port1 } = channel(() => new Promise<string>(() => undefined));
    const controller = new AbortController();
    const waiting = source(null, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(CanceledError);
    const orphaned = source(null);
    port1.close();
    await expect(orphaned).rejects.toBeInstanceOf(CanceledError);
    // Asked after the close, it does not wait for an answer that cannot come.
    await expect(source(null)).rejects.toBeInstanceOf(CanceledError);
  });
});
