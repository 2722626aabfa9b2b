// Syncs a large fake catalog in its own process and prints its peak RSS, so the figure is this sync's alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src-main/db/open';
import type { Offer } from '../../src-main/domain/offer';
import type { CatalogPage, FetchOptions, SupplierAdapter } from '../../src-main/suppliers/adapter';
import { syncSupplier } from '../../src-main/sync/engine';

const OFFERS = Number(process.argv[2] ?? 100_000);
const PAGE = 500;
let generation = 0;

/** Generation 1 moves the price of every 100th offer: 1 % changed, listed alone when asked for changes. */
function offer(index: number): Offer {
  const moved = generation > 0 && index % 100 === 0;
  return {
    productId: `p${index}`,
    skuId: `s${index}`,
    variant: '',
    kind: 'esim',
    titles: {
      en: `Japan ${index % 50} GB ${index % 30} days plan number ${index}`,
      'zh-CN': `日本 ${index % 50}GB ${index % 30}天 #${index}`,
    },
    category: {
      id: '11',
      path: [
        { id: '1', names: { en: 'eSIM' } },
        { id: '11', names: { en: 'Asia', 'zh-CN': '亚洲' } },
      ],
    },
    cost: { amount: moved ? '13.75' : '12.50', currency: 'USD' },
    retailPrice: { amount: '19.99', currency: 'USD' },
    originalPrice: null,
    stock: { status: 'in_stock', quantity: 100 },
    minQuantity: 1,
    maxQuantity: null,
    fulfillment: { mode: 'auto', inputFields: [] },
    images: [`https://example.test/img/${index}.png`],
    plan: { countries: ['JP'], dataMB: 1024 * (index % 50), days: index % 30 },
    orderable: true,
    raw: { id: index, sku: `s${index}`, note: 'x'.repeat(200) },
  };
}

const adapter: SupplierAdapter = {
  ping: async () => ({ balance: null, currency: 'USD', detail: {} }),
  async *fetchCatalog(options: FetchOptions = {}): AsyncGenerator<CatalogPage> {
    const indexes = options.changedSince ? Array.from({ length: Math.ceil(OFFERS / 100) }, (_, i) => i * 100) : null;
    const count = indexes ? indexes.length : OFFERS;
    for (let start = 0; start < count; start += PAGE) {
      const offers: Offer[] = [];
      for (let i = start; i < Math.min(count, start + PAGE); i++) offers.push(offer(indexes ? indexes[i] : i));
      yield indexes
        ? { offers, skipped: [], scope: 'changes', removedProducts: [] }
        : { offers, skipped: [], scope: 'full' };
      await new Promise((resolve) => setImmediate(resolve));
    }
  },
};

const dir = mkdtempSync(join(tmpdir(), 'supplygrid-memory-'));
try {
  const db = openDatabase(join(dir, 'catalog.db'));
  const mib = (bytes: number) => Math.round(bytes / 1048576);
  const baseline = mib(process.memoryUsage().rss);
  const full = await syncSupplier(db, { supplierId: 'big', supplierKind: 'fake', adapter });
  generation = 1;
  const incremental = await syncSupplier(db, { supplierId: 'big', supplierKind: 'fake', adapter }, { mode: 'auto' });
  db.close();
  process.stdout.write(
    `${JSON.stringify({
      baselineMiB: baseline,
      peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      full: {
        status: full.status,
        mode: full.mode,
        counts: full.counts,
        fetchMs: Math.round(full.timings.fetchMs),
        commitMs: Math.round(full.timings.commitMs),
      },
      incremental: {
        status: incremental.status,
        mode: incremental.mode,
        counts: incremental.counts,
        fetchMs: Math.round(incremental.timings.fetchMs),
        commitMs: Math.round(incremental.timings.commitMs),
      },
    })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
