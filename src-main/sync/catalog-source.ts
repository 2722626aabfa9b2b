import { createHash } from 'node:crypto';
import type { ConnectionBase, SupplierKind } from '../suppliers/adapter';
import { INSECURE_HTTP_OPT_IN } from '../http/url-policy';

/**
 * Connection fields that change how a catalog is fetched or shown, not which one it is. Every other field (the
 * address, the account's key, uid, partner code or login, a chosen cost currency) names the catalog: a field added
 * later counts as naming it until it is listed here, which costs at most one full listing.
 */
const NOT_THE_CATALOG = new Set(['id', 'name', 'requestsPerMinute', 'notifyListen', INSECURE_HTTP_OPT_IN]);

/**
 * Which upstream catalog a connection reads, as an opaque hash: its kind and every field that names the catalog,
 * secrets left out (a rotated secret reads the same catalog, and a secret must never be kept where runs are). Read as
 * the kind's schema reads it, so the config file's `true` and the form's `"true"`, or a default left out and written
 * in, name the same catalog.
 */
export function catalogSource(
  connection: ConnectionBase & Record<string, unknown>,
  kind: Pick<SupplierKind, 'configSchema' | 'secretFields'> | undefined,
): string {
  const parsed = kind?.configSchema.safeParse(connection);
  const settings = (parsed?.success ? (parsed.data as unknown) : connection) as Record<string, unknown>;
  const secrets = kind?.secretFields ?? [];
  const named = Object.keys(settings)
    .filter((field) => !NOT_THE_CATALOG.has(field) && !secrets.includes(field))
    .sort()
    .map((field) => [field, settings[field] ?? null]);
  return createHash('sha256').update(JSON.stringify(named)).digest('hex').slice(0, 32);
}
