import type { AdapterEnv, ConnectionBase, SupplierAdapter } from '../suppliers/adapter';
import { supplierKind } from '../suppliers/registry';
import type { SyncTarget } from './engine';
import { catalogSource } from './catalog-source';
import type { PortableSyncTarget } from './worker/pool';
import type { PortableAdapterEnv } from './worker/protocol';

/** The adapter for a configured connection; its kind was validated when the connection was read. */
export function adapterFor(connection: ConnectionBase, env?: AdapterEnv): SupplierAdapter {
  const kind = supplierKind(connection.kind);
  if (!kind) throw new Error(`unknown supplier kind "${connection.kind}"`);
  return kind.create(connection, env);
}

export function syncTargetFor(
  connection: ConnectionBase,
  adapter: SupplierAdapter = adapterFor(connection),
): SyncTarget {
  const source = catalogSource(connection as ConnectionBase & Record<string, unknown>, supplierKind(connection.kind));
  return { supplierId: connection.id, supplierKind: connection.kind, adapter, source };
}

/** A target a sync worker thread can take over: it makes the same adapter from the same connection and tuning. */
export function portableSyncTarget(
  connection: ConnectionBase & Record<string, unknown>,
  env: PortableAdapterEnv = {},
): PortableSyncTarget {
  return { ...syncTargetFor(connection, adapterFor(connection, env)), portable: { connection, env } };
}
