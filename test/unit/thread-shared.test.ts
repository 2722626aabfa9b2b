import { describe, expect, it } from 'vitest';
import { THREAD_SHARED_LIMIT, forgetThreadShared, threadShared } from '../../src-main/suppliers/shared/thread-shared';

describe('state shared by the adapters of one thread', () => {
  it('is one per key, and never replaces one an adapter still holds, however many others came since', () => {
    const kind = `test-${Math.random()}`;
    const first = threadShared(kind, ['a'], () => ({ key: 'a' }));
    expect(threadShared(kind, ['a'], () => ({ key: 'other' }))).toBe(first);
    for (let i = 0; i < 3 * THREAD_SHARED_LIMIT; i++) threadShared(kind, [`k${i}`], () => ({ key: `k${i}` }));
    expect(threadShared(kind, ['a'], () => ({ key: 'other' }))).toBe(first);
  });

  it('starts afresh after forgetThreadShared, as a new process would', () => {
    const kind = `test-${Math.random()}`;
    const first = threadShared(kind, ['a'], () => ({}));
    forgetThreadShared(kind);
    expect(threadShared(kind, ['a'], () => ({}))).not.toBe(first);
  });

  it('keeps kinds and key parts apart', () => {
    const kind = `test-${Math.random()}`;
    const ab = threadShared(kind, ['a', 'b'], () => ({}));
    expect(threadShared(kind, ['ab'], () => ({}))).not.toBe(ab);
    expect(threadShared(`${kind}-other`, ['a', 'b'], () => ({}))).not.toBe(ab);
  });
});
