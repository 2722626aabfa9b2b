import { setMaxListeners } from 'node:events';
import { z } from 'zod';
import { money } from '../../domain/money';
import { CanceledError, SupplierError } from '../../http/errors';
import type { AdapterEnv, CatalogPage, FetchOptions, PingResult, SupplierAdapter } from '../adapter';
import { describeItem, mapPageItems, rawField } from '../shared/validate-items';
import { MAX_LISTING_PAGES } from '../shared/listing-limits';
import { issuesText } from '../shared/issue-text';
import { incompleteCatalog, supplierText } from '../shared/supplier-text';
import { SeagmClient } from './client';
import { mapCardType, mapMobileProduct, mapRechargeType } from './map';
import { createSeagmOrders } from './orders';
import {
  accountSchema,
  cardCategorySchema,
  cardTypeSchema,
  countrySchema,
  groupedMobileProductSchema,
  mobileProductGroupsSchema,
  MOBILE_PRODUCT_GROUPS,
  operatorSchema,
  rechargeCategorySchema,
  rechargeTypeSchema,
} from './schemas';
import { skippedText } from '../../../src-shared/skipped-text';

export interface SeagmConnection {
  apiRoot: string;
  uid: string;
  secretKey: string;
  /** Names the connection in messages. */
  label: string;
}

/** One listing request of the catalog walk and how its answer becomes a page of offers. */
interface Listing {
  /** The part of the catalog it lists (coded): a failure's message and its skipped items name it. */
  part: string;
  load(signal: AbortSignal): Promise<CatalogPage>;
}

/**
 * The catalog is three trees, none paginated: card categories → card types, top-up categories → top-up
 * types, countries → operators → products. The directories are read first, so the number of listings is
 * known before they are fetched; every listing must succeed, or the fetch fails as incomplete. A failure of
 * the three top-level directories is reported as it is: nothing has been seen yet, so nothing is partial.
 */
