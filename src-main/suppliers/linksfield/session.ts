import { createHash } from 'node:crypto';
import { CanceledError } from '../../http/errors';

/** Logs in through the asking client (its budget, its label), resolving with the new token. */
export type LogIn = (signal?: AbortSignal) => Promise<string>;

/**
 * The FMS login token of one account. Several requests in flight can hit an expired token together; they share one new
 * login instead of each starting its own, and a request whose token was already replaced just uses the replacement.
 */
export class TokenSession {
  private token: string | null = null;
  private pending: Promise<string> | null = null;

  current(logIn: LogIn, signal?: AbortSignal): Promise<string> {
    return this.token !== null ? Promise.resolve(this.token) : this.replace(null, logIn, signal);
  }

  /** A token other than `stale`: the one another request already obtained, else a fresh login. */
  async replace(stale: string | null, logIn: LogIn, signal?: AbortSignal): Promise<string> {
    for (;;) {
      if (this.token !== null && this.token !== stale) return this.token;
      const mine = this.pending === null;
      const pending = (this.pending ??= logIn(signal)
        .then((token) => {
          this.token = token;
          return token;
        })
        .finally(() => {
          this.pending = null;
        }));
      try {
        return await pending;
      } catch (error) {
        // A login another caller started and then canceled answers nothing about this caller's request: log in anew.
        if (!mine && error instanceof CanceledError && !signal?.aborted) continue;
        throw error;
      }
    }
  }

  /** Logs in even with a token in hand: proves the credentials still work. */
  renew(logIn: LogIn, signal?: AbortSignal): Promise<string> {
    return this.replace(this.token, logIn, signal);
  }
}

const sessions = new Map<string, TokenSession>();

/**
 * The one login session of an account in this thread, shared by every client made for it (a sync's, the order
 * service's, a connection test's), as its request budget is: FMS may end a session when the account logs in again,
 * so a second login per sync could cut off an order in flight. The credentials are part of the key, so a changed
 * password never rides on the old password's token.
 */
export function accountSession(account: {
  baseUrl: string;
  partnerCode: string;
  email: string;
  password: string;
}): TokenSession {
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        account.baseUrl.replace(/\/+$/, ''),
        account.partnerCode,
        account.email.toLowerCase(),
        account.password,
      ]),
    )
    .digest('hex');
  let session = sessions.get(key);
  if (!session) sessions.set(key, (session = new TokenSession()));
  return session;
}
