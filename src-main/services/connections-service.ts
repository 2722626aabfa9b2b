import type { Database } from 'better-sqlite3';
import { ConfigError } from '../config/app-config';
import {
  deleteStoredConnection,
  getStoredConnection,
  listStoredConnections,
  recordSecretsMeta,
  upsertStoredConnection,
  type StoredConnection,
} from '../db/connections-repo';
import { hasOrdersUnder } from '../orders/repository';
import type { SecretBox } from '../secrets/secret-box';
import type { ConnectionBase, SupplierKind } from '../suppliers/adapter';
import { supplierKind } from '../suppliers/registry';
import { connectionUrlProblem } from '../http/url-policy';
import { encodeCodedIssue } from '../../src-shared/coded-issue';
import {
  connectionFieldIssues,
  connectionIssuesText,
  reenterSecretIssue,
  unreadableSecretIssue,
  urlProblemIssue,
} from './connection-issues';
import type { ConnectionInput, ConnectionView } from '../../src-shared/connection-types';

/** Stored secrets this process cannot open: sealed under another data key, or damaged. */
export class UnreadableSecretsError extends ConfigError {
  constructor(
    readonly connectionId: string,
    readonly reason: string,
  ) {
    super(`supplier connection "${connectionId}": ${reason}`);
    this.name = 'UnreadableSecretsError';
  }
}

/** What a save or a test may fall back to: a connection's stored settings and, on demand, its stored secrets. */
export interface StoredSecretsSource {
  settings: Record<string, unknown>;
  /** The secret fields that hold a value. */
  secretsSet: readonly string[];
  /** Opens the stored secrets; throws UnreadableSecretsError when this process cannot. */
  open(): Record<string, string>;
}

export const COMMON_FIELDS: ReadonlySet<string> = new Set(['id', 'kind', 'name']);

/** The non-secret settings that differ between two connections ('' and absent are the same), sorted. */
export function changedSettings(
  next: Record<string, unknown>,
  stored: Record<string, unknown>,
  secretFields: readonly string[],
): string[] {
  const keys = new Set([...Object.keys(next), ...Object.keys(stored)]);
  return [...keys]
    .filter(
      (key) =>
        !secretFields.includes(key) && !COMMON_FIELDS.has(key) && String(next[key] ?? '') !== String(stored[key] ?? ''),
    )
    .sort();
}

/**
 * The secrets a save or a test goes on with: the ones typed now, and for the others the stored ones, but only when
 * every non-secret setting is the stored one. A stored secret is never sent to a URL or for an account the merchant
 * did not save it with (a page could otherwise send it anywhere by "testing" a connection with another baseUrl).
 * Throws a ConfigError naming each secret field that has to be typed again.
 */
export function secretsFor(
  kind: SupplierKind,
  typed: ConnectionInput['secrets'],
  settings: Record<string, unknown>,
  stored: StoredSecretsSource | null,
): Record<string, string> {
  const secrets: Record<string, string> = {};
  const fromStore: string[] = [];
  for (const field of kind.secretFields) {
    const value = typed?.[field];
    if (value) secrets[field] = value;
    else if (stored?.secretsSet.includes(field)) fromStore.push(field);
  }
  if (!stored || fromStore.length === 0) return secrets;
  const changed = changedSettings(settings, stored.settings, kind.secretFields);
  if (changed.length) {
    throw new ConfigError(reenterSecretIssue(fromStore, changed));
  }
  let opened: Record<string, string>;
  try {
    opened = stored.open();
  } catch (error) {
    // The form words it ("cannot be read here: enter it again"); the reason in full stays with syncs and the CLI.
    if (error instanceof UnreadableSecretsError) throw new ConfigError(unreadableSecretIssue(fromStore));
    throw error;
  }
  for (const field of fromStore) if (opened[field]) secrets[field] = opened[field];
  return secrets;
}

