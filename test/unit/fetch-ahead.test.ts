import { describe, expect, it } from 'vitest';
import { FetchAhead } from '../../src-main/suppliers/shared/fetch-ahead';

/** A fetch whose answers the test releases one by one, recording what was asked for and how many at once. */
function controlledFetch() {
  const waiting = new Map<number, { resolve(value: string): void; reject(error: Error): void }>();
  const asked: number[] = [];
  let inFlight = 0;
  let mostAtOnce = 0;
  return {
    asked,
    mostAtOnce: () => mostAtOnce,
    fetch: (index: number) =>
      new Promise<string>((resolve, reject) => {
        asked.push(index);
        mostAtOnce = Math.max(mostAtOnce, ++inFlight);
        const settle = () => inFlight--;
        waiting.set(index, {
          resolve: (value) => (settle(), resolve(value)),
          reject: (error) => (settle(), reject(error)),
        });
      }),
    answer: (index: number) => waiting.get(index)!.resolve(`item ${index}`),
    fail: (index: number) => waiting.get(index)!.reject(new Error(`item ${index} failed`)),
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('fetching ahead of an in-order reader', () => {
  it('keeps `concurrency` requests going across what the reader has not taken yet, never past its buffer', async () => {
    const upstream = controlledFetch();
    const ahead = new FetchAhead({ first: 0, last: 9 }, { concurrency: 3, buffered: 4 }, upstream.fetch);
    expect(upstream.asked).toEqual([0, 1, 2]);
    upstream.answer(0);
    upstream.answer(1);
    await turn();
    // Two answered, none taken: at most 4 items beyond the last taken (none) are asked for.
    expect(upstream.asked).toEqual([0, 1, 2, 3]);
    expect(await ahead.take(0)).toBe('item 0');
    expect(await ahead.take(1)).toBe('item 1');
    expect(upstream.asked).toEqual([0, 1, 2, 3, 4]);
    for (const index of [2, 3, 4]) upstream.answer(index);
    await turn();
    expect(upstream.asked).toEqual([0, 1, 2, 3, 4, 5]);
    // The reader goes on to the end, each item answered once asked for: never more than 3 at once.
    const answered = new Set([0, 1, 2, 3, 4]);
    for (let index = 2; index <= 9; index++) {
      const taken = ahead.take(index);
      for (const asked of upstream.asked) {
        if (answered.has(asked)) continue;
        answered.add(asked);
        upstream.answer(asked);
      }
      expect(await taken).toBe(`item ${index}`);
      await turn();
    }
    expect(upstream.asked).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(upstream.mostAtOnce()).toBe(3);
  });

  it('asks for nothing more after a failure, and hands the reader the error once the requests in flight settle', async () => {
    const upstream = controlledFetch();
    const ahead = new FetchAhead({ first: 0, last: 9 }, { concurrency: 3, buffered: 6 }, upstream.fetch);
    upstream.fail(0);
    await turn();
    expect(upstream.asked).toEqual([0, 1, 2]);
    let delivered: unknown = null;
    const reading = ahead.take(0).catch((error: unknown) => (delivered = error));
    await turn();
    expect(delivered).toBeNull();
    upstream.answer(1);
    await turn();
    expect(delivered).toBeNull();
    upstream.answer(2);
    await reading;
    expect(String(delivered)).toContain('item 0 failed');
    expect(upstream.asked).toEqual([0, 1, 2]);
  });
});
