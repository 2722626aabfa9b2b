import { CanceledError, describeError } from '../../http/errors';
import type { Offer } from '../../domain/offer';
import type { AdapterEnv, CatalogPage, FetchOptions, PingResult, SupplierAdapter } from '../adapter';
import { FetchAhead } from '../shared/fetch-ahead';
import { refuseImplausibleListing } from '../shared/listing-limits';
import { incompleteCatalog, supplierText } from '../shared/supplier-text';
import { mapPageItems, rawField } from '../shared/validate-items';
import { FmsClient, type FmsAccount } from './client';
import { DetailCache } from './detail-cache';
import { sameBase, threadShared } from '../shared/thread-shared';
import { itemFingerprint } from '../shared/item-fingerprint';
import { REQUEST_CONCURRENCY, listCountries, listPackages, type ListedPackage } from './listing';
import { mapPackageDetail, type MapContext } from './map';
import { createLinksfieldOrders } from './orders';
import { FMS_PATHS } from './paths';
import { packageDetailSchema } from './schemas';
import { skippedText } from '../../../src-shared/skipped-text';

/** Packages detailed per yielded page; also the unit the "mostly malformed" rule judges. */
export const DETAILS_PER_PAGE = 50;

export interface LinksfieldAccount extends FmsAccount {
  /** The account currency: the one of each package's prices that becomes the offer's cost. */
  currency: string;
}

/** The detail the stored offer was read from, when it was read under exactly this list entry. */
function storedDetail(pkg: ListedPackage, storedRaw: FetchOptions['storedRaw']): unknown {
  if (pkg.fingerprint === null || !storedRaw) return undefined;
  const raw = storedRaw(String(pkg.id)) as { detail?: unknown; listEntry?: unknown } | undefined;
  return raw && raw.listEntry === pkg.fingerprint ? raw.detail : undefined;
}

function withListEntry(offer: Offer, fingerprints: Map<string, string | null>): Offer {
  const listEntry = fingerprints.get(offer.productId);
  return listEntry ? { ...offer, raw: { ...(offer.raw as Record<string, unknown>), listEntry } } : offer;
}

