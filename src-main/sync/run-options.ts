import { ConfigError } from '../config/app-config';
import type { SyncRunOptions } from '../../src-shared/sync-types';

/** Checks `sync.run`'s options as they arrive over IPC or HTTP: untyped JSON. */
export function parseSyncRunOptions(value: unknown): SyncRunOptions {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ConfigError('sync options must be an object such as { "full": true }');
  const unknownKeys = Object.keys(value).filter((key) => key !== 'full');
  if (unknownKeys.length) throw new ConfigError(`unknown sync option: ${unknownKeys.join(', ')}`);
  const { full } = value as { full?: unknown };
  if (full !== undefined && typeof full !== 'boolean')
    throw new ConfigError('sync option "full" must be true or false');
  return full === undefined ? {} : { full };
}
