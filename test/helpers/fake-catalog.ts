import type { SkippedItem } from '../../src-shared/sync-types';
import type { Offer } from '../../src-main/domain/offer';
import type { BudgetStats, RequestBudgetView } from '../../src-main/http/budget';
import type { CatalogPage, FetchOptions, SupplierAdapter } from '../../src-main/suppliers/adapter';
import { itemFingerprint } from '../../src-main/suppliers/shared/item-fingerprint';
import { mapPageItems } from '../../src-main/suppliers/shared/validate-items';
import { z } from 'zod';

/** One upstream product as the fake supplier keeps it: whole, with all its SKUs. */
export interface FakeProduct {
  id: string;
  active: boolean;
  /** Fails validation on listing (a skipped item naming the product). */
  unreadable: boolean;
  skus: Array<{
    skuId: string;
    variant: string;
    amount: string;
    currency: string;
    stock: number;
    title: string;
    raw: number;
  }>;
  /** The step at which it last changed upstream (what a server's updated_at says). */
  changedAt: number;
}

export function fakeOffer(product: FakeProduct, sku: FakeProduct['skus'][number]): Offer {
  return {
    productId: product.id,
    skuId: sku.skuId,
    variant: sku.variant,
    kind: 'esim',
    titles: { en: sku.title, 'zh-CN': `${sku.title} 中` },
    category: null,
    cost: { amount: sku.amount, currency: sku.currency },
    retailPrice: null,
    originalPrice: null,
    stock: sku.stock === 0 ? { status: 'out', quantity: 0 } : { status: 'in_stock', quantity: sku.stock },
    minQuantity: 1,
    maxQuantity: null,
    fulfillment: { mode: 'auto', inputFields: [] },
    images: [],
    plan: { countries: ['HK'], dataMB: 1024, days: 7 },
    orderable: true,
    raw: { v: sku.raw },
  };
}

