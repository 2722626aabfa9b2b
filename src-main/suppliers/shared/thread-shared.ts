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

/**
 * What an upstream ties to an account or a host rather than to one adapter: a login session, the path family a host
 * speaks, the offset of its clock, package details already read. One per key in this thread, shared by every adapter
 * made for it (a sync's own, the order service's, a connection test's), as the account's request budget is. A sync
 * worker is a thread of its own: it is handed the login session (SupplierAdapter.session) and starts without the rest.
 * Keys are hashed, so credentials in one are not kept as text.
 */
export function threadShared<T extends object>(kind: string, keyParts: readonly string[], make: () => T): T {
  let entries = kinds.get(kind);
  if (!entries) kinds.set(kind, (entries = { held: new Map(), recent: new Map() }));
  const key = createHash('sha256').update(JSON.stringify(keyParts)).digest('hex');
  let value = entries.held.get(key)?.deref() as T | undefined;
  if (value === undefined) {
    value = make();
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
  if (kind === undefined) kinds.clear();
  else kinds.delete(kind);
}

/** The base URL as the host sees it: without trailing slashes. */
export const sameBase = (baseUrl: string): string => baseUrl.replace(/\/+$/, '');

/**
 * The offset of a host's clock from this machine's, learnt once for every client of the host. A client reading a clock
 * of its own (a test's) learns its own offset.
 */
export function hostClock(apiUrl: string, now?: () => number): ServerClock {
  return now ? new ServerClock(now) : threadShared('server-clock', [new URL(apiUrl).origin], () => new ServerClock());
}
