import { describe, expect, it } from 'vitest';
import { CanceledError } from '../../../src-main/http/errors';
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

  it("logs in anew when the login it joined was another caller's and that caller canceled it", async () => {
    const session = accountSession(account(`pw-${Math.random()}`));
    const canceling = heldLogin();
    const waiting = heldLogin();
    const canceled = session.current(canceling.logIn);
    const joined = session.current(waiting.logIn);
    canceling.pending[0].reject(new CanceledError());
    await expect(canceled).rejects.toBeInstanceOf(CanceledError);
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(waiting.calls()).toBe(1);
    waiting.pending[0].resolve('token-after');
    expect(await joined).toBe('token-after');
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
