import { createHash } from 'node:crypto';
import type { ConnectionBase } from '../suppliers/adapter';
import { supplierKind } from '../suppliers/registry';

/**
 * Names the upstream account a connection points at: its kind and every non-secret setting (base URL, key or
 * account id, sales method …), hashed. Secrets are left out so a re-entered secret is still the same account.
 */
export function connectionFingerprint(connection: ConnectionBase): string {
  const secret = new Set(supplierKind(connection.kind)?.secretFields ?? []);
  const settings = Object.entries(connection as unknown as Record<string, unknown>)
    .filter(([key]) => key !== 'id' && key !== 'name' && !secret.has(key))
    .map(([key, value]) => [key, key === 'baseUrl' ? String(value).replace(/\/+$/, '').toLowerCase() : value] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 32);
}
