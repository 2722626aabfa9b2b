import type { Database } from 'better-sqlite3';
import { ConfigError } from '../config/app-config';
import { deleteStoredConnection, getStoredConnection, listStoredConnections, upsertStoredConnection } from '../db/connections-repo';
import type { SecretBox } from '../secrets/secret-box';
import type { ConnectionBase } from '../suppliers/adapter';
import { supplierKind } from '../suppliers/registry';
import { formatIssues } from '../suppliers/shared/validate-items';

/** A connection as the renderer may see it: secrets only say whether they are set. */
export interface ConnectionView {
  id: string;
  kind: string;
  name: string;
  settings: Record<string, string>;
  secrets: Record<string, boolean>;
}

export interface ConnectionInput {
  id?: string;
  kind: string;
  name: string;
  settings: Record<string, string>;
  /** New secret values; a field left out or empty keeps the stored one (secrets are entered once). */
  secrets?: Record<string, string | undefined>;
}

/** Supplier connections the merchant manages in the app, with their secrets sealed at rest. */
export class ConnectionsService {
  constructor(private readonly db: Database, private readonly box: SecretBox) {}

  list(): ConnectionView[] {
    return listStoredConnections(this.db).map((stored) => this.view(stored.id)!);
  }

  view(id: string): ConnectionView | null {
    const stored = getStoredConnection(this.db, id);
    if (!stored) return null;
    const kind = supplierKind(stored.kind);
    const secrets = stored.secretsBlob ? (JSON.parse(this.box.open(stored.secretsBlob)) as Record<string, string>) : {};
    return {
      id: stored.id,
      kind: stored.kind,
      name: stored.name,
      settings: Object.fromEntries(Object.entries(stored.settings).map(([k, v]) => [k, String(v)])),
      secrets: Object.fromEntries((kind?.secretFields ?? []).map((field) => [field, Boolean(secrets[field])])),
    };
  }

  /** The full connection, secrets included, for the adapters in this process only. */
  resolve(id: string): ConnectionBase {
    const stored = getStoredConnection(this.db, id);
    if (!stored) throw new ConfigError(`no supplier connection "${id}"`);
    const secrets = stored.secretsBlob ? JSON.parse(this.box.open(stored.secretsBlob)) : {};
    return { ...stored.settings, ...secrets, id: stored.id, kind: stored.kind, name: stored.name } as ConnectionBase;
  }

  resolveAll(): ConnectionBase[] {
    return listStoredConnections(this.db).map((stored) => this.resolve(stored.id));
  }

  /** Validates against the kind's own schema (merging in stored secrets), then seals and stores. */
  save(input: ConnectionInput): ConnectionView {
    const kind = supplierKind(input.kind);
    if (!kind) throw new ConfigError(`unknown supplier kind "${input.kind}"`);
    // A new connection never takes over an existing one that happens to have a similar name.
    const id = input.id?.trim() || this.freeId(slug(input.name) || input.kind);
    const existing = getStoredConnection(this.db, id);
    if (existing && existing.kind !== input.kind) throw new ConfigError(`connection "${id}" is a ${existing.kind} connection; remove it to make a ${input.kind} one`);
    const storedSecrets: Record<string, string> = existing?.secretsBlob ? JSON.parse(this.box.open(existing.secretsBlob)) : {};
    const secrets: Record<string, string> = {};
    for (const field of kind.secretFields) {
      const given = input.secrets?.[field];
      const value = given && given.length > 0 ? given : storedSecrets[field];
      if (value) secrets[field] = value;
    }
    const settings = Object.fromEntries(Object.entries(input.settings).filter(([key, value]) => !kind.secretFields.includes(key) && value !== ''));
    const candidate = { ...settings, ...secrets, id, kind: input.kind, name: input.name.trim() || id };
    const parsed = kind.configSchema.safeParse(candidate);
    if (!parsed.success) throw new ConfigError(formatIssues(parsed.error));
    upsertStoredConnection(this.db, {
      id, kind: input.kind, name: candidate.name, settings,
      secretsBlob: Object.keys(secrets).length ? this.box.seal(JSON.stringify(secrets)) : null, sealedBy: this.box.sealedBy,
    });
    return this.view(id)!;
  }

  private freeId(base: string): string {
    let id = base;
    for (let n = 2; getStoredConnection(this.db, id); n++) id = `${base}-${n}`;
    return id;
  }

  remove(id: string): boolean {
    return deleteStoredConnection(this.db, id);
  }
}

function slug(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
}
