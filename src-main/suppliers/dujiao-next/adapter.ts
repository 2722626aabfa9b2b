import { z } from 'zod';
import { SupplierError } from '../../http/errors';
import { money } from '../../domain/money';
import type { AdapterEnv, CatalogPage, FetchOptions, PingResult, SupplierAdapter } from '../adapter';
import { describeItem, mapItems, mapPageItems, rawField } from '../shared/validate-items';
import { issuesText } from '../shared/issue-text';
import { incompleteCatalog, supplierText } from '../shared/supplier-text';
import { DujiaoClient, RECHECK_LIMIT } from './client';
import { categoriesFingerprint, listingMemo, mapProduct, type MapContext } from './map';
import { createDujiaoOrders } from './orders';
import { categorySchema, pingSchema, productSchema, type DujiaoCategory } from './schemas';
import { skippedText } from '../../../src-shared/skipped-text';

export interface DujiaoProfile {
  label: string;
  stockReporting: MapContext['stockReporting'];
  maxQuantity: number | null;
  fixedKind?: MapContext['fixedKind'];
  /** How GET /orders/:id names an order: Dujiao-Next by order_id (the default), MeSIM by order_no. */
  orderLookup?: 'id' | 'order_no';
}

/** `is_active: false`: a product taken off sale, listed by servers that honour include_inactive. */
function isDeactivated(raw: unknown): boolean {
  return !!raw && typeof raw === 'object' && (raw as Record<string, unknown>).is_active === false;
}

