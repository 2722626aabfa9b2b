import type { SkippedItem } from '../../../src-shared/sync-types';
import { CanceledError, SupplierError, describeError } from '../../http/errors';
import { mapWithConcurrency } from '../shared/concurrency';
import { incompleteCatalog, supplierText } from '../shared/supplier-text';
import type { FmsClient } from './client';
import { isoFromMcc } from './countries';
import { listEntryFingerprint } from './detail-cache';
import { FMS_PATHS } from './paths';
import { countryEntrySchema, packageEntrySchema } from './schemas';
import { skippedText } from '../../../src-shared/skipped-text';

/**
 * `type` 1 lists every package whose coverage includes the country, regional ones too; 2 only packages
 * for that country alone. Only 1 reaches the whole catalog (regional packages appear under no country with 2).
 */
export const COVERAGE_INCLUDES_COUNTRY = 1;

/** Real servers limit per token; the catalog walk is hundreds of small calls, so a few at a time. */
export const REQUEST_CONCURRENCY = 3;

export interface ListedCountry {
  /** MCC as a number, the form FMS requests use; null when the entry only has a name. */
  countryCode: number | null;
  isoCountryName: string | null;
  /** How error messages name it. */
  label: string;
}

export interface ListedPackage {
  /** Sent back to the detail call exactly as listed. */
  id: number | string;
  /** Countries (MCC, or name when no MCC was given) that listed it; the same regional package is listed under several. */
  listedUnder: string[];
  /** What the list said about it (detail-cache.ts), null when the entry cannot show a change; the first listing's when several differ. */
  fingerprint: string | null;
}

export interface PackageListing {
  /** One entry per distinct package id, in the order first seen. */
  packages: ListedPackage[];
  skipped: SkippedItem[];
}

/**
 * `POST /package/countryPackageList`: per Linksfield's FMS docs, "all the countries assigned to the
 * partnerCode" regardless of the sample's countryCode, so none is sent. An empty answer is refused: a
 * partner account always has countries, and an empty catalog would mark every offer removed.
 */
export async function listCountries(client: FmsClient, signal?: AbortSignal): Promise<ListedCountry[]> {
  const path = FMS_PATHS.countryList;
  const data = await client.call(path, { partnerCode: client.partnerCode, type: COVERAGE_INCLUDES_COUNTRY }, signal);
  const entries = arrayIn(data);
  const where = `${client.label} POST ${path}`;
  if (!entries) throw new SupplierError(supplierText('supplier.notAList', { where, field: 'data' }), 'bad_response');
  if (entries.length === 0)
    throw incompleteCatalog(where, supplierText('listing.noCountries', { partner: client.partnerCode }));
  const countries = new Map<string, ListedCountry>();
  entries.forEach((entry, index) => {
    const parsed = countryEntrySchema.safeParse(entry);
    const country = parsed.success ? parsed.data : null;
    if (!country || (country.countryCode == null && !country.isoCountryName)) {
      // A country we cannot ask about is a part of the catalog we cannot see.
      throw incompleteCatalog(
        where,
        supplierText('listing.countryUnnamed', { entry: index + 1, detail: JSON.stringify(entry).slice(0, 120) }),
      );
    }
    const key =
      country.countryCode != null ? `mcc:${country.countryCode}` : `name:${country.isoCountryName!.toLowerCase()}`;
    if (!countries.has(key))
      countries.set(key, {
        countryCode: country.countryCode ?? null,
        isoCountryName: country.isoCountryName ?? null,
        label: countryLabel(country.countryCode ?? null, country.isoCountryName ?? null),
      });
  });
  return [...countries.values()];
}

/**
 * `POST /v1.1/package/packageList` for every country, deduplicated by package id. Any country that cannot
 * be listed makes the whole listing fail: the packages only it shows would otherwise look removed.
 */
export async function listPackages(
  client: FmsClient,
  countries: readonly ListedCountry[],
  options: { signal?: AbortSignal; onCountryListed?: (packagesKnown: number) => void } = {},
): Promise<PackageListing> {
  const path = FMS_PATHS.packageList;
  const known = new Set<string>();
  const perCountry = await mapWithConcurrency(countries, REQUEST_CONCURRENCY, async (country) => {
    let data: unknown;
    try {
      data = await client.call(
        path,
        {
          ...(country.countryCode != null ? { countryCode: country.countryCode } : {}),
          ...(country.isoCountryName ? { isoCountryName: country.isoCountryName } : {}),
          partnerCode: client.partnerCode,
          type: COVERAGE_INCLUDES_COUNTRY,
        },
        options.signal,
      );
    } catch (error) {
      if (error instanceof CanceledError) throw error;
      throw incompleteCatalog(
        `${client.label} POST ${path}`,
        supplierText('listing.countryFailed', { country: country.label, error: describeError(error) }),
      );
    }
    const entries = arrayIn(data);
    if (!entries)
      throw incompleteCatalog(
        `${client.label} POST ${path}`,
        supplierText('listing.countryNoList', { country: country.label }),
      );
    const ids: Array<{ id: number | string; fingerprint: string | null }> = [];
    const skipped: SkippedItem[] = [];
    entries.forEach((entry, index) => {
      const parsed = packageEntrySchema.safeParse(entry);
      if (parsed.success) ids.push({ id: parsed.data.id, fingerprint: listEntryFingerprint(entry) });
      else
        skipped.push({
          where: skippedText('where.packageListItem', { country: country.label, position: index + 1 }),
          reason: skippedText('skip.noPackageId'),
        });
    });
    if (entries.length > 0 && skipped.length * 2 > entries.length) {
      throw new SupplierError(
        supplierText('listing.noPackageIds', {
          where: `${client.label} POST ${path}`,
          bad: skipped.length,
          total: entries.length,
          country: country.label,
        }),
        'malformed_page',
      );
    }
    for (const { id } of ids) known.add(String(id));
    options.onCountryListed?.(known.size);
    return { country, ids, skipped };
  });

  const packages = new Map<string, ListedPackage>();
  const skipped: SkippedItem[] = [];
  for (const { country, ids, skipped: bad } of perCountry) {
    skipped.push(...bad);
    const listedAs = country.countryCode != null ? String(country.countryCode) : country.isoCountryName!;
    for (const { id, fingerprint } of ids) {
      const entry = packages.get(String(id)) ?? { id, listedUnder: [], fingerprint };
      if (!entry.listedUnder.includes(listedAs)) entry.listedUnder.push(listedAs);
      // Two countries listing the same package differently: the list is moving, so do not trust it for reuse.
      if (entry.fingerprint !== fingerprint) entry.fingerprint = null;
      packages.set(String(id), entry);
    }
  }
  return { packages: [...packages.values()], skipped };
}

/** FMS docs never show an answer; a bare array is most likely, a paging wrapper is read too. */
function arrayIn(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object') {
    for (const key of ['list', 'records', 'rows', 'data']) {
      const value = (data as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value;
    }
  }
  return null;
}

function countryLabel(countryCode: number | null, name: string | null): string {
  if (countryCode == null) return name!;
  // The supplier's own name, else the ISO code: either reads the same in every language.
  const named = name ?? isoFromMcc(countryCode);
  return named ? `${named} (MCC ${countryCode})` : `MCC ${countryCode}`;
}
