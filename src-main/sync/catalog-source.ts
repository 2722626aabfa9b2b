import { createHash } from 'node:crypto';
import type { ConnectionBase } from '../suppliers/adapter';

/**
 * Connection fields that change how a catalog is fetched or shown, not which one it is. Every other field (the
 * address, the account's key, uid, partner code or login, a chosen cost currency) names the catalog: a field added
 * later counts as naming it until it is listed here, which costs at most one full listing.
 */
const NOT_THE_CATALOG = new Set(['id', 'name', 'requestsPerMinute', 'notifyListen']);

/**
 * Which upstream catalog a connection reads, as an opaque hash: its kind and every field that names the catalog,
 * secrets left out (a rotated secret reads the same catalog, and a secret must never be kept where runs are).
 */
export function catalogSource(
  connection: ConnectionBase & Record<string, unknown>,
  secretFields: readonly string[],
): string {
  const named = Object.keys(connection)
    .filter((field) => !NOT_THE_CATALOG.has(field) && !secretFields.includes(field))
    .sort()
    .map((field) => [field, connection[field] ?? null]);
  return createHash('sha256').update(JSON.stringify(named)).digest('hex').slice(0, 32);
}
