import type { SimResponse, SimRequest } from '../../shared/sim/server';
import type { SimCatalog, SimProduct, SimSku } from './seed';

/**
 * Ways real Dujiao-Next servers list differently from the doc (dujiao-next-behaviour.md), each a switch tests
 * and the demo can turn on a running simulator (`state.quirks`).
 */
export interface ListingQuirks {
  /** An old build: `updated_after` and `include_inactive` are ignored and not echoed; it lists as without include_inactive. */
  ignoreIncremental: boolean;
  /** An old build without the route: GET /categories answers gin's plain-text `404 page not found`. */
  noCategories: boolean;
  /** How `spec_values` are served: plain text per spec, one text per locale per spec, or the whole map keyed by locale. */
  specValueShapes: 'text' | 'per-locale' | 'by-locale';
  /** Images as site-relative paths (`/uploads/…`). */
  relativeImages: boolean;
  /** Products with an even id are outside every category (`category_id: 0`), so left out of a listing without include_inactive. */
  uncategorized: boolean;
  /** Auto-delivered products with an odd id are bought further up by the site (`fulfillment_type: "upstream"`). */
  upstreamFulfillment: boolean;
  /**
   * The real server's order, `sort_order DESC, created_at DESC` (ids here are given as products are created): the
   * newest first, so a product created while a listing is paged shifts every later page by one. Off, products are
   * listed by id, and only a deletion shifts the pages.
   */
  newestFirst: boolean;
}

export const STANDARD_LISTING: ListingQuirks = {
  ignoreIncremental: false,
  noCategories: false,
  specValueShapes: 'text',
  relativeImages: false,
  uncategorized: false,
  upstreamFulfillment: false,
  newestFirst: false,
};

export interface ListingFlavor {
  /** The real server answers fewer items than asked: this is its cap. */
  pageSizeCap: number;
  /** MeSIM reports 999/0 instead of counts. */
  binaryStock: boolean;
}

const DAY_MS = 86_400_000;
/** Products never changed in the simulator's history look this old. */
const SEEDED_AGE_DAYS = 30;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Spec names the simulator can say in Chinese, and how each language writes a value. */
const SPEC_WORDS: Record<string, { zhName: string; zh: (v: string) => string; en: (v: string) => string }> = {
  Days: { zhName: '天数', zh: (v) => `${v}天`, en: (v) => `${v} Days` },
  Cycle: { zhName: '周期', zh: (v) => `${v}天`, en: (v) => `${v} days` },
  Amount: { zhName: '数额', zh: (v) => `${v}点`, en: (v) => `${v} points` },
};

/**
 * The listing side of the simulated server: GET /products (incremental included), /products/:id and /categories.
 * Each product carries an `updated_at` that moves only when the product itself changes between catalogs, as the
 * real server's row timestamp does: stock sold or restocked does not move it.
 */
export class SimListing {
  quirks: ListingQuirks = { ...STANDARD_LISTING };
  private catalog: SimCatalog = { categories: [], products: [] };
  private stamps = new Map<number, { fingerprint: string; updatedAt: number }>();
  private filtered = new Map<string, SimProduct[]>();
  private byId = new Map<number, SimProduct>();

  /**
   * `generation` and `now` date the seeded history: generation g's own changes a second before `now` (so a listing
   * started once the simulator runs, even with its time rounded down to the second, is later), each step before a day earlier.
   */
  constructor(
    private readonly flavor: ListingFlavor,
    catalog: SimCatalog,
    generation: number,
    now: number,
  ) {
    this.catalog = catalog;
    this.byId = new Map(catalog.products.map((product) => [product.id, product]));
    for (const product of catalog.products) {
      const step = product.changed_step;
      const updatedAt =
        step === undefined || step === 0
          ? now - (generation + SEEDED_AGE_DAYS) * DAY_MS
          : now - 1000 - (generation - step) * DAY_MS;
      this.stamps.set(product.id, { fingerprint: fingerprint(product), updatedAt });
    }
  }

