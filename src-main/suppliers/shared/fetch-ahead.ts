/**
 * Fetches the items `first`..`last` (pages of a listing, details of a list) ahead of a reader that takes them in order:
 * at most `concurrency` requests at once and at most `buffered` items beyond the last one taken, so the upstream works
 * while the items before are mapped and stored, and nothing waits for a batch's slowest request. After one item fails
 * no further item is asked for, and its error reaches the reader only once the requests in flight have settled, so
 * nothing keeps calling the upstream after the listing failed.
 */
export class FetchAhead<T> {
  private readonly pending = new Map<number, Promise<T>>();
  private next: number;
  private taken: number;
  private inFlight = 0;
  private failed = false;
  private stopped = false;
  private idle: (() => void) | null = null;

  constructor(
    private readonly range: { first: number; last: number },
    private readonly limits: { concurrency: number; buffered: number },
    private readonly fetch: (index: number) => Promise<T>,
  ) {
    this.next = range.first;
    this.taken = range.first - 1;
    this.fill();
  }

  async take(index: number): Promise<T> {
    const result = this.pending.get(index);
    if (!result) throw new Error(`item ${index} was never asked for`);
    this.pending.delete(index);
    this.taken = index;
    this.fill();
    try {
      return await result;
    } catch (error) {
      this.failed = true;
      await this.settled();
      throw error;
    }
  }

  /** No more requests: the reader is gone. Those in flight finish (or see the abort) on their own. */
  stop(): void {
    this.stopped = true;
  }

  private fill(): void {
    const concurrency = Math.max(1, this.limits.concurrency);
    while (
      !this.failed &&
      !this.stopped &&
      this.inFlight < concurrency &&
      this.next <= this.range.last &&
      this.next - this.taken <= Math.max(concurrency, this.limits.buffered)
    ) {
      const index = this.next++;
      this.inFlight++;
      const result = this.fetch(index);
      this.pending.set(index, result);
      result
        .then(
          () => undefined,
          () => {
            this.failed = true;
          },
        )
        .finally(() => {
          this.inFlight--;
          if (this.inFlight === 0) this.idle?.();
          this.fill();
        });
    }
  }

  private settled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idle = resolve;
    });
  }
}
