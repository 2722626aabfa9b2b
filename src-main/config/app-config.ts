import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ConnectionBase } from '../suppliers/adapter';
import { SUPPLIER_KINDS, supplierKind } from '../suppliers/registry';
import { formatIssues } from '../suppliers/shared/validate-items';

export interface AppConfig {
  /** The merchant's own currency: everything is converted into it. */
  currency: string;
  suppliers: ConnectionBase[];
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const fileShape = z.object({
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'currency must be a 3-letter ISO code such as USD').default('USD'),
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
  return { currency: shape.data.currency.toUpperCase(), suppliers };
}

export function loadAppConfig(file: string): AppConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseAppConfig(json, file);
}

/** A copy of a connection safe to print or send to the renderer: secret fields say only whether they are set. */
export function redactConnection(connection: ConnectionBase): Record<string, unknown> {
  const kind = supplierKind(connection.kind);
  const secrets = new Set(kind?.secretFields ?? []);
  return Object.fromEntries(Object.entries(connection).map(([key, value]) => [key, secrets.has(key) ? (value ? '(set)' : '(not set)') : value]));
}