  /**
   * The next catalog: a product whose content differs (or that is new) is stamped `now`, unless only its stock moved
   * (fingerprint); a missing one is deleted.
   */
  replace(catalog: SimCatalog, now: number): void {
    const stamps = new Map<number, { fingerprint: string; updatedAt: number }>();
    for (const product of catalog.products) {
      const print = fingerprint(product);
      const before = this.stamps.get(product.id);
      stamps.set(product.id, before && before.fingerprint === print ? before : { fingerprint: print, updatedAt: now });
    }
    this.catalog = catalog;
    this.byId = new Map(catalog.products.map((product) => [product.id, product]));
    this.stamps = stamps;
    this.filtered.clear();
  }

  updatedAt(productId: number): string | undefined {
    const stamp = this.stamps.get(productId);
    return stamp ? new Date(stamp.updatedAt).toISOString() : undefined;
  }

  categories(): SimResponse {
    if (this.quirks.noCategories)
      return { status: 404, body: '404 page not found', headers: { 'content-type': 'text/plain' } };
    return { status: 200, body: { ok: true, categories: this.catalog.categories } };
  }

  products(req: SimRequest): SimResponse {
    const pageText = req.query.get('page') ?? '1';
    const sizeText = req.query.get('page_size') ?? '20';
    if (!/^\d+$/.test(pageText) || !/^\d+$/.test(sizeText) || Number(pageText) < 1 || Number(sizeText) < 1) {
      return {
        status: 400,
        body: { ok: false, error_code: 'bad_request', error_message: 'page and page_size must be positive integers' },
      };
    }
    const page = Number(pageText);
    const pageSize = Math.min(Number(sizeText), this.flavor.pageSizeCap, 100);
    const honoursFilter = !this.quirks.ignoreIncremental;
    const includeInactive = honoursFilter && req.query.get('include_inactive') === 'true';
    // As the real server: an updated_after it cannot parse is no filter at all.
    const afterText = honoursFilter ? (req.query.get('updated_after') ?? '') : '';
    const after = RFC3339.test(afterText) ? Date.parse(afterText) : null;
    const listed = this.listed(includeInactive, after === null || Number.isNaN(after) ? null : after);
    const items = listed
      .slice((page - 1) * pageSize, page * pageSize)
      .map((product) => this.serialize(product, includeInactive));
    return {
      status: 200,
      body: {
        ok: true,
        items,
        total: listed.length,
        page,
        page_size: pageSize,
        ...(honoursFilter ? { includes_inactive: includeInactive } : {}),
      },
    };
  }

  /** GET /products/:id: a deactivated product still answers (is_active false); a deleted one is not found. */
  product(id: number): SimResponse {
    const product = this.byId.get(id);
    if (!product)
      return { status: 404, body: { ok: false, error_code: 'product_not_found', error_message: 'product not found' } };
    return { status: 200, body: { ok: true, product: this.serialize(product, true) } };
  }

  /**
   * Computed once per filter and catalog rather than on every page request. Without include_inactive the real server
   * lists only a product on sale whose category exists (ProductStore.List, OnlyActive): one outside every category
   * (`category_id: 0`) or in a deleted one is left out, though it is on sale, /products/:id shows it and it can be
   * ordered. With include_inactive every product not deleted is listed.
   */
  private listed(includeInactive: boolean, after: number | null): SimProduct[] {
    const { newestFirst, uncategorized } = this.quirks;
    const key = `${includeInactive}|${after}|${newestFirst}|${uncategorized}`;
    let list = this.filtered.get(key);
    if (!list) {
      const categories = new Set(this.catalog.categories.map((category) => category.id));
      list = this.catalog.products.filter(
        (product) =>
          (includeInactive || (product.is_active && categories.has(this.categoryId(product)))) &&
          (after === null || (this.stamps.get(product.id)?.updatedAt ?? 0) > after),
      );
      if (newestFirst) list.sort((a, b) => b.id - a.id);
      this.filtered.set(key, list);
    }
    return list;
  }