/** A SupplierAdapter over the Dujiao-Next upstream protocol; MeSIM uses it with its own profile. */
export function createDujiaoProtocolAdapter(
  connection: { apiBase: string; apiKey: string; apiSecret: string },
  profile: DujiaoProfile,
  env?: AdapterEnv,
): SupplierAdapter {
  const client = new DujiaoClient({ ...connection, label: profile.label, env });
  // Real servers store images as site-relative paths (/uploads/…); the site is the API base without its mount point.
  const siteUrl = `${connection.apiBase.replace(/\/+$/, '').replace(/\/api\/v1\/upstream$/, '')}/`;

  async function ping(signal?: AbortSignal): Promise<PingResult> {
    const parsed = pingSchema.safeParse(await client.call('POST', '/ping', { signal }));
    if (!parsed.success)
      throw new SupplierError(
        supplierText('supplier.unexpected', {
          where: `${profile.label} POST /ping`,
          detail: issuesText(parsed.error),
        }),
        'bad_response',
      );
    const { balance, currency, site_name, member_level } = parsed.data;
    const detail: Record<string, string> = {};
    if (site_name) detail.site = site_name;
    const level = member_level?.name?.en ?? member_level?.name?.['en-US'] ?? Object.values(member_level?.name ?? {})[0];
    if (level) detail.memberLevel = level;
    return {
      balance: balance === undefined ? null : money(balance, currency),
      currency: currency.toUpperCase(),
      detail,
    };
  }

  /** Older servers have no /categories route at all (gin's plain-text 404): their products are simply uncategorized. */
  async function categories(signal?: AbortSignal): Promise<Map<number, DujiaoCategory>> {
    let envelope: Record<string, unknown>;
    try {
      envelope = await client.call('GET', '/categories', { signal });
    } catch (error) {
      if (error instanceof SupplierError && error.httpStatus === 404) return new Map();
      throw error;
    }
    const list = z.array(z.unknown()).safeParse(envelope.categories);
    if (!list.success)
      throw new SupplierError(
        supplierText('supplier.notAList', { where: `${profile.label} GET /categories`, field: 'categories' }),
        'bad_response',
      );
    const result = new Map<number, DujiaoCategory>();
    for (const raw of list.data) {
      const category = categorySchema.safeParse(raw);
      if (category.success) result.set(category.data.id, category.data);
    }
    return result;
  }

  /** categoriesFingerprint of the categories the last listing mapped with (SupplierAdapter.mappingFingerprint). */
  let mappedWith: string | null = null;

  async function* fetchCatalog(options: FetchOptions = {}): AsyncIterable<CatalogPage> {
    // The listing has no currency of its own: prices are in the site currency that /ping reports.
    const { currency } = await ping(options.signal);
    let context: MapContext | null = null;
    mappedWith = null;
    // Asked for only once needed: a page has something to map, or a listing of changes checks the categories first.
    const mapContext = async (): Promise<MapContext> => {
      if (context) return context;
      const listed = await categories(options.signal);
      mappedWith = categoriesFingerprint(listed);
      context = {
        currency,
        siteUrl,
        categories: listed,
        stockReporting: profile.stockReporting,
        maxQuantity: profile.maxQuantity,
        fixedKind: profile.fixedKind,
        memo: listingMemo(),
      };
      return context;
    };
    // A category renamed or moved leaves its products' updated_at alone: only a full listing maps them all again.
    if (options.changedSince && options.lastMappingFingerprint !== undefined) {
      await mapContext();
      if (mappedWith !== options.lastMappingFingerprint) options = { ...options, changedSince: null };
    }
    let scope: 'full' | 'changes' = options.changedSince ? 'changes' : 'full';
    let yielded = 0;
    // Set after the listing started over: the next page tells the engine to drop what it staged before.
    let restart = false;
    const listedIds = new Set<string>();
    let totalFell = false;
    for await (const listed of client.listProducts(options)) {
      if ('restart' in listed) {
        restart = true;
        yielded = 0;
        listedIds.clear();
        totalFell = false;
        continue;
      }
      scope = listed.scope;
      totalFell ||= listed.totalFell;
      const { page } = listed;
      for (const item of listed.items) listedIds.add(String(rawField(item.raw, 'id')));
      const items: Array<{ raw: unknown; index: number }> = [];
      const removed: string[] = [];
      for (const item of listed.items) {
        if (isDeactivated(item.raw)) {
          // In a full listing a deactivated product is simply not part of the catalog; in changes, it is a removal.
          if (scope === 'changes') removed.push(String(rawField(item.raw, 'id')));
          continue;
        }
        items.push(item);
      }
      const duplicates = listed.duplicates.map((d) => ({
        where: describeItem(skippedText('where.page', { page }), d.index + 1, d.id, 'product'),
        reason: skippedText('skip.duplicateProduct'),
      }));
      if (items.length === 0 && removed.length === 0 && duplicates.length === 0) continue;
      const context = items.length > 0 ? await mapContext() : null;
      const mapped = context
        ? mapPageItems(
            items.map((i) => i.raw),
            productSchema,
            (product) => mapProduct(product, context),
            (raw, i) =>
              describeItem(skippedText('where.page', { page }), items[i].index + 1, rawField(raw, 'id'), 'product'),
          )
        : { offers: [], skipped: [] };
      if (scope === 'changes') {
        // A changed product left with no active SKU has no offer any more: all of its previous ones go.
        const offered = new Set(mapped.offers.map((offer) => offer.productId));
        // A product that failed validation keeps its last good offers instead.
        const skipped = new Set(mapped.skipped.map((entry) => entry.productId));
        for (const item of items) {
          const id = String(rawField(item.raw, 'id'));
          if (!offered.has(id) && !skipped.has(id)) removed.push(id);
        }
      }
      yielded++;
      yield {
        offers: mapped.offers,
        skipped: [...mapped.skipped, ...duplicates],
        scope,
        ...(scope === 'changes' ? { removedProducts: removed } : {}),
        ...(restart ? { restart: true as const } : {}),
      };
      restart = false;
    }
    // A product still on sale can fall between two pages of a full listing (client.listProducts): each live product
    // not listed is asked for alone, and one still on sale is part of the catalog after all.
    if (scope === 'full' && options.liveProducts) {
      const unlisted = options.liveProducts().filter((id) => !listedIds.has(id));
      // Too many to ask alone. Gone between two syncs, so many were most likely meant (the hold rules judge them);
      // but if the listing shrank meanwhile, one of them may be a live product it shifted past, unknowable which.
      if (unlisted.length > RECHECK_LIMIT && totalFell)
        throw incompleteCatalog(
          `${profile.label} GET /products`,
          supplierText('listing.shrankWithMany', { missing: unlisted.length, max: RECHECK_LIMIT }),
        );
      const onSale = unlisted.length > RECHECK_LIMIT ? [] : await productsStillOnSale(unlisted, options.signal);
      if (onSale.length > 0) {
        const context = await mapContext();
        // Each judged alone: one product that cannot be read keeps its last good offers, and fails nothing else.
        const { page: mapped } = mapItems(
          onSale,
          productSchema,
          (product) => mapProduct(product, context),
          (raw) => skippedText('where.productAlone', { id: String(rawField(raw, 'id')) }),
        );
        yielded++;
        yield { ...mapped, scope, ...(restart ? { restart: true as const } : {}) };
        restart = false;
      }
    }
    // Nothing changed is still an answer: without a page saying 'changes', no page would read as an empty catalog.
    // And a listing that started over must void the first one even when the second yields nothing.
    if ((yielded === 0 && scope === 'changes') || restart) {
      yield {
        offers: [],
        skipped: [],
        scope,
        ...(scope === 'changes' ? { removedProducts: [] } : {}),
        ...(restart ? { restart: true as const } : {}),
      };
    }
  }

  /**
   * The raw products of `ids` still on sale, each asked for alone (GET /products/:id). Asking is a safety net: once an
   * answer fails (an older build without the route, a server error past its retries), the rest are left to the
   * listing's verdict, as they were before the net. Only the user's cancel or the deadline stops the sync.
   */
  async function productsStillOnSale(ids: string[], signal?: AbortSignal): Promise<unknown[]> {
    const onSale: unknown[] = [];
    for (const id of ids) {
      let raw: unknown;
      try {
        raw = (await client.product(id, signal))?.product;
      } catch (error) {
        if (signal?.aborted) throw error;
        break;
      }
      // Only the product asked for: another one answered in its place proves nothing of this one.
      if (raw !== undefined && !isDeactivated(raw) && String(rawField(raw, 'id')) === id) onSale.push(raw);
    }
    return onSale;
  }

  const orders = createDujiaoOrders(client, {
    label: profile.label,
    maxQuantity: profile.maxQuantity,
    orderLookup: profile.orderLookup ?? 'id',
  });
  // Every signed answer is within the server's 60 s timestamp window of client.clock, learnt from its Date header once
  // refused: close enough for updated_after, whose overlap is minutes.
  return {
    ping,
    fetchCatalog,
    orders,
    budget: client.budget,
    clockOffsetMs: () => client.clock.offset,
    mappingFingerprint: () => mappedWith,
  };
}
