import { describe, expect, it } from 'vitest';
import { THREAD_SHARED_LIMIT, threadShared } from '../../src-main/suppliers/shared/thread-shared';

describe('state shared by the adapters of one thread', () => {
  it('is one per key, and keeps at most its limit, forgetting the one asked for longest ago', () => {
    const kind = `test-${Math.random()}`;
    const first = threadShared(kind, ['a'], () => ({ key: 'a' }));
    expect(threadShared(kind, ['a'], () => ({ key: 'other' }))).toBe(first);
    for (let i = 0; i < THREAD_SHARED_LIMIT - 1; i++) threadShared(kind, [`k${i}`], () => ({ key: `k${i}` }));
    // Asking for 'a' again makes it the most recent: the next new key pushes out k0 instead.
    expect(threadShared(kind, ['a'], () => ({ key: 'other' }))).toBe(first);
    threadShared(kind, ['new'], () => ({ key: 'new' }));
    expect(threadShared(kind, ['a'], () => ({ key: 'other' }))).toBe(first);
    expect(threadShared(kind, ['k0'], () => ({ key: 'k0 again' }))).toEqual({ key: 'k0 again' });
  });

  it('keeps kinds and key parts apart', () => {
    const kind = `test-${Math.random()}`;
    const ab = threadShared(kind, ['a', 'b'], () => ({}));
    expect(threadShared(kind, ['ab'], () => ({}))).not.toBe(ab);
    expect(threadShared(`${kind}-other`, ['a', 'b'], () => ({}))).not.toBe(ab);
  });
});
