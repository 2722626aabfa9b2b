import { createHash } from 'node:crypto';
import { ServerClock } from '../../http/clock';

/** Entries kept per kind of state; the least recently asked-for go first (a merchant has a handful of accounts). */
export const THREAD_SHARED_LIMIT = 32;

const kinds = new Map<string, Map<string, unknown>>();

/**
 * What an upstream ties to an account or a host rather than to one adapter: a login session, the path family a host
 * speaks, the offset of its clock, package details already read. One per key in this thread, shared by every adapter
 * made for it (a sync's own, the order service's, a connection test's), as the account's request budget is. A sync
 * worker is a thread of its own and starts without them. Keys are hashed, so credentials in one are not kept as text.
 */
export function threadShared<T>(kind: string, keyParts: readonly string[], make: () => T): T {
  let entries = kinds.get(kind);
  if (!entries) kinds.set(kind, (entries = new Map()));
  const key = createHash('sha256').update(JSON.stringify(keyParts)).digest('hex');
  let value = entries.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    if (entries.size >= THREAD_SHARED_LIMIT) entries.delete(entries.keys().next().value!);
  } else entries.delete(key);
  // Insertion order is recency: the first key is the one asked for longest ago.
  entries.set(key, value);
  return value;
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
