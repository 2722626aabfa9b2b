import { describe, expect, it } from 'vitest';
import { CanceledError, SupplierError } from '../../../src-main/http/errors';
import { accountSession, type LogIn } from '../../../src-main/suppliers/linksfield/session';

const account = (password: string) => ({
  baseUrl: 'https://fms.session-test.example/',
  partnerCode: 'P1',
  email: 'Shop@Example.com',
  password,
});

/** A login that answers when the test says so, counting how often it was asked. */
function heldLogin() {
  let calls = 0;
  const pending: Array<{ resolve: (token: string) => void; reject: (error: unknown) => void }> = [];
  const logIn: LogIn = () => {
    calls++;
    return new Promise<string>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { logIn, calls: () => calls, pending };
}

describe("a Linksfield account's login session", () => {
  it('is one per account: clients of the same credentials share one login, a new password gets its own', async () => {
    const first = heldLogin();
    const second = heldLogin();
    const password = `pw-${Math.random()}`;
    const a = accountSession(account(password)).current(first.logIn);
    // The same account written another way (trailing slash, the email's case) is the same account.
    const b = accountSession({
      ...account(password),
      baseUrl: 'https://fms.session-test.example',
      email: 'shop@example.com',
    }).current(second.logIn);
    first.pending[0].resolve('token-1');
    expect(await a).toBe('token-1');
    expect(await b).toBe('token-1');
    expect(first.calls() + second.calls()).toBe(1);

    const changed = heldLogin();
    const c = accountSession(account(`${password}-new`)).current(changed.logIn);
    expect(changed.calls()).toBe(1);
    changed.pending[0].resolve('token-2');
    expect(await c).toBe('token-2');
  });

  it('logs in anew when the login it joined was given up by the caller that started it, however that login ended', async () => {
    for (const ending of [new CanceledError(), new Error('timed out')]) {
      const session = accountSession(account(`pw-${Math.random()}`));
      const starter = new AbortController();
      const canceling = heldLogin();
      const waiting = heldLogin();
      const canceled = session.current(canceling.logIn, starter.signal);
      const joined = session.current(waiting.logIn);
      starter.abort();
      // The starter's own wait ends at once; its login ends as it ends (a retry loop may end with the last failure).
      await expect(canceled).rejects.toBeInstanceOf(CanceledError);
      canceling.pending[0].reject(ending);
      await new Promise((resolve) => setImmediate(resolve));
      expect(waiting.calls()).toBe(1);
      waiting.pending[0].resolve('token-after');
      expect(await joined).toBe('token-after');
    }
  });

  it("stops waiting for another caller's login as soon as its own caller cancels", async () => {
    const session = accountSession(account(`pw-${Math.random()}`));
    const slow = heldLogin();
    const mine = new AbortController();
    session.current(slow.logIn).catch(() => undefined);
    const waiting = session.current(heldLogin().logIn, mine.signal);
    mine.abort();
    await expect(waiting).rejects.toBeInstanceOf(CanceledError);
    slow.pending[0].resolve('token-late');
  });

  it('does not send refused credentials again, even when the caller that started the login gave up', async () => {
    const session = accountSession(account(`pw-${Math.random()}`));
    const starter = new AbortController();
    const refusing = heldLogin();
    const other = heldLogin();
    session.current(refusing.logIn, starter.signal).catch(() => undefined);
    const joined = session.current(other.logIn);
    starter.abort();
    refusing.pending[0].reject(new SupplierError('login refused', '1'));
    await expect(joined).rejects.toThrow('login refused');
    expect(other.calls()).toBe(0);
  });

  it("takes its tokens from another thread's session once told to, and never logs in itself", async () => {
    const session = accountSession(account(`pw-${Math.random()}`));
    const asked: Array<string | null> = [];
    const answers: Array<{ resolve: (token: string) => void; reject: (error: unknown) => void }> = [];
    session.takeTokensFrom(
      (stale) => (asked.push(stale), new Promise<string>((resolve, reject) => answers.push({ resolve, reject }))),
    );
    const own = heldLogin();
    // Requests in flight side by side share one question, as they share one login.
    const a = session.current(own.logIn);
    const b = session.current(own.logIn);
    answers[0].resolve('from-starter');
    expect([await a, await b]).toEqual(['from-starter', 'from-starter']);
    // Its token expired: it asks for one other than that one.
    const renewed = session.replace('from-starter', own.logIn);
    answers[1].resolve('renewed');
    expect(await renewed).toBe('renewed');
    expect(asked).toEqual([null, 'from-starter']);
    // A refusal there is the answer here, and is not asked again.
    const refused = session.replace('renewed', own.logIn);
    answers[2].reject(new SupplierError('login refused', '1'));
    await expect(refused).rejects.toThrow('login refused');
    expect(asked).toHaveLength(3);
    expect(own.calls()).toBe(0);
  });

  it('a caller arriving while a login is under way waits for its token, not the one it replaces', async () => {
    const session = accountSession(account(`pw-${Math.random()}`));
    const login = heldLogin();
    const first = session.current(login.logIn);
    login.pending[0].resolve('old');
    expect(await first).toBe('old');
    const renewing = session.replace('old', login.logIn);
    const arriving = [session.current(login.logIn), session.replace(null, login.logIn)];
    login.pending[1].resolve('new');
    expect(await renewing).toBe('new');
    expect(await Promise.all(arriving)).toEqual(['new', 'new']);
    expect(login.calls()).toBe(2);
  });

  it("shares a refusal: a wrong password's answer is every joined caller's answer", async () => {
    const session = accountSession(account(`pw-${Math.random()}`));
    const refused = heldLogin();
    const other = heldLogin();
    const a = session.current(refused.logIn);
    const b = session.current(other.logIn);
    refused.pending[0].reject(new Error('login refused'));
    await expect(a).rejects.toThrow('login refused');
    await expect(b).rejects.toThrow('login refused');
    expect(other.calls()).toBe(0);
  });
});
