import { createHash } from 'node:crypto';
import type { ConnectionBase } from '../suppliers/adapter';
import { supplierKind } from '../suppliers/registry';

/**
 * Settings of this computer, not of the upstream account: where the push receiver listens, how fast we ask. A merchant
 * changes them with orders open (BillionConnect's README steps set `notifyListen` after a first order), and the order
 * is still the same account's.
 */
const LOCAL_SETTINGS: ReadonlySet<string> = new Set(['notifyListen', 'requestsPerMinute']);

/**
 * Names the upstream account a connection points at: its kind and every non-secret setting that reaches the supplier
 * (base URL, key or account id, sales method …), hashed. Secrets are left out so a re-entered secret is still the same
 * account.
 */
export function connectionFingerprint(connection: ConnectionBase): string {
  return fingerprintOf(connection, (key) => !LOCAL_SETTINGS.has(key));
}

/**
 * Whether an order recorded with `fingerprint` was placed through the account `connection` points at now. Orders
 * recorded before the local settings were left out carry a fingerprint that includes them: that one still matches
 * while those settings are unchanged.
 */
export function sameConnection(fingerprint: string, connection: ConnectionBase): boolean {
  return fingerprint === connectionFingerprint(connection) || fingerprint === fingerprintOf(connection, () => true);
}

function fingerprintOf(connection: ConnectionBase, counts: (key: string) => boolean): string {
  const secret = new Set(supplierKind(connection.kind)?.secretFields ?? []);
  const settings = Object.entries(connection as unknown as Record<string, unknown>)
    .filter(([key]) => key !== 'id' && key !== 'name' && !secret.has(key) && counts(key))
    .map(([key, value]) => [key, key === 'baseUrl' ? String(value).replace(/\/+$/, '').toLowerCase() : value] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 32);
}
