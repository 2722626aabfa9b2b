import { createHash } from 'node:crypto';
import { ServerClock } from '../../http/clock';

/**
 * Entries of a kind kept alive while no adapter holds them (a merchant has a handful of accounts); the least recently
 * asked-for go first. An entry an adapter still holds is never replaced, however many others came since.
 */
export const THREAD_SHARED_LIMIT = 32;

interface Entries {
  /** Every entry some adapter may still hold, by hashed key. */
  readonly held: Map<string, WeakRef<object>>;
  /** The most recently asked-for, kept alive; insertion order is recency. */
  readonly recent: Map<string, object>;
}

const kinds = new Map<string, Entries>();
const collected = new FinalizationRegistry<{ entries: Entries; key: string }>(({ entries, key }) => {
  if (entries.held.get(key)?.deref() === undefined) entries.held.delete(key);
});

/** What one entry learnt, as plain data that crosses to another thread: a clock's offset, a host's path family. */
export type LearntState = string | number;

/** One entry's learnt state, by kind and hashed key: what a sync worker is handed and hands back. */
export interface LearntEntry {
  kind: string;
  key: string;
  state: LearntState;
  /**
   * Handed back (learntSince): the state the other thread was handed, null for none. The entry here takes `state`
   * only while it still holds that one (or none): what it learnt meanwhile is newer than what comes back.
   */
  was?: LearntState | null;
}

/** How the entries of a kind hand what they learnt to another thread. */
export interface LearntCodec<T> {
  /** What the value has learnt worth handing on; undefined while it has learnt nothing. */
  save(value: T): LearntState | undefined;
  /** Takes what another thread learnt. */
  restore(value: T, state: LearntState): void;
}

const codecs = new Map<string, LearntCodec<object>>();
/** States handed to this thread for entries not made here yet, by kind and key; taken when one is made. */
const handed = new Map<string, Map<string, LearntState>>();

/**
 * What an upstream ties to an account or a host rather than to one adapter: a login session, the path family a host
 * speaks, the offset of its clock, package details already read. One per key in this thread, shared by every adapter
 * made for it (a sync's own, the order service's, a connection test's), as the account's request budget is. A sync
 * worker is a thread of its own: its login session asks the starter's for tokens (SupplierAdapter.session), and it is
 * handed what kinds with a LearntCodec learnt (learntState) and hands back what it learnt. Keys are hashed, so
 * credentials in one are not kept as text.
 */
export function threadShared<T extends object>(kind: string, keyParts: readonly string[], make: () => T): T {
  let entries = kinds.get(kind);
  if (!entries) kinds.set(kind, (entries = { held: new Map(), recent: new Map() }));
  const key = createHash('sha256').update(JSON.stringify(keyParts)).digest('hex');
  let value = entries.held.get(key)?.deref() as T | undefined;
  if (value === undefined) {
    value = make();
    const state = handed.get(kind)?.get(key);
    if (state !== undefined) {
      codecs.get(kind)?.restore(value, state);
      handed.get(kind)!.delete(key);
    }
    entries.held.set(key, new WeakRef(value));
    collected.register(value, { entries, key });
  }
  entries.recent.delete(key);
  entries.recent.set(key, value);
  if (entries.recent.size > THREAD_SHARED_LIMIT) entries.recent.delete(entries.recent.keys().next().value!);
  return value;
}

/** Forgets everything of `kind` (every kind without one), as a new process would start: for tests that stand for one. */
export function forgetThreadShared(kind?: string): void {
  if (kind === undefined) {
    kinds.clear();
    handed.clear();
  } else {
    kinds.delete(kind);
    handed.delete(kind);
  }
}

/** Lets the entries of `kind` hand what they learnt to other threads; called once, where the kind is made. */
export function handLearntState<T extends object>(kind: string, codec: LearntCodec<T>): void {
  codecs.set(kind, codec as LearntCodec<object>);
}

/** What this thread's entries (and the states handed to it not taken yet) have learnt, of every kind with a codec. */
export function learntState(): LearntEntry[] {
  const learnt = new Map<string, LearntEntry>();
  for (const [kind, states] of handed)
    for (const [key, state] of states) learnt.set(`${kind} ${key}`, { kind, key, state });
  for (const [kind, codec] of codecs) {
    for (const [key, ref] of kinds.get(kind)?.held ?? []) {
      const value = ref.deref();
      const state = value === undefined ? undefined : codec.save(value);
      if (state !== undefined) learnt.set(`${kind} ${key}`, { kind, key, state });
    }
  }
  return [...learnt.values()];
}

/**
 * Takes what another thread learnt: an entry made here learns it at once, any other when it is made. A state handed
 * back (`was` set) is taken only where nothing newer was learnt here meanwhile. Kinds without a codec here are passed
 * over. At most THREAD_SHARED_LIMIT states per kind wait to be taken.
 */
export function takeLearntState(learnt: readonly LearntEntry[]): void {
  for (const { kind, key, state, was } of learnt) {
    const codec = codecs.get(kind);
    if (!codec) continue;
    const value = kinds.get(kind)?.held.get(key)?.deref();
    const here = value === undefined ? handed.get(kind)?.get(key) : codec.save(value);
    if (was !== undefined && here !== undefined && here !== was) continue;
    if (value !== undefined) {
      codec.restore(value, state);
      continue;
    }
    let states = handed.get(kind);
    if (!states) handed.set(kind, (states = new Map()));
    states.delete(key);
    states.set(key, state);
    if (states.size > THREAD_SHARED_LIMIT) states.delete(states.keys().next().value!);
  }
}

/**
 * What `after` holds that `before` did not: what a thread learnt since it was handed `before`, each with the state it
 * was handed (`was`). What it forgot is not handed back: the other thread finds out for itself.
 */
export function learntSince(before: readonly LearntEntry[], after: readonly LearntEntry[]): LearntEntry[] {
  const handedStates = new Map(before.map((entry) => [`${entry.kind} ${entry.key}`, entry.state]));
  return after
    .map((entry) => ({ ...entry, was: handedStates.get(`${entry.kind} ${entry.key}`) ?? null }))
    .filter((entry) => entry.was !== entry.state);
}

/** The base URL as the host sees it: without trailing slashes. */
export const sameBase = (baseUrl: string): string => baseUrl.replace(/\/+$/, '');

/**
 * The offset of a host's clock from this machine's, learnt once for every client of the host. A client reading a clock
 * of its own (a test's) learns its own offset.
 */
export function hostClock(apiUrl: string, now?: () => number): ServerClock {
  return now ? new ServerClock(now) : threadShared(SERVER_CLOCK, [new URL(apiUrl).origin], () => new ServerClock());
}

const SERVER_CLOCK = 'server-clock';
handLearntState<ServerClock>(SERVER_CLOCK, {
  save: (clock) => (clock.offset === 0 ? undefined : clock.offset),
  restore: (clock, offset) => {
    if (typeof offset === 'number' && Number.isFinite(offset)) clock.adopt(offset);
  },
});