export function createSeagmAdapter(connection: SeagmConnection, env?: AdapterEnv): SupplierAdapter {
  const client = new SeagmClient({ ...connection, env });
  const { label } = connection;

  async function ping(signal?: AbortSignal): Promise<PingResult> {
    const parsed = accountSchema.safeParse(await client.get('/v1/me', {}, signal));
    if (!parsed.success)
      throw new SupplierError(
        supplierText('supplier.unexpected', { where: `${label} GET /v1/me`, detail: issuesText(parsed.error) }),
        'bad_response',
      );
    const { id, username, credits, currency, balance } = parsed.data;
    const detail: Record<string, string> = {};
    if (username) detail.account = username;
    if (id) detail.accountId = id;
    if (credits !== undefined) detail.credits = String(credits);
    return { balance: balance === undefined ? null : money(balance, currency), currency, detail };
  }

  /** A directory must be read whole: an entry we cannot walk would hide its items and make them look removed. */
  async function readDirectory<Entry extends { id?: string; code?: string }>(
    path: string,
    params: Record<string, string>,
    schema: z.ZodType<Entry>,
    signal: AbortSignal,
  ): Promise<Entry[]> {
    const entries = listOf(await client.get(path, params, signal), `${label} GET ${path}`);
    const seen = new Set<string>();
    const result: Entry[] = [];
    entries.forEach((raw, index) => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        throw incompleteCatalog(
          `${label} GET ${path}`,
          supplierText('listing.unwalkable', { entry: index + 1, detail: issuesText(parsed.error) }),
        );
      }
      const key = parsed.data.id ?? parsed.data.code ?? String(index);
      if (seen.has(key)) return;
      seen.add(key);
      result.push(parsed.data);
    });
    return result;
  }

  async function planListings(signal: AbortSignal): Promise<Listing[]> {
    const [cardCategories, rechargeCategories, countries] = await Promise.all([
      readDirectory('/v1/card-categories', {}, cardCategorySchema, signal),
      readDirectory('/v1/recharge-categories', {}, rechargeCategorySchema, signal),
      readDirectory('/v1/mobile-recharge/countries', {}, countrySchema, signal),
    ]);
    // The directories are SEAGM's paging: each entry is one request more (a country's operators, a category's types).
    // Refused before they are asked for, as a paged listing is by its page count: a directory without end would
    // otherwise spend the whole sync deadline, and the account's pace, on requests the real catalog never needs.
    refuseTooManyListings(cardCategories.length + rechargeCategories.length + countries.length);
    const operatorsByCountry = await Promise.all(
      countries.map((country) =>
        incompleteOnFailure(supplierText('seagm.operatorsOf', { country: country.name ?? country.code }), () =>
          readDirectory('/v1/mobile-recharge/operators', { country_code: country.code }, operatorSchema, signal),
        ),
      ),
    );

    const listings: Listing[] = [];
    for (const category of cardCategories) {
      const part = supplierText('seagm.cardCategory', {
        id: category.id,
        name: category.name ?? category.code ?? category.id,
      });
      const path = `/v1/card-categories/${category.id}/card-types`;
      listings.push({
        part,
        load: async (s) =>
          mapPageItems(
            listOf(await client.get(path, {}, s), `${label} GET ${path}`),
            cardTypeSchema,
            (type) => mapCardType(type, category),
            describeById(part),
            (raw) => ({ productId: category.id, skuId: (raw as { id?: unknown } | null)?.id }),
          ),
      });
    }
    for (const category of rechargeCategories) {
      const part = supplierText('seagm.topUpCategory', {
        id: category.id,
        name: category.name ?? category.code ?? category.id,
      });
      const path = `/v1/recharge-categories/${category.id}/recharge-types`;
      listings.push({
        part,
        load: async (s) =>
          mapPageItems(
            listOf(await client.get(path, {}, s), `${label} GET ${path}`),
            rechargeTypeSchema,
            (type) => mapRechargeType(type, category),
            describeById(part),
            (raw) => ({ productId: category.id, skuId: (raw as { id?: unknown } | null)?.id }),
          ),
      });
    }
    countries.forEach((country, index) => {
      for (const operator of operatorsByCountry[index]) {
        const part = supplierText('seagm.operator', {
          id: operator.id,
          name: operator.name ?? operator.code ?? operator.id,
          country: country.code,
        });
        listings.push({
          part,
          load: async (s) => {
            const path = '/v1/mobile-recharge/products';
            const groups = mobileProductGroupsSchema.safeParse(await client.get(path, { operator_id: operator.id }, s));
            if (!groups.success)
              throw new SupplierError(
                supplierText('supplier.unexpected', {
                  where: `${label} GET ${path}`,
                  detail: issuesText(groups.error),
                }),
                'bad_response',
              );
            const items = MOBILE_PRODUCT_GROUPS.flatMap((group) =>
              (groups.data[group] ?? []).map((product, index) => ({ group, product, index })),
            );
            return mapPageItems(
              items,
              groupedMobileProductSchema,
              ({ group, product }) => mapMobileProduct(product, group, operator, country),
              (_raw, i) =>
                describeItem(
                  skippedText('where.inGroup', {
                    in: part,
                    group: skippedText(`seagm.group.${items[i].group}` as const),
                  }),
                  items[i].index + 1,
                  rawField(items[i].product, 'product_id'),
                ),
              (raw) => ({
                productId: operator.id,
                skuId: (raw as { product?: { product_id?: unknown } } | null)?.product?.product_id,
              }),
            );
          },
        });
      }
    });
    refuseTooManyListings(listings.length);
    return listings;
  }

  function refuseTooManyListings(listings: number): void {
    if (listings > MAX_LISTING_PAGES)
      throw new SupplierError(
        supplierText('supplier.tooManyListings', { where: label, listings, max: MAX_LISTING_PAGES }),
        'implausible_listing',
      );
  }

  /** Anything but a cancel or a ban (which say more as they are) means part of the catalog went unseen. */
  async function incompleteOnFailure<T>(part: string, task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (error) {
      if (error instanceof CanceledError || (error instanceof SupplierError && error.code === 'ip_banned')) throw error;
      const cause = error instanceof Error ? error.message : String(error);
      const incomplete = incompleteCatalog(label, supplierText('listing.partFailed', { part, error: cause }));
      incomplete.cause = error;
      throw incomplete;
    }
  }

  async function* fetchCatalog(options: FetchOptions = {}): AsyncIterable<CatalogPage> {
    // One failed listing ends the walk: the other queued requests are dropped instead of spent.
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    // Every listing waiting for its turn at the request gate listens on this signal; dozens are expected.
    setMaxListeners(0, signal);
    try {
      const listings = await planListings(signal);
      let pagesDone = 0;
      let items = 0;
      options.onProgress?.({ pagesDone, pagesTotal: listings.length, items });
      const pages = await Promise.all(
        listings.map(async (listing) => {
          const page = await incompleteOnFailure(listing.part, () => listing.load(signal));
          pagesDone++;
          items += page.offers.length;
          options.onProgress?.({ pagesDone, pagesTotal: listings.length, items });
          return page;
        }),
      );
      yield* pages;
    } finally {
      stop.abort();
    }
  }

  return { ping, fetchCatalog, orders: createSeagmOrders(client, label) };
}

function listOf(data: unknown, label: string): unknown[] {
  if (!Array.isArray(data))
    throw new SupplierError(supplierText('supplier.notAList', { where: label, field: 'data' }), 'bad_response');
  return data;
}

function describeById(part: string) {
  return (raw: unknown, index: number) => describeItem(part, index + 1, rawField(raw, 'id'));
}
