import { z } from 'zod';
import { SupplierError } from '../../http/errors';
import { money } from '../../domain/money';
import type { AdapterEnv, CatalogPage, FetchOptions, PingResult, SupplierAdapter } from '../adapter';
import { describeItem, mapPageItems, rawField } from '../shared/validate-items';
import { DujiaoClient } from './client';
import { categorySchema, mapProduct, productSchema, type DujiaoCategory, type MapContext } from './map';
import { createDujiaoOrders } from './orders';

export interface DujiaoProfile {
  label: string;
  stockReporting: MapContext['stockReporting'];
  maxQuantity: number | null;
  fixedKind?: MapContext['fixedKind'];
  /** How GET /orders/:id names an order: Dujiao-Next by order_id (the default), MeSIM by order_no. */
  orderLookup?: 'id' | 'order_no';
}

const pingSchema = z.object({
  ok: z.literal(true),
  site_name: z.string().optional(),
  balance: z.union([z.string(), z.number()]).optional(),
  currency: z.string().min(3),
  member_level: z.object({ name: z.record(z.string(), z.string()).optional() }).nullish(),
});

/** A SupplierAdapter over the Dujiao-Next upstream protocol; MeSIM uses it with its own profile. */
export function createDujiaoProtocolAdapter(connection: { apiBase: string; apiKey: string; apiSecret: string }, profile: DujiaoProfile, env?: AdapterEnv): SupplierAdapter {
  const client = new DujiaoClient({ ...connection, label: profile.label, env });

  async function ping(signal?: AbortSignal): Promise<PingResult> {
    const parsed = pingSchema.safeParse(await client.call('POST', '/ping', { signal }));
    if (!parsed.success) throw new SupplierError(`${profile.label} POST /ping: unexpected answer (${parsed.error.issues[0]?.message})`, 'bad_response');
    const { balance, currency, site_name, member_level } = parsed.data;
    const detail: Record<string, string> = {};
    if (site_name) detail.site = site_name;
    const level = member_level?.name?.en ?? member_level?.name?.['en-US'] ?? Object.values(member_level?.name ?? {})[0];
    if (level) detail.memberLevel = level;
    return { balance: balance === undefined ? null : money(balance, currency), currency: currency.toUpperCase(), detail };
  }

  async function categories(signal?: AbortSignal): Promise<Map<number, DujiaoCategory>> {
    const envelope = await client.call('GET', '/categories', { signal });
    const list = z.array(z.unknown()).safeParse(envelope.categories);
    if (!list.success) throw new SupplierError(`${profile.label} GET /categories: no categories array`, 'bad_response');
    const result = new Map<number, DujiaoCategory>();
    for (const raw of list.data) {
      const category = categorySchema.safeParse(raw);
      if (category.success) result.set(category.data.id, category.data);
    }
    return result;
  }

  async function* fetchCatalog(options: FetchOptions = {}): AsyncIterable<CatalogPage> {
    // The listing has no currency of its own: prices are in the site currency that /ping reports.
    const { currency } = await ping(options.signal);
    const context: MapContext = {
      currency,
      categories: await categories(options.signal),
      stockReporting: profile.stockReporting,
      maxQuantity: profile.maxQuantity,
      fixedKind: profile.fixedKind,
    };
    const listing = await client.listAllProducts(options);
    const byPage = new Map<number, Array<{ raw: unknown; index: number }>>();
    for (const item of listing.items) {
      const page = byPage.get(item.page) ?? [];
      page.push(item);
      byPage.set(item.page, page);
    }
    for (const [page, items] of byPage) {
      const mapped = mapPageItems(items.map((i) => i.raw), productSchema, (product) => mapProduct(product, context),
        (raw, i) => describeItem(`page ${page}`, items[i].index + 1, rawField(raw, 'id'), 'product'));
      const duplicates = listing.duplicates.filter((d) => d.page === page)
        .map((d) => ({ where: describeItem(`page ${page}`, d.index + 1, d.id, 'product'), reason: 'duplicate of a product on an earlier page; first kept' }));
      yield { offers: mapped.offers, skipped: [...mapped.skipped, ...duplicates] };
    }
  }

  const orders = createDujiaoOrders(client, { label: profile.label, maxQuantity: profile.maxQuantity, orderLookup: profile.orderLookup ?? 'id' });
  return { ping, fetchCatalog, orders };
}
