import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { CanceledError, SupplierError } from '../../src-main/http/errors';
import type { LoginSessionHandle } from '../../src-main/suppliers/adapter';
import type { BudgetStats } from '../../src-main/http/budget';
import { NO_SESSION_HERE, RemoteLoginSessions, serveLoginSessions } from '../../src-main/sync/worker/login-sessions';

// Both ends of the login-session channel over a real MessageChannel: whatever the starter's session answers reaches
// the worker's caller as the same kind of error, with what the run words and the login rules read.

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function channel(replace: LoginSessionHandle['replace'] | null, spent: () => BudgetStats | null = () => null) {
  const { port1, port2 } = new MessageChannel();
  const session: LoginSessionHandle | undefined = replace ? { replace, takeTokensFrom: () => undefined } : undefined;
  const stop = serveLoginSessions(port1, (supplierId) =>
    supplierId === 'lf' && session ? { session, spent } : undefined,
  );
  const remote = new RemoteLoginSessions(port2);
  cleanups.push(() => {
    stop();
    port1.close();
    remote.close();
  });
  return { source: remote.sourceFor('lf'), port1, remote };
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

  it("tells the worker what the starter's logins for it have sent, refused ones included", async () => {
    const totals: BudgetStats = { requests: 0, waitMs: 0, throttled: 0, bytes: 0 };
    let refuse = false;
    const { source, remote } = channel(
      async () => {
        totals.requests++;
        totals.waitMs += 500;
        totals.bytes += 100;
        if (refuse) throw new SupplierError('@supplier.loginRefused', '1001', 200, false, null);
        return `token-${totals.requests}`;
      },
      () => ({ ...totals }),
    );
    const spent = remote.spentFor('lf');
    expect(spent()).toEqual({ requests: 0, waitMs: 0, throttled: 0, bytes: 0 });
    await source(null);
    expect(spent()).toEqual({ requests: 1, waitMs: 500, throttled: 0, bytes: 100 });
    refuse = true;
    await expect(source('token-1')).rejects.toBeInstanceOf(SupplierError);
    expect(spent()).toEqual({ requests: 2, waitMs: 1000, throttled: 0, bytes: 200 });
    expect(remote.spentFor('other')()).toEqual({ requests: 0, waitMs: 0, throttled: 0, bytes: 0 });
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
