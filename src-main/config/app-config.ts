import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, readJsonFile } from './json-file';
import type { ConnectionBase } from '../suppliers/adapter';
import { SUPPLIER_KINDS, supplierKind } from '../suppliers/registry';
import { issueAsText, MAX_ISSUES } from '../suppliers/shared/issue-text';
import { wordCodedText } from '../../src-shared/coded-issue';
import { issueText } from '../../src-shared/issue-codes';
import { FULL_LISTING_HOURS, SYNC_DEADLINE_MINUTES, type WholeNumberSetting } from '../../src-shared/sync-timing';
import { translator } from '../../src-renderer/i18n/fill-template';
import { problemsDictionary } from '../../src-renderer/i18n/problems';
import {
  connectionUrlProblem,
  INSECURE_HTTP_OPT_IN,
  isOptedIn,
  urlProblemText,
  type UrlProblem,
} from '../http/url-policy';

/** A suppliers file is a few KB; anything near this is not one (and is never read into memory whole). */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;
/** Far more connections than any merchant has; a file with more is a mistake or an attack on start-up time. */
export const MAX_CONFIG_SUPPLIERS = 200;

export interface AppConfig {
  /** The merchant's own currency, when the file states one (it then becomes the app's); absent leaves it as it is. */
  currency: string | null;
  /** The sync settings the file states (they then become the app's, like the currency); absent leaves them. */
  sync: SyncTimingConfig;
  suppliers: ConnectionBase[];
}

export interface SyncTimingConfig {
  syncDeadlineMinutes?: number;
  fullListingEveryHours?: number;
}

export { ConfigError };

const english = translator(problemsDictionary.en);

/**
 * A config file is written and read in English (like its field names): its problems are told in English, the
 * address's in the URL rule's own words (its schema issue would only say "not valid").
 */
function issuesInEnglish(error: z.ZodError, urlProblem: UrlProblem | null = null): string {
  return error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) =>
      urlProblem && issue.path[0] === 'baseUrl'
        ? `baseUrl: ${urlProblemText(urlProblem)}`
        : wordCodedText(issueAsText(issue), english),
    )
    .join('; ');
}

const fileShape = z.object({
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, issueText('problem.currencyCode'))
    .optional(),
  syncDeadlineMinutes: wholeNumber(SYNC_DEADLINE_MINUTES),
  fullListingEveryHours: wholeNumber(FULL_LISTING_HOURS),
  suppliers: z.array(z.record(z.string(), z.unknown())).max(MAX_CONFIG_SUPPLIERS).default([]),
});

function wholeNumber(setting: WholeNumberSetting) {
  return z.number().int().min(setting.min).max(setting.max).optional();
}

/** Validates a whole config; every message names the supplier and field at fault, never a secret's value. */
export function parseAppConfig(input: unknown, source = 'config'): AppConfig {
  const shape = fileShape.safeParse(input, { reportInput: true });
  if (!shape.success) throw new ConfigError(`${source}: ${issuesInEnglish(shape.error)}`);
  const ids = new Set<string>();
  const suppliers = shape.data.suppliers.map((raw, index) => {
    const where = `${source}: suppliers[${index}]${typeof raw.id === 'string' ? ` (id "${raw.id}")` : ''}`;
    if (typeof raw.kind !== 'string')
      throw new ConfigError(`${where}: "kind" is missing (one of ${SUPPLIER_KINDS.map((k) => k.kind).join(', ')})`);
    const kind = supplierKind(raw.kind);
    if (!kind)
      throw new ConfigError(
        `${where}: unknown kind "${raw.kind}" (one of ${SUPPLIER_KINDS.map((k) => k.kind).join(', ')})`,
      );
    const parsed = kind.configSchema.safeParse(raw, { reportInput: true });
    const urlProblem = connectionUrlProblem(raw);
    if (!parsed.success) throw new ConfigError(`${where}: ${issuesInEnglish(parsed.error, urlProblem)}`);
    if (urlProblem) throw new ConfigError(`${where}: baseUrl: ${urlProblemText(urlProblem)}`);
    if (ids.has(parsed.data.id)) throw new ConfigError(`${where}: id "${parsed.data.id}" is used twice`);
    ids.add(parsed.data.id);
    // The kind's schema does not know the opt-in; kept so that importing the file keeps the merchant's choice.
    return isOptedIn(raw[INSECURE_HTTP_OPT_IN]) ? { ...parsed.data, [INSECURE_HTTP_OPT_IN]: true } : parsed.data;
  });
  const { syncDeadlineMinutes, fullListingEveryHours } = shape.data;
  return {
    currency: shape.data.currency?.toUpperCase() ?? null,
    sync: {
      ...(syncDeadlineMinutes !== undefined && { syncDeadlineMinutes }),
      ...(fullListingEveryHours !== undefined && { fullListingEveryHours }),
    },
    suppliers,
  };
}

export function loadAppConfig(file: string): AppConfig {
  return parseAppConfig(readJsonFile(file, 'config file', MAX_CONFIG_FILE_BYTES), file);
}

/** Whether any connection of the config carries a secret value (the file then holds it in clear). */
export function configHoldsSecrets(config: AppConfig): boolean {
  return config.suppliers.some((connection) => {
    const kind = supplierKind(connection.kind);
    return (
      kind?.secretFields.some((field) => {
        const value = (connection as unknown as Record<string, unknown>)[field];
        return typeof value === 'string' && value !== '';
      }) ?? false
    );
  });
}

/** The file the app imports from its data folder once. */
export const CONFIG_FILE_NAME = 'suppliers.json';

/**
 * App start: a suppliers.json about to be imported into a new database is validated before that database is created,
 * so a refused file leaves nothing behind (no database made and migrated for nothing). Throws its ConfigError.
 */
export function checkConfigBeforeFirstOpen(dataDir: string, dbFile: string): void {
  const file = join(dataDir, CONFIG_FILE_NAME);
  if (existsSync(file) && !existsSync(dbFile)) loadAppConfig(file);
}
