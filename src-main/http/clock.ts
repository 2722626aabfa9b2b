/**
 * Our idea of the upstream's clock. Signed APIs reject timestamps outside a window, and a merchant's
 * laptop clock is often minutes off, so we learn the offset from the server's Date header when rejected.
 */
export class ServerClock {
  private offsetMs = 0;

  constructor(private readonly localNow: () => number = Date.now) {}

  nowMs(): number {
    return this.localNow() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Returns true when the offset changed enough to be worth a retry. */
  learn(serverDateMs: number | null): boolean {
    if (serverDateMs === null) return false;
    const offset = serverDateMs - this.localNow();
    const changed = Math.abs(offset - this.offsetMs) >= 1000;
    this.offsetMs = offset;
    return changed;
  }

  /** Takes an offset another thread learnt of the same host. */
  adopt(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }
}
