/**
 * Our idea of the upstream's clock. Signed APIs reject timestamps outside a window, and a merchant's
 * laptop clock is often minutes off, so we learn the offset from the server's Date header when rejected.
 */
/** Signed timestamps are whole seconds: an offset that moved by less changes nothing worth sending again. */
const RETRY_WORTHY_MS = 1000;

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
    const changed = this.movedSince(offset);
    this.offsetMs = offset;
    return changed;
  }

  /** Whether the offset is now far enough from `offsetMs` (the one a request was signed with) to be worth a retry. */
  movedSince(offsetMs: number): boolean {
    return Math.abs(this.offsetMs - offsetMs) >= RETRY_WORTHY_MS;
  }

  /** Takes an offset another thread learnt of the same host. */
  adopt(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }
}
