/**
 * The FMS login token. Several requests in flight can hit an expired token together; they share one new
 * login instead of each starting its own, and a request whose token was already replaced just uses the
 * replacement.
 */
export class TokenSession {
  private token: string | null = null;
  private pending: Promise<string> | null = null;

  constructor(private readonly logIn: (signal?: AbortSignal) => Promise<string>) {}

  current(signal?: AbortSignal): Promise<string> {
    return this.token !== null ? Promise.resolve(this.token) : this.replace(null, signal);
  }

  /** A token other than `stale`: the one another request already obtained, else a fresh login. */
  replace(stale: string | null, signal?: AbortSignal): Promise<string> {
    if (this.token !== null && this.token !== stale) return Promise.resolve(this.token);
    this.pending ??= this.logIn(signal)
      .then((token) => {
        this.token = token;
        return token;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  /** Logs in even with a token in hand: proves the credentials still work. */
  renew(signal?: AbortSignal): Promise<string> {
    return this.replace(this.token, signal);
  }
}
