import { z } from 'zod';
import { ConfigError, readJsonFile } from './json-file';
import type { ConnectionBase } from '../suppliers/adapter';
import { SUPPLIER_KINDS, supplierKind } from '../suppliers/registry';
import { formatIssues } from '../suppliers/shared/validate-items';

export interface AppConfig {
  /** The merchant's own currency, when the file states one (it then becomes the app's); absent leaves it as it is. */
  currency: string | null;
  suppliers: ConnectionBase[];
}

export { ConfigError };

const fileShape = z.object({
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'currency must be a 3-letter ISO code such as USD').optional(),
  suppliers: z.array(z.record(z.string(), z.unknown())).default([]),
});

/** Validates a whole config; every message names the supplier and field at fault, never a secret's value. */
export function parseAppConfig(input: unknown, source = 'config'): AppConfig {
  const shape = fileShape.safeParse(input);
  if (!shape.success) throw new ConfigError(`${source}: ${formatIssues(shape.error)}`);
  const ids = new Set<string>();
  const suppliers = shape.data.suppliers.map((raw, index) => {
    const where = `${source}: suppliers[${index}]${typeof raw.id === 'string' ? ` (id "${raw.id}")` : ''}`;
    if (typeof raw.kind !== 'string') throw new ConfigError(`${where}: "kind" is missing (one of ${SUPPLIER_KINDS.map((k) => k.kind).join(', ')})`);
    const kind = supplierKind(raw.kind);
    if (!kind) throw new ConfigError(`${where}: unknown kind "${raw.kind}" (one of ${SUPPLIER_KINDS.map((k) => k.kind).join(', ')})`);
    const parsed = kind.configSchema.safeParse(raw);
    if (!parsed.success) throw new ConfigError(`${where}: ${formatIssues(parsed.error)}`);
    if (ids.has(parsed.data.id)) throw new ConfigError(`${where}: id "${parsed.data.id}" is used twice`);
    ids.add(parsed.data.id);
    return parsed.data;
  });
  return { currency: shape.data.currency?.toUpperCase() ?? null, suppliers };
}

export function loadAppConfig(file: string): AppConfig {
  return parseAppConfig(readJsonFile(file, 'config file'), file);
}