  /**
   * A product as the server shows it. Its SKUs taken off sale are left out only where the real server lists on-sale
   * products alone (a listing without include_inactive); /products/:id and a listing with it show every SKU not
   * deleted, each with its is_active.
   */
  serialize(product: SimProduct, withInactiveSkus: boolean) {
    const { quirks } = this;
    const skus = product.skus.filter((sku) => withInactiveSkus || sku.is_active).map((sku) => this.serializeSku(sku));
    const first = product.skus[0];
    const fulfillment =
      quirks.upstreamFulfillment && product.fulfillment_type === 'auto' && product.id % 2 === 1
        ? 'upstream'
        : product.fulfillment_type;
    return {
      id: product.id,
      slug: product.slug,
      title: product.title,
      description: product.description,
      content: {},
      seo_meta: {},
      images: quirks.relativeImages ? relativeImages(product) : product.images,
      tags: product.tags,
      price_amount: first?.price_amount ?? '0.00',
      ...(first?.original_price ? { original_price: first.original_price, member_price: first.member_price } : {}),
      fulfillment_type: fulfillment,
      manual_form_schema: product.manual_form_schema,
      is_active: product.is_active,
      category_id: this.categoryId(product),
      skus,
      ...(product.wholesale_prices?.length ? { wholesale_prices: product.wholesale_prices } : {}),
      created_at: '2026-03-01T12:00:00Z',
      updated_at: this.updatedAt(product.id) ?? '2026-03-01T12:00:00Z',
    };
  }

  /** The category the product is served in: 0 for none. */
  private categoryId(product: SimProduct): number {
    return this.quirks.uncategorized && product.id % 2 === 0 ? 0 : product.category_id;
  }

  private serializeSku(sku: SimSku) {
    const quantity = this.flavor.binaryStock ? (sku.stock_quantity === 0 ? 0 : 999) : sku.stock_quantity;
    const status =
      quantity === -1
        ? 'unlimited'
        : quantity === 0
          ? 'out_of_stock'
          : quantity <= 20 && !this.flavor.binaryStock
            ? 'low_stock'
            : 'in_stock';
    return {
      id: sku.id,
      sku_code: sku.sku_code,
      spec_values: shapeSpecs(sku.spec_values, this.quirks.specValueShapes),
      price_amount: sku.price_amount,
      ...(sku.original_price ? { original_price: sku.original_price, member_price: sku.member_price } : {}),
      stock_status: status,
      stock_quantity: quantity,
      is_active: sku.is_active,
    };
  }
}

/**
 * What saving the product row covers, and so what moves its `updated_at`. Stock is left out: on the real server, stock
 * sold by orders lives on the SKU row (manual stock) or is counted from unused card codes at each request (automatic
 * delivery), and neither touches the product row. An incremental listing does not see stock move; a full one does.
 */
function fingerprint(product: SimProduct): string {
  return JSON.stringify(product, (key, value) =>
    key === 'changed_step' || key === 'stock_quantity' ? undefined : value,
  );
}

function relativeImages(product: SimProduct): string[] {
  if (product.images.length === 0) return [`/uploads/products/${product.id}.png`];
  return product.images.map((image) => {
    try {
      return `/uploads${new URL(image).pathname}`;
    } catch {
      return image;
    }
  });
}

function shapeSpecs(specs: Record<string, unknown>, shape: ListingQuirks['specValueShapes']): Record<string, unknown> {
  const entries = Object.entries(specs).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  if (shape === 'text' || entries.length === 0) return specs;
  const words = (name: string) => SPEC_WORDS[name] ?? { zhName: name, zh: (v: string) => v, en: (v: string) => v };
  if (shape === 'per-locale') {
    return Object.fromEntries(
      entries.map(([name, value]) => [name, { 'zh-CN': words(name).zh(value), 'en-US': words(name).en(value) }]),
    );
  }
  return {
    'zh-CN': Object.fromEntries(entries.map(([name, value]) => [words(name).zhName, words(name).zh(value)])),
    'en-US': Object.fromEntries(entries.map(([name, value]) => [name, words(name).en(value)])),
  };
}
