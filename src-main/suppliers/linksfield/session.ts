import { CanceledError, SupplierError } from '../../http/errors';
import { sameBase, threadShared } from '../shared/thread-shared';
import type { TokenSource } from '../adapter';

/** Logs in through the asking client (its budget, its label, its retries), resolving with the new token. */
export type LogIn = (signal?: AbortSignal) => Promise<string>;

/**
 * The FMS login token of one account. Several requests in flight can hit an expired token together; they share one new
 * login instead of each starting its own, and a request whose token was already replaced just uses the replacement.
 */
export class TokenSession {
  private token: string | null = null;
  private pending: { login: Promise<string>; startedWith: AbortSignal | undefined } | null = null;
  /** Where tokens come from instead of this thread's logins: the session of the thread that started a sync worker. */
  private source: TokenSource | null = null;

  current(logIn: LogIn, signal?: AbortSignal): Promise<string> {
    return this.token !== null && this.pending === null
      ? Promise.resolve(this.token)
      : this.replace(null, logIn, signal);
  }

  /**
   * A token other than `stale`: the one another request already obtained, else a fresh login. While a login is under
   * way the token in hand is the one it replaces, likely refused: the caller waits for the new one instead.
   */
  async replace(stale: string | null, logIn: LogIn, signal?: AbortSignal): Promise<string> {
    for (;;) {
      if (this.token !== null && this.token !== stale && this.pending === null) return this.token;
      this.pending ??= {
        startedWith: signal,
        login: (this.source ? this.source(stale, signal) : logIn(signal))
          .then((token) => {
            this.token = token;
            return token;
          })
          .finally(() => {
            this.pending = null;
          }),
      };
      const { login, startedWith } = this.pending;
      try {
        return await untilAborted(login, signal);
      } catch (error) {
        if (signal?.aborted) throw error instanceof CanceledError ? error : new CanceledError();
        // A login its starter gave up on says nothing about this caller's request (a retry cut short, a timeout): log in
        // anew, unless FMS itself refused the credentials, which a second try would only send again.
        if (startedWith !== signal && startedWith?.aborted && !refused(error)) continue;
        throw error;
      }
    }
  }

  /**
   * From now on a token comes from `source` (another thread's session of the account, which shares one login among
   * all its callers) instead of a login of this thread's: one session per account, however many threads use it.
   * renew() then asks the source for a token other than this one, which proves nothing of the credentials: a sync
   * worker, the only taker, never pings.
   */
  takeTokensFrom(source: TokenSource): void {
    this.source = source;
  }

  /** Logs in even with a token in hand: proves the credentials still work. */
  renew(logIn: LogIn, signal?: AbortSignal): Promise<string> {
    return this.replace(this.token, logIn, signal);
  }
}

/** FMS answered the login and said no: the credentials, not the moment, are wrong. */
const refused = (error: unknown) => error instanceof SupplierError && !error.retryable;

/** `promise`, or a CanceledError as soon as `signal` aborts: a caller waiting on another's login stops when told. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new CanceledError());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new CanceledError());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * The login session of an account (thread-shared.ts): FMS may end a session when the account logs in again, so a
 * login per sync could cut off an order in flight. The credentials are part of the key, so a changed password never
 * rides on the old password's token.
 */
export function accountSession(account: {
  baseUrl: string;
  partnerCode: string;
  email: string;
  password: string;
}): TokenSession {
  return threadShared(
    'linksfield-session',
    [sameBase(account.baseUrl), account.partnerCode, account.email.toLowerCase(), account.password],
    () => new TokenSession(),
  );
}