/** A budget the test drives by hand: counts what the fake adapter "sends", and announces waits. */
export class FakeBudget implements RequestBudgetView {
  totals: BudgetStats = { requests: 0, waitMs: 0, throttled: 0, bytes: 0 };
  private readonly listeners = new Set<(resumesAt: number | null) => void>();
  stats(): BudgetStats {
    return { ...this.totals };
  }
  onWait(listener: (resumesAt: number | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  announce(resumesAt: number | null): void {
    for (const listener of this.listeners) listener(resumesAt);
  }
  get listening(): number {
    return this.listeners.size;
  }
}

export interface FakeAdapterOptions {
  pageSize?: number;
  /** Serve a full listing even when asked for changes (a server that ignores updated_at). */
  ignoreFilter?: boolean;
  /** Unchanged products re-listed in a 'changes' listing, as the safety overlap does (a number in [0, 1)). */
  overlap?: () => number;
  /** Called before each page is served (waits, faults). */
  beforePage?: (index: number, signal?: AbortSignal) => Promise<void> | void;
  /**
   * A protocol with no filter by time (BillionConnect, Linksfield): always lists every active product, mapped through
   * mapPageItems with item fingerprints, so that items FetchOptions.reusable names are reused unread.
   */
  reuseItems?: boolean;
}

/** What the reusing fake validates: an unreadable product fails here, as a bad upstream item would. */
const fakeItemSchema = z.object({
  id: z.string(),
  unreadable: z.literal(false),
  skus: z.array(z.object({ skuId: z.string() }).passthrough()),
});

/**
 * A supplier whose upstream the test holds as plain data. A full listing lists active products; a 'changes' listing
 * (when the engine passes changedSince) lists products changed since the step it last served and reports the
 * inactive ones among them in removedProducts. A product deleted outright just vanishes: only a full listing notices.
 */
export class FakeSupplier {
  products = new Map<string, FakeProduct>();
  step = 0;
  /** The step each adapter last served a listing at; a 'changes' listing covers what changed after it. */
  readonly budget = new FakeBudget();
  lastChangedSince: Array<string | null> = [];

  adapter(
    options: FakeAdapterOptions = {},
  ): SupplierAdapter & { servedStep: number; itemsRead: number; itemsKept: number } {
    const state = { servedStep: -1, itemsRead: 0, itemsKept: 0 };
    return Object.assign(state, {
      budget: this.budget,
      ping: async () => ({ balance: null, currency: 'USD', detail: {} }),
      fetchCatalog: (fetch: FetchOptions = {}) => this.listing(options, state, fetch),
    });
  }

  private async *listing(
    options: FakeAdapterOptions,
    state: { servedStep: number; itemsRead: number; itemsKept: number },
    fetch: FetchOptions,
  ): AsyncGenerator<CatalogPage> {
    this.lastChangedSince.push(fetch.changedSince ?? null);
    if (options.reuseItems) {
      yield* this.reusingListing(options, state, fetch);
      return;
    }
    const incremental = fetch.changedSince != null && !options.ignoreFilter && state.servedStep >= 0;
    const since = state.servedStep;
    const listed = [...this.products.values()].filter((p) =>
      incremental ? p.changedAt > since || (options.overlap !== undefined && options.overlap() < 0.1) : p.active,
    );
    const pageSize = options.pageSize ?? 7;
    const pageCount = Math.max(1, Math.ceil(listed.length / pageSize));
    for (let index = 0; index < pageCount; index++) {
      await options.beforePage?.(index, fetch.signal);
      this.budget.totals.requests++;
      this.budget.totals.bytes += 1000;
      const offers: Offer[] = [];
      const skipped: SkippedItem[] = [];
      const removedProducts: string[] = [];
      for (const product of listed.slice(index * pageSize, (index + 1) * pageSize)) {
        if (!product.active) removedProducts.push(product.id);
        else if (product.unreadable)
          skipped.push({ where: `product ${product.id}`, reason: 'bad price', productId: product.id });
        else offers.push(...product.skus.map((sku) => fakeOffer(product, sku)));
      }
      fetch.onProgress?.({ pagesDone: index + 1, pagesTotal: pageCount, items: offers.length });
      yield incremental ? { offers, skipped, scope: 'changes', removedProducts } : { offers, skipped, scope: 'full' };
    }
    state.servedStep = this.step;
  }

  private async *reusingListing(
    options: FakeAdapterOptions,
    state: { servedStep: number; itemsRead: number; itemsKept: number },
    fetch: FetchOptions,
  ): AsyncGenerator<CatalogPage> {
    // Copies, as a server's answer would be: the test moves the upstream on while the listing is held.
    const listed = [...this.products.values()]
      .filter((p) => p.active)
      .map((p) => JSON.parse(JSON.stringify(p)) as FakeProduct);
    const pageSize = options.pageSize ?? 7;
    for (let index = 0; index * pageSize < Math.max(1, listed.length); index++) {
      await options.beforePage?.(index, fetch.signal);
      this.budget.totals.requests++;
      const items = listed.slice(index * pageSize, (index + 1) * pageSize);
      const page = mapPageItems(
        items,
        fakeItemSchema,
        (item) => {
          state.itemsRead++;
          return item.skus.map((sku) => fakeOffer(item as unknown as FakeProduct, sku as FakeProduct['skus'][number]));
        },
        (raw) => `product ${(raw as FakeProduct).id}`,
        undefined,
        {
          // Everything the mapping and the schema read; not changedAt, which only a 'changes' listing looks at.
          fingerprint: (raw) => {
            const { id, unreadable, skus } = raw as FakeProduct;
            return itemFingerprint('fake', { id, unreadable, skus });
          },
          reusable: fetch.reusable,
        },
      );
      state.itemsKept += page.keptItems?.length ?? 0;
      yield { ...page, scope: 'full' };
    }
    state.servedStep = this.step;
  }
}

/** Moves the upstream one step: prices, stock, titles, SKUs, raw-only edits, new, deactivated, re-activated, unreadable. */
export function evolve(
  supplier: FakeSupplier,
  random: () => number,
  options: { hardDeletes?: boolean; newProducts?: number } = {},
): void {
  supplier.step++;
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const touch = (product: FakeProduct) => (product.changedAt = supplier.step);
  const newSku = (id: string, n: number) => ({
    skuId: `${id}-${n}`,
    variant: random() < 0.2 ? 'x2' : '',
    amount: (1 + Math.floor(random() * 2000) / 100).toFixed(2),
    currency: 'USD',
    stock: Math.floor(random() * 5) * 10,
    title: `Plan ${id}/${n}`,
    raw: 0,
  });
  for (let i = 0; i < (options.newProducts ?? 4); i++) {
    const id = `p${String(supplier.products.size + 1).padStart(4, '0')}`;
    const product: FakeProduct = { id, active: true, unreadable: false, skus: [], changedAt: supplier.step };
    const count = 1 + Math.floor(random() * 3);
    for (let n = 0; n < count; n++) product.skus.push(newSku(id, n));
    supplier.products.set(id, product);
  }
  for (const product of [...supplier.products.values()]) {
    if (random() > 0.3) continue;
    const sku = pick(product.skus);
    switch (Math.floor(random() * 10)) {
      case 0:
        if (sku) sku.amount = (Number(sku.amount) + (random() < 0.5 ? -0.5 : 0.75)).toFixed(2);
        break;
      case 1:
        if (sku) sku.stock = sku.stock === 0 ? 40 : 0;
        break;
      case 2:
        if (sku) sku.title = `${sku.title}!`;
        break;
      case 3:
        if (sku) sku.raw++;
        break;
      case 4:
        product.active = !product.active;
        break;
      case 5:
        product.unreadable = !product.unreadable;
        break;
      case 6:
        if (product.skus.length > 1) product.skus.splice(product.skus.indexOf(sku), 1);
        break;
      case 7:
        product.skus.push(newSku(product.id, product.skus.length + 10 + supplier.step));
        break;
      case 8:
        if (sku) sku.amount = Number(sku.amount).toFixed(3);
        break; // same price, other scale: stored, not a change
      case 9:
        if (options.hardDeletes) {
          supplier.products.delete(product.id);
          continue;
        }
        break;
    }
    touch(product);
  }
}