/** Supplier connections the merchant manages in the app, with their secrets sealed at rest. */
export class ConnectionsService {
  /** Rows saved before migration 006 that this process tried and failed to open (by id and version). */
  private readonly unreadableLegacy = new Map<string, string>();

  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
  ) {}

  /** Every connection, without opening any secret: one that cannot be read here is flagged, not fatal. */
  list(): ConnectionView[] {
    return listStoredConnections(this.db).map((stored) => this.viewOf(stored));
  }

  view(id: string): ConnectionView | null {
    const stored = getStoredConnection(this.db, id);
    return stored ? this.viewOf(stored) : null;
  }

  /** The connections' ids and kinds, nothing opened. */
  ids(): Array<{ id: string; kind: string }> {
    return listStoredConnections(this.db).map((stored) => ({ id: stored.id, kind: stored.kind }));
  }

  /** When the connection was last saved (null when there is none): a cached adapter older than that is stale. */
  version(id: string): string | null {
    return getStoredConnection(this.db, id)?.updatedAt ?? null;
  }

  /**
   * The full connection, secrets included, for the adapters in this process only. Throws ConfigError when there is
   * no such connection, and UnreadableSecretsError when its secrets cannot be opened here.
   */
  resolve(id: string): ConnectionBase {
    const stored = getStoredConnection(this.db, id);
    if (!stored) throw new ConfigError(`no supplier connection "${id}"`);
    const secrets = this.open(stored);
    const connection = { ...stored.settings, ...secrets, id: stored.id, kind: stored.kind, name: stored.name };
    // Settings are stored as text ("30"): the kind's schema reads them into what its adapter takes (a number). One
    // saved under an older rule still opens as it was stored.
    const parsed = supplierKind(stored.kind)?.configSchema.safeParse(connection);
    return (parsed?.success ? { ...connection, ...parsed.data } : connection) as ConnectionBase;
  }

  /** The stored settings and secrets of a connection of this kind, for a test that falls back to them. */
  source(id: string, kind: string): StoredSecretsSource | null {
    const stored = getStoredConnection(this.db, id);
    if (!stored || stored.kind !== kind) return null;
    return this.sourceOf(stored);
  }

  /** Validates against the kind's own schema (with the stored secrets it may reuse), then seals and stores. */
  save(input: ConnectionInput): ConnectionView {
    const kind = supplierKind(input.kind);
    if (!kind) throw new ConfigError(`unknown supplier kind "${input.kind}"`);
    // A new connection never takes over an existing one that happens to have a similar name.
    const id = input.id?.trim() || this.freeId(slug(input.name) || input.kind);
    const existing = getStoredConnection(this.db, id);
    if (existing && existing.kind !== input.kind)
      throw new ConfigError(
        `connection "${id}" is a ${existing.kind} connection; remove it to make a ${input.kind} one`,
      );
    const settings = Object.fromEntries(
      Object.entries(input.settings).filter(
        ([key, value]) => !kind.secretFields.includes(key) && !COMMON_FIELDS.has(key) && value !== '',
      ),
    );
    const secrets = secretsFor(kind, input.secrets, settings, existing ? this.sourceOf(existing) : null);
    const candidate = { ...settings, ...secrets, id, kind: input.kind, name: input.name.trim() || id };
    const parsed = kind.configSchema.safeParse(candidate);
    if (!parsed.success) throw new ConfigError(connectionIssuesText(parsed.error, candidate));
    const urlProblem = connectionUrlProblem(candidate);
    if (urlProblem) throw new ConfigError(urlProblemIssue(urlProblem));
    const sealed = Object.keys(secrets).length > 0;
    upsertStoredConnection(this.db, {
      id,
      kind: input.kind,
      name: candidate.name,
      settings,
      secretsBlob: sealed ? this.box.seal(JSON.stringify(secrets)) : null,
      sealedBy: this.box.sealedBy,
      secretsSet: Object.keys(secrets),
      keyId: sealed ? this.box.keyId : null,
    });
    return this.view(id)!;
  }

  /**
   * What the kind's schema and the URL rule say about the form as typed, per field (coded issues, nothing stored):
   * the form checks each field as it loses focus. A secret left empty counts as given when one is stored.
   */
  check(input: ConnectionInput): Record<string, string> {
    const kind = supplierKind(input.kind);
    if (!kind) return { kind: encodeCodedIssue('kind', { code: 'field.invalid', params: {} }) };
    const stored = input.id ? getStoredConnection(this.db, input.id) : null;
    const settings = Object.fromEntries(
      Object.entries(input.settings ?? {}).filter(
        ([key, value]) => !kind.secretFields.includes(key) && !COMMON_FIELDS.has(key) && value !== '',
      ),
    );
    const secrets = Object.fromEntries(
      kind.secretFields.flatMap((field) => {
        const typed = input.secrets?.[field];
        if (typed) return [[field, typed]];
        return stored?.kind === input.kind &&
          stored.secretsBlob &&
          (stored.secretsSet ?? kind.secretFields).includes(field)
          ? [[field, 'stored']]
          : [];
      }),
    );
    const candidate: Record<string, unknown> = {
      ...settings,
      ...secrets,
      id: input.id || 'check',
      kind: input.kind,
      name: input.name?.trim() || 'check',
    };
    const parsed = kind.configSchema.safeParse(candidate);
    const issues = parsed.success ? {} : connectionFieldIssues(parsed.error, candidate);
    const urlProblem = issues.baseUrl ? null : connectionUrlProblem(candidate);
    if (urlProblem) issues[urlProblem.params.field] ??= urlProblemIssue(urlProblem);
    return issues;
  }

  remove(id: string): boolean {
    return deleteStoredConnection(this.db, id);
  }

  /** An id no connection has, nor any order was placed under: orders and sync history stay with their account. */
  private freeId(base: string): string {
    const used = (id: string) => getStoredConnection(this.db, id) !== null || hasOrdersUnder(this.db, id);
    let id = base;
    for (let n = 2; used(id); n++) id = `${base}-${n}`;
    return id;
  }

  private viewOf(stored: StoredConnection): ConnectionView {
    const kind = supplierKind(stored.kind);
    const { problem, set } = this.inspect(stored);
    return {
      id: stored.id,
      kind: stored.kind,
      name: stored.name,
      settings: Object.fromEntries(Object.entries(stored.settings).map(([k, v]) => [k, withoutUserInfo(String(v))])),
      secrets: Object.fromEntries((kind?.secretFields ?? []).map((field) => [field, set.includes(field)])),
      ...(problem !== null && { secretsProblem: problem }),
    };
  }

  private sourceOf(stored: StoredConnection): StoredSecretsSource {
    return {
      settings: stored.settings,
      secretsSet: stored.secretsBlob ? (stored.secretsSet ?? supplierKind(stored.kind)?.secretFields ?? []) : [],
      open: () => this.open(stored),
    };
  }

  /**
   * Whether this process can use the stored secrets, and which fields they fill, without opening them: the data
   * key's fingerprint says. Only rows saved before the fingerprint was recorded are opened, once, to find out.
   */
  private inspect(stored: StoredConnection): { problem: string | null; set: string[] } {
    if (!stored.secretsBlob) return { problem: null, set: [] };
    if (stored.keyId !== null) {
      return stored.keyId === this.box.keyId
        ? { problem: null, set: stored.secretsSet ?? [] }
        : { problem: this.otherKey(stored), set: [] };
    }
    const memo = `${stored.id}\n${stored.updatedAt}`;
    const known = this.unreadableLegacy.get(memo);
    if (known !== undefined) return { problem: known, set: [] };
    try {
      return { problem: null, set: Object.keys(this.open(stored)) };
    } catch (error) {
      if (!(error instanceof UnreadableSecretsError)) throw error;
      this.unreadableLegacy.set(memo, error.reason);
      return { problem: error.reason, set: [] };
    }
  }

  private open(stored: StoredConnection): Record<string, string> {
    if (!stored.secretsBlob) return {};
    if (stored.keyId !== null && stored.keyId !== this.box.keyId)
      throw new UnreadableSecretsError(stored.id, this.otherKey(stored));
    let secrets: Record<string, string>;
    try {
      secrets = JSON.parse(this.box.open(stored.secretsBlob)) as Record<string, string>;
    } catch {
      throw new UnreadableSecretsError(
        stored.id,
        stored.keyId === null
          ? this.otherKey(stored)
          : 'secrets unreadable — enter them again: they were sealed with the data key this process has, but cannot be decrypted (damaged)',
      );
    }
    if (stored.keyId === null || stored.secretsSet === null)
      recordSecretsMeta(this.db, stored.id, stored.secretsBlob, Object.keys(secrets), this.box.keyId);
    return secrets;
  }

  /** Says, from who sealed the secrets and who is reading them now, why this process cannot open them. */
  private otherKey(stored: StoredConnection): string {
    const now = this.box.sealedBy;
    let why: string;
    if (stored.sealedBy === 'os-keychain' && now === 'key-file')
      why = 'they were sealed by the OS keychain (the desktop app), and this process uses the key file';
    else if (stored.sealedBy === 'key-file' && now === 'os-keychain')
      why = 'they were sealed with the key file, and this process uses the OS keychain, whose data key is another one';
    else if (stored.sealedBy === 'os-keychain')
      why =
        'they were sealed by the OS keychain under another data key (the keychain entry was replaced or belongs to another account)';
    else why = "they were sealed with another key file (the data folder's secret.key was replaced)";
    return `secrets unreadable — enter them again: ${why}`;
  }
}

/**
 * A URL setting saved before user info was refused keeps its `user:pass@` in the database; it is never shown (nor
 * sent over the bridge). Saving the connection again stores it without.
 */
function withoutUserInfo(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(value)) return value;
  try {
    const url = new URL(value);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return value;
  }
}

function slug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}
