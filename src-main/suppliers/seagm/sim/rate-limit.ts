/**
 * SEAGM's limits as its doc describes them: requests are counted per uid per window and refused with 429
 * beyond the limit; a client that keeps pushing after 429s gets its IP banned (418). The simulator serves one
 * client on loopback, so "the IP" is everyone. The window is adjustable because tests cannot wait a minute.
 */
export class SeagmRateGuard {
  windowMs = 60_000;
  /** 429s answered inside one window after which the IP is banned. */
  banAfter429s = 5;
  /** The doc's shortest ban. */
  banMs = 30 * 60_000;
  /** Forces the Retry-After tests want, in seconds; null sends the time left in the window. */
  retryAfterSeconds: number | null = null;
  bannedUntil = 0;
  /** 429s answered so far; tests use it to prove the client backed off. */
  refused = 0;
  private readonly windows = new Map<string, { start: number; count: number; refused: number }>();

  constructor(public limitPerWindow: number) {}

  isBanned(now: number): boolean {
    return now < this.bannedUntil;
  }

  /** Counts one request of `uid`; null to serve it, else the Retry-After seconds to refuse it with. */
  admit(uid: string, now: number): number | null {
    let window = this.windows.get(uid);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0, refused: 0 };
      this.windows.set(uid, window);
    }
    window.count++;
    if (window.count <= this.limitPerWindow) return null;
    window.refused++;
    this.refused++;
    if (window.refused >= this.banAfter429s) this.bannedUntil = now + this.banMs;
    return this.retryAfterSeconds ?? Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }

  reset(): void {
    this.windows.clear();
    this.bannedUntil = 0;
    this.refused = 0;
  }
}
