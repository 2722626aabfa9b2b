import type { SimCatalog, SimProduct } from '../../src-main/suppliers/dujiao-next/sim/seed';
import type { SimulatorRateLimit } from '../../src-main/suppliers/adapter';
import { startProtocolSimulator, type ProtocolFlavor } from '../../src-main/suppliers/dujiao-next/sim/server';

export const TEST_KEY = 'a'.repeat(64);
export const TEST_SECRET = 'b'.repeat(128);

export const DUJIAO_FLAVOR: ProtocolFlavor = {
  siteName: 'Test site',
  currency: 'CNY',
  pathPrefix: '/api/v1/upstream',
  pageSizeCap: 100,
  binaryStock: false,
  maxQuantity: null,
  requireDownstreamOrderNo: false,
  orderLookup: 'id',
  pollsUntilDelivered: 1,
  cancelAllowed: true,
};

export function product(id: number, overrides: Partial<SimProduct> = {}): SimProduct {
  return {
    id,
    slug: `p-${id}`,
    title: { 'zh-CN': `香港 5GB 7天 #${id}`, 'en-US': `Hong Kong 5GB 7 Days #${id}` },
    description: {},
    images: [],
    tags: [],
    fulfillment_type: 'auto',
    manual_form_schema: null,
    is_active: true,
    category_id: 11,
    skus: [
      {
        id: id * 10,
        sku_code: 'DEFAULT',
        spec_values: {},
        price_amount: '12.50',
        stock_quantity: 100,
        is_active: true,
      },
    ],
    delivers: 'esim',
    ...overrides,
  };
}

export function catalogOf(count: number): SimCatalog {
  return {
    categories: [
      { id: 1, parent_id: 0, slug: 'esim', name: { 'zh-CN': 'eSIM', 'en-US': 'eSIM' }, icon: '', sort_order: 1 },
      { id: 11, parent_id: 1, slug: 'asia', name: { 'zh-CN': '亚洲', 'en-US': 'Asia' }, icon: '', sort_order: 1 },
    ],
    products: Array.from({ length: count }, (_, i) => product(i + 1)),
  };
}

/**
 * A Dujiao-Next protocol server whose catalog the test controls directly. Its rate limit is lifted unless the test
 * asks for one: tests of the limit itself use `rateLimit`, the others (many processes, each a fresh budget) would only
 * wait out real 30 s blocks.
 */
export async function startTestDujiao(
  catalog: SimCatalog,
  flavor: Partial<ProtocolFlavor> = {},
  rateLimit: SimulatorRateLimit | null = null,
) {
  let current = catalog;
  const sim = await startProtocolSimulator({
    catalogAt: () => current,
    rateLimit,
    flavor: { ...DUJIAO_FLAVOR, ...flavor },
    accounts: [{ apiKey: TEST_KEY, apiSecret: TEST_SECRET, active: true, userDisabled: false, balance: '100.00' }],
  });
  return Object.assign(sim, {
    connection: { apiBase: `${sim.baseUrl}/api/v1/upstream`, apiKey: TEST_KEY, apiSecret: TEST_SECRET },
    replaceCatalog(next: SimCatalog) {
      current = next;
      sim.setGeneration(0);
    },
  });
}

/**
 * The shop changes mid-listing: the first time page 1 is answered, the test simulator's catalog becomes `next`, so
 * every later page is read from it.
 */
export function changeAfterPageOne(server: Awaited<ReturnType<typeof startTestDujiao>>, next: SimCatalog): void {
  server.faults.add({
    path: '/api/v1/upstream/products',
    when: (req) => req.query.get('page') === '1',
    times: 1,
    action: {
      kind: 'rewrite',
      transform: (body) => {
        server.replaceCatalog(next);
        return body;
      },
    },
  });
}
