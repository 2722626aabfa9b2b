import type { SimulatorRateLimit } from '../../adapter';
import { hexDigestMatches } from '../../shared/digest';
import {
  FaultPlan,
  requestHeader,
  startSimServer,
  type SimRequest,
  type SimResponse,
  type SimServer,
} from '../../shared/sim/server';
import { dujiaoSignature } from '../sign';
import { error, fail, respond, type Fail } from './answers';
import { SimListing, type ListingFlavor, type ListingQuirks } from './listing';
import { DujiaoOrderDesk, emptyOrderBook, type DujiaoSimOrderBook, type OrderFlavor, type SimAccount } from './orders';
import { DujiaoRateLimiter } from './rate-limit';
import type { SimCatalog, SimProduct, SimSku } from './seed';

/** What differs between servers speaking this protocol (Dujiao-Next itself, MeSIM). */
export interface ProtocolFlavor extends ListingFlavor, OrderFlavor {
  siteName: string;
  /** Mount point of the API; MeSIM users enter only the site root. */
  pathPrefix: string;
}

export interface ProtocolSimulatorOptions {
  catalogAt: (generation: number) => SimCatalog;
  flavor: ProtocolFlavor;
  accounts: SimAccount[];
  generation?: number;
  host?: string;
  port?: number;
  /** The real server's rule when absent; scaled for tests; null lifts it. */
  rateLimit?: SimulatorRateLimit | null;
  /** Listing behaviours of real servers beyond the doc; all off by default (see sim/listing.ts). */
  quirks?: Partial<ListingQuirks>;
}

export interface ProtocolSimulator extends SimServer {
  state: DujiaoSimOrderBook & {
    clockOffsetMs: number;
    /** The real middleware's limiter; tests re-tune `rateLimiter.rule` and read `rateLimiter.blocks`. */
    rateLimiter: DujiaoRateLimiter;
    /** Listing switches a test can turn while the simulator runs. */
    quirks: ListingQuirks;
  };
  setGeneration(generation: number): void;
  catalog(): SimCatalog;
}

const TIMESTAMP_WINDOW_SECONDS = 60;

export async function startProtocolSimulator(options: ProtocolSimulatorOptions): Promise<ProtocolSimulator> {
  const { flavor } = options;
  let generation = options.generation ?? 0;
  let catalog = options.catalogAt(generation);
  let index = indexCatalog(catalog);
  const listing = new SimListing(flavor, catalog, generation, Date.now());
  Object.assign(listing.quirks, options.quirks);
  const state: ProtocolSimulator['state'] = {
    ...emptyOrderBook(options.accounts),
    clockOffsetMs: 0,
    rateLimiter: new DujiaoRateLimiter(options.rateLimit),
    quirks: listing.quirks,
  };
  const desk = new DujiaoOrderDesk(flavor, state, (skuId) => index.skus.get(skuId));

  /**
   * Auth exactly in the real server's order (dujiao-next-behaviour.md): headers, timestamp, window, key, user, then
   * the body is read, and only then is the signature over it checked; returns the account and body, or the error to send.
   */
  function authenticate(req: SimRequest): { account: SimAccount; body: unknown } | Fail {
    const key = requestHeader(req, 'dujiao-next-api-key');
    const ts = requestHeader(req, 'dujiao-next-timestamp');
    const signature = requestHeader(req, 'dujiao-next-signature');
    if (!key || !ts || !signature) return fail(401, 'missing_auth_headers', 'missing authentication headers');
    if (!/^\d+$/.test(ts)) return fail(401, 'invalid_timestamp', 'invalid timestamp');
    const nowSeconds = Math.floor(req.now / 1000);
    if (Math.abs(nowSeconds - Number(ts)) > TIMESTAMP_WINDOW_SECONDS)
      return fail(401, 'timestamp_expired', 'timestamp expired');
    const account = state.accounts.find((a) => a.apiKey === key);
    if (!account || !account.active) return fail(403, 'invalid_api_key', 'api key is invalid or disabled');
    if (account.userDisabled) return fail(403, 'user_disabled', 'user is disabled');
    let body: unknown;
    if (req.method === 'POST' && req.body.length > 0) {
      try {
        body = JSON.parse(req.body.toString('utf8'));
      } catch {
        return fail(400, 'bad_request', 'unreadable body');
      }
    }
    const expected = dujiaoSignature(account.apiSecret, req.method, req.path, ts, req.body);
    if (!hexDigestMatches(expected, signature)) return fail(401, 'invalid_signature', 'signature verification failed');
    return { account, body };
  }

  function handle(req: SimRequest): SimResponse {
    if (!req.path.startsWith(flavor.pathPrefix)) return error(fail(404, 'not_found', 'not found'));
    // The limiter runs before authentication, keyed by the API key header (else the client's IP): even a request
    // with a bad signature counts.
    const limited = state.rateLimiter.hit(
      requestHeader(req, 'dujiao-next-api-key') || `ip:${req.remoteAddress}`,
      req.now,
    );
    if (limited) return limited;
    const route = req.path.slice(flavor.pathPrefix.length) || '/';
    const authenticated = authenticate(req);
    if ('code' in authenticated) return error(authenticated);
    const auth = authenticated.account;
    const parsed = authenticated.body;
    if (parsed !== undefined && (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)))
      return error(fail(400, 'bad_request', 'body must be a JSON object'));
    const body = (parsed ?? {}) as Record<string, unknown>;
    let match: RegExpExecArray | null;
    if (req.method === 'POST' && route === '/ping') {
      return respond(200, {
        ok: true,
        site_name: flavor.siteName,
        protocol_version: '1.0',
        user_id: 42,
        balance: auth.balance,
        currency: flavor.currency,
        member_level: flavor.binaryStock
          ? null
          : { id: 1, name: { 'zh-CN': '黄金会员', 'en-US': 'Gold' }, slug: 'gold', icon: '' },
      });
    }
    if (req.method === 'GET' && route === '/categories') return listing.categories();
    if (req.method === 'GET' && route === '/products') return listing.products(req);
    if (req.method === 'GET' && (match = /^\/products\/(\d+)$/.exec(route))) return listing.product(Number(match[1]));
    if (req.method === 'POST' && route === '/orders') return desk.create(auth, body);
    if (req.method === 'GET' && (match = /^\/orders\/([^/]+)$/.exec(route))) return desk.get(auth, match[1]);
    if (req.method === 'POST' && (match = /^\/orders\/([^/]+)\/cancel$/.exec(route)))
      return desk.cancel(auth, match[1]);
    return error(fail(404, 'not_found', 'no such endpoint'));
  }

  const server = await startSimServer(handle, {
    host: options.host,
    port: options.port,
    faults: new FaultPlan(),
    clockOffsetMs: () => state.clockOffsetMs,
  });
  return {
    ...server,
    state,
    setGeneration(next: number) {
      generation = next;
      catalog = options.catalogAt(generation);
      index = indexCatalog(catalog);
      // Stamped by the server's clock, as the real one stamps updated_at: off from ours when a test skews it.
      listing.replace(catalog, Date.now() + state.clockOffsetMs);
    },
    catalog: () => catalog,
  };
}

function indexCatalog(catalog: SimCatalog) {
  // Listed products, computed once per catalog generation rather than on every page request.
  const active = catalog.products.filter((p) => p.is_active);
  const products = new Map<number, SimProduct>();
  const skus = new Map<number, { sku: SimSku; product: SimProduct }>();
  for (const product of catalog.products) {
    products.set(product.id, product);
    for (const sku of product.skus) skus.set(sku.id, { sku, product });
  }
  return { products, skus, active };
}
