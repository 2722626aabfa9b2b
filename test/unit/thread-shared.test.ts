import { describe, expect, it } from 'vitest';
import {
  THREAD_SHARED_LIMIT,
  forgetThreadShared,
  handLearntState,
  learntSince,
  learntState,
  takeLearntState,
  threadShared,
} from '../../src-main/suppliers/shared/thread-shared';

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

describe('what entries learnt, handed to another thread and back', () => {
  class Memory {
    learnt: string | null = null;
  }
  /** A kind of its own per test, with a codec, as a supplier's module registers one. */
  function learningKind() {
    const kind = `test-${Math.random()}`;
    handLearntState<Memory>(kind, {
      save: (memory) => memory.learnt ?? undefined,
      restore: (memory, state) => {
        memory.learnt = String(state);
      },
    });
    const of = (key: string) => threadShared(kind, [key], () => new Memory());
    const mine = () => learntState().filter((entry) => entry.kind === kind);
    return { kind, of, mine };
  }

  it('hands on only what was learnt, and an entry made after it was handed starts from it', () => {
    const { kind, of, mine } = learningKind();
    const host = of('host');
    of('never-learnt');
    expect(mine()).toEqual([]);
    host.learnt = 'plain';
    const handed = mine();
    expect(handed).toHaveLength(1);
    // The other thread: nothing made yet.
    forgetThreadShared(kind);
    takeLearntState(handed);
    expect(of('host').learnt).toBe('plain');
    expect(of('never-learnt').learnt).toBeNull();
  });

  it('an entry already made learns at once; what the other thread learnt since is all that goes back', () => {
    const { of, mine } = learningKind();
    const here = of('a');
    here.learnt = 'v1';
    of('b').learnt = 'same';
    const handed = mine();
    // The other thread learnt a newer state of 'a' and nothing new of 'b'.
    here.learnt = 'v2';
    const back = learntSince(handed, mine());
    expect(back.map((entry) => entry.state)).toEqual(['v2']);
    here.learnt = 'v1';
    takeLearntState(back);
    expect(here.learnt).toBe('v2');
  });

  it('takes a state handed back only where nothing newer was learnt meanwhile', () => {
    const { of, mine } = learningKind();
    const here = of('a');
    here.learnt = 'v1';
    const handed = mine();
    // The other thread learnt v2 of what it was handed (v1); this thread learnt v3 meanwhile.
    here.learnt = 'v2';
    const back = learntSince(handed, mine());
    expect(back).toEqual([expect.objectContaining({ state: 'v2', was: 'v1' })]);
    here.learnt = 'v3';
    takeLearntState(back);
    expect(here.learnt).toBe('v3');
    // Still holding what it handed, it takes what came back.
    here.learnt = 'v1';
    takeLearntState(back);
    expect(here.learnt).toBe('v2');
    // One that knows nothing (it forgot) takes what the other thread found, whatever that was handed.
    here.learnt = null;
    takeLearntState([{ ...back[0], state: 'v4' }]);
    expect(here.learnt).toBe('v4');
  });

  it('keeps a newer state handed to it, not made into an entry yet, over an older one coming back', () => {
    const { kind, of, mine } = learningKind();
    of('a').learnt = 'v1';
    const [entry] = mine();
    forgetThreadShared(kind);
    takeLearntState([{ ...entry, state: 'v3' }]);
    // Back from a thread that was handed v1 and learnt v2: this thread was handed v3 since.
    takeLearntState([{ ...entry, state: 'v2', was: 'v1' }]);
    expect(of('a').learnt).toBe('v3');
  });

  it('passes over kinds without a codec, and keeps at most THREAD_SHARED_LIMIT untaken states per kind', () => {
    const { kind, of, mine } = learningKind();
    const states = Array.from({ length: THREAD_SHARED_LIMIT + 5 }, (_, i) => {
      const memory = of(`k${i}`);
      memory.learnt = `s${i}`;
      return memory;
    });
    const handed = mine();
    expect(handed).toHaveLength(states.length);
    forgetThreadShared(kind);
    takeLearntState([...handed, { kind: `${kind}-no-codec`, key: handed[0].key, state: 'x' }]);
    expect(mine()).toHaveLength(THREAD_SHARED_LIMIT);
    expect(learntState().some((entry) => entry.kind === `${kind}-no-codec`)).toBe(false);
    // The oldest handed went first.
    expect(of('k0').learnt).toBeNull();
    expect(of(`k${states.length - 1}`).learnt).toBe(`s${states.length - 1}`);
  });
});