export function createLinksfieldAdapter(account: LinksfieldAccount, label: string, env?: AdapterEnv): SupplierAdapter {
  const client = new FmsClient(account, label, env);
  // Details of the account's previous listing in this thread, reused while their list entry is unchanged
  // (detail-cache.ts); the stored catalog's raw details serve where this thread has not listed it yet.
  const details = threadShared(
    'linksfield-details',
    [sameBase(account.baseUrl), account.partnerCode, account.email.toLowerCase()],
    () => new DetailCache(),
  );

  /**
   * FMS offers no balance or account endpoint (payment happens outside it), so ping logs in afresh to
   * prove the credentials and reads the country list to prove the partner code reaches a catalog.
   */
  async function ping(signal?: AbortSignal): Promise<PingResult> {
    await client.signIn(signal);
    const countries = await listCountries(client, signal);
    return {
      balance: null,
      currency: account.currency,
      detail: { account: account.email, partnerCode: account.partnerCode, countries: String(countries.length) },
    };
  }

  async function* fetchCatalog(options: FetchOptions = {}): AsyncIterable<CatalogPage> {
    const { signal, onProgress } = options;
    const countries = await listCountries(client, signal);
    const listing = await listPackages(client, countries, {
      signal,
      onCountryListed: (known) => onProgress?.({ pagesDone: 0, pagesTotal: known, items: 0 }),
    });
    const context: MapContext = {
      currency: account.currency,
      listedUnder: new Map(listing.packages.map((pkg) => [String(pkg.id), pkg.listedUnder])),
    };
    const total = listing.packages.length;
    if (total === 0) {
      // Countries without a single package between them is a listing gone wrong, not an empty catalog: taken as
      // one, it would mark every offer removed.
      const unusable = listing.skipped.length;
      throw incompleteCatalog(
        label,
        unusable
          ? supplierText('listing.noPackagesSomeUnusable', { countries: countries.length, unusable })
          : supplierText('listing.noPackages', { countries: countries.length }),
      );
    }
    // Every package costs a detail request: a list claiming millions would be followed for days.
    refuseImplausibleListing(label, { total, pages: Math.ceil(total / DETAILS_PER_PAGE) });
    onProgress?.({ pagesDone: 0, pagesTotal: total, items: 0 });
    details.retainOnly(new Set(listing.packages.map((pkg) => String(pkg.id))));
    // Only between full listings: a full one (every 24 h, or asked for) reads every detail again, which is what
    // catches a detail that changed while its list entry did not.
    const reuseDetails = Boolean(options.changedSince);
    let detailed = 0;
    // Details are asked for ahead across pages: the next page's are on their way while this one is mapped and stored.
    const ahead = new FetchAhead(
      { first: 0, last: total - 1 },
      { concurrency: REQUEST_CONCURRENCY, buffered: REQUEST_CONCURRENCY * 2 },
      async (index) => {
        const detail = await fetchDetail(
          listing.packages[index],
          signal,
          reuseDetails ? { storedRaw: options.storedRaw } : null,
        );
        detailed++;
        onProgress?.({ pagesDone: detailed, pagesTotal: total, items: detailed });
        return detail;
      },
    );
    try {
      for (let start = 0; start < total; start += DETAILS_PER_PAGE) {
        const chunk = listing.packages.slice(start, start + DETAILS_PER_PAGE);
        const details: unknown[] = [];
        for (let index = start; index < start + chunk.length; index++) details.push(await ahead.take(index));
        const fingerprints = new Map(chunk.map((pkg) => [String(pkg.id), pkg.fingerprint]));
        const page = mapPageItems(
          details,
          packageDetailSchema,
          // The list entry the detail was read under is kept with the offer: the next sync may reuse the detail.
          (detail) => [withListEntry(mapPackageDetail(detail, context), fingerprints)],
          (_raw, index) =>
            skippedText('where.package', { id: chunk[index].id, countries: chunk[index].listedUnder.join(', ') }),
          undefined,
          // Every detail is still asked for (the list shows no change marker), but one exactly as a live offer was
          // mapped from, under the same countries, is not validated, mapped or staged again.
          {
            fingerprint: (detail) => {
              // Looked up as the mapping looks them up: by the id the detail itself carries.
              const id = String(rawField(detail, 'id'));
              const inputs = [account.currency, context.listedUnder.get(id) ?? null, fingerprints.get(id) ?? null];
              return itemFingerprint('linksfield', [...inputs, detail]);
            },
            reusable: options.reusable,
          },
        );
        yield { ...page, skipped: start === 0 ? [...listing.skipped, ...page.skipped] : page.skipped };
      }
    } finally {
      ahead.stop();
    }
  }

  /**
   * A detail that still fails after retries leaves a hole in the catalog, so the whole fetch fails. `reuse`: null to
   * ask for it whatever this thread or the stored catalog holds.
   */
  async function fetchDetail(
    pkg: ListedPackage,
    signal: AbortSignal | undefined,
    reuse: { storedRaw?: FetchOptions['storedRaw'] } | null,
  ): Promise<unknown> {
    if (reuse) {
      const cached = details.get(String(pkg.id), pkg.fingerprint) ?? storedDetail(pkg, reuse.storedRaw);
      if (cached !== undefined) return cached;
    }
    try {
      const answer = await client.call(FMS_PATHS.packageDetail, { id: pkg.id }, signal);
      // Kept as the offer stores it (its parsed form), so that a detail fetched now and one read back from the stored
      // catalog later have one fingerprint; an unreadable one stays as sent, for validation to report.
      const parsed = packageDetailSchema.safeParse(answer);
      const detail = parsed.success ? parsed.data : answer;
      details.remember(String(pkg.id), pkg.fingerprint, detail);
      return detail;
    } catch (error) {
      if (error instanceof CanceledError) throw error;
      throw incompleteCatalog(
        `${label} POST ${FMS_PATHS.packageDetail}`,
        supplierText('listing.packageFailed', { id: pkg.id, error: describeError(error) }),
      );
    }
  }

  return {
    ping,
    fetchCatalog,
    orders: createLinksfieldOrders(client, label, env?.now),
    noBalance: true,
    session: client.sessionHandle,
  };
}
