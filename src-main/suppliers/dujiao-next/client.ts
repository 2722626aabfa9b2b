import { z } from 'zod';
import type { RequestBudget } from '../../http/budget';
import { fixedWindowPolicy, standaloneBudget } from '../../http/budget-policy';
import { ServerClock } from '../../http/clock';
import { IncompleteCatalogError, SupplierError } from '../../http/errors';
import { DEFAULT_RETRY, parseRetryAfter, withRetries, type RetryPolicy } from '../../http/retry';
import { parseJson, send } from '../../http/transport';
import type { AdapterEnv, FetchProgress } from '../adapter';
import { mapWithConcurrency } from '../shared/concurrency';
import { dujiaoHeaders } from './sign';

export interface DujiaoClientOptions {
  /** The API base, ending in /api/v1/upstream. */
  apiBase: string;
  apiKey: string;
  apiSecret: string;
  /** Names the supplier in error messages. */
  label: string;
  env?: AdapterEnv;
  /** Parallel page requests after the first; real servers rate-limit per key, so keep it small. */
  pageConcurrency?: number;
}

export interface RawListing {
  /** Raw product objects in page order, first occurrence of each id only. */
  items: Array<{ raw: unknown; page: number; index: number }>;
  duplicates: Array<{ page: number; index: number; id: string }>;
  total: number;
  pages: number;
  /**
   * 'changes' when the server honoured `updated_after` (it echoes `includes_inactive: true`): only products changed
   * since then, deactivated ones included. 'full' otherwise, also when an older server ignored the filter.
   */
  scope: 'full' | 'changes';
}

export interface ListProductsOptions {
  signal?: AbortSignal;
  onProgress?: (progress: FetchProgress) => void;
  /** ISO 8601: ask only for products updated after it (deactivated ones included). */
  changedSince?: string | null;
}

const listingPage = z.object({
  ok: z.literal(true),
  items: z.array(z.unknown()),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive().optional(),
  page_size: z.number().int().positive(),
  /** Echo of include_inactive from servers that know incremental listing; older builds leave it out. */
  includes_inactive: z.boolean().optional(),
});

/** The real server parses `updated_after` as RFC 3339; whole seconds, rounded down, so nothing at the boundary is missed. */
export function updatedAfterParam(changedSince: string): string {
  const ms = Date.parse(changedSince);
  if (!Number.isFinite(ms)) throw new Error(`changedSince is not a date: ${changedSince}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The Dujiao-Next upstream protocol, spoken by Dujiao-Next sites and by MeSIM. */
export class DujiaoClient {
  readonly clock: ServerClock;
  /** Every call of this client passes it: the account's shared budget when the kind made us, else one of our own. */
  readonly budget: RequestBudget;
  private readonly retry: RetryPolicy;
  private readonly basePath: string;

  constructor(private readonly options: DujiaoClientOptions) {
    this.clock = new ServerClock(options.env?.now);
    this.budget = options.env?.budget ?? standaloneBudget(fixedWindowPolicy(undefined, options.env?.budgetTuning), options.env?.budgetTuning);
    this.retry = options.env?.retry ?? DEFAULT_RETRY;
    this.basePath = new URL(options.apiBase).pathname.replace(/\/+$/, '');
  }

  /**
   * One signed call with retries. Resolves with the `ok:true` envelope; anything else is a SupplierError
   * carrying the upstream's error_code. An expired timestamp is retried once after learning the server's clock.
   */
  async call(method: 'GET' | 'POST', path: string, init: {
    query?: Record<string, string | number>; body?: unknown; signal?: AbortSignal;
    /** Never repeated on a timeout or 5xx (POST /orders: the order service decides when a repeat is safe). */
    noRetry?: boolean;
  } = {}): Promise<Record<string, unknown>> {
    let skewCorrected = false;
    return withRetries(init.noRetry ? { ...this.retry, attempts: 1 } : this.retry, async () => {
      for (;;) {
        try {
          // Each attempt waits for the budget; a rate-limited answer is waited out there and never spends an attempt.
          return await this.budget.run(() => this.callOnce(method, path, init), init.signal);
        } catch (error) {
          if (error instanceof SupplierError && error.code === 'timestamp_expired' && !skewCorrected && (error as SkewError).serverDate) {
            skewCorrected = true;
            this.clock.learn((error as SkewError).serverDate);
            continue;
          }
          throw error;
        }
      }
    }, init.signal);
  }

  private async callOnce(method: 'GET' | 'POST', path: string, init: { query?: Record<string, string | number>; body?: unknown; signal?: AbortSignal }): Promise<Record<string, unknown>> {
    const fullPath = `${this.basePath}${path}`;
    const query = init.query ? `?${new URLSearchParams(Object.entries(init.query).map(([k, v]) => [k, String(v)]))}` : '';
    const body = init.body === undefined ? '' : JSON.stringify(init.body);
    const url = new URL(this.options.apiBase);
    url.pathname = fullPath;
    const label = `${this.options.label} ${method} ${path}`;
    const response = await send({
      method,
      url: `${url.origin}${fullPath}${query}`,
      headers: {
        ...dujiaoHeaders(this.options.apiKey, this.options.apiSecret, method, fullPath, this.clock.nowSeconds(), body),
        ...(body ? { 'content-type': 'application/json' } : {}),
        accept: 'application/json',
      },
      body: body || undefined,
    }, { label, signal: init.signal, timeoutMs: this.options.env?.timeoutMs, meter: this.budget });
    const json = parseJson(response, label);
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      throw new SupplierError(`${label}: response is not a JSON object`, 'bad_response', response.status, true);
    }
    const envelope = json as Record<string, unknown>;
    if (envelope.ok === true) return envelope;
    if (envelope.ok === false) {
      const code = typeof envelope.error_code === 'string' ? envelope.error_code : 'upstream_error';
      const message = typeof envelope.error_message === 'string' ? envelope.error_message : 'request failed';
      const error = new SupplierError(`${label}: ${message} (${code}, HTTP ${response.status})`, code, response.status, false) as SkewError;
      error.serverDate = response.serverDate;
      error.envelope = envelope;
      throw error;
    }
    // Older builds of the real server's rate limiter answer HTTP 200 with an envelope of their own, without `ok`:
    // {"status_code":429,"msg":"请求过于频繁，请 N 秒后再试"}. The budget waits it out.
    if (envelope.status_code === 429 || envelope.code === 429) {
      throw new SupplierError(`${label}: rate limited (HTTP ${response.status}, status_code 429)`, 'rate_limited', response.status, true,
        parseRetryAfter(response.headers['retry-after']) ?? secondsLeftIn(envelope.msg ?? envelope.message));
    }
    throw new SupplierError(`${label}: unexpected response without "ok": ${response.text.slice(0, 120)}`, 'bad_response', response.status, true);
  }

  /**
   * Lists every product, or with `changedSince` only those changed since (see RawListing.scope). Pages by the
   * `total` and `page_size` the server echoes (real servers cap the page size below what we ask). If the listing
   * moved under us and we did not see `total` distinct products, it is tried once more, then reported incomplete
   * rather than treated as a smaller catalog.
   */
  async listAllProducts(options: ListProductsOptions = {}): Promise<RawListing> {
    let lastShortfall = '';
    for (let attempt = 1; attempt <= 2; attempt++) {
      const listing = await this.listOnce(options);
      if (listing.items.length === listing.total) return listing;
      lastShortfall = `saw ${listing.items.length} distinct products of the ${listing.total} the server reported`;
    }
    throw new IncompleteCatalogError(`${this.options.label}: product listing is incomplete (${lastShortfall}); the previous catalog is kept`);
  }

  private async listOnce(options: ListProductsOptions): Promise<RawListing> {
    const filter: Record<string, string> = options.changedSince ? { updated_after: updatedAfterParam(options.changedSince), include_inactive: 'true' } : {};
    const first = await this.fetchPage(1, options.signal, 100, filter);
    const pageSize = first.page_size;
    const pages = Math.max(1, Math.ceil(first.total / pageSize));
    let done = 1;
    let items = first.items.length;
    options.onProgress?.({ pagesDone: done, pagesTotal: pages, items });
    // After one page fails no further page is asked for: the listing has already failed.
    const rest = await mapWithConcurrency(Array.from({ length: pages - 1 }, (_, i) => i + 2), this.options.pageConcurrency ?? 3, async (page) => {
      const result = await this.fetchPage(page, options.signal, pageSize, filter);
      done++;
      items += result.items.length;
      options.onProgress?.({ pagesDone: done, pagesTotal: pages, items });
      return result;
    });
    const results = [first, ...rest];

    const seen = new Set<string>();
    // Only a server that echoes the filter applied it; an older one answered with its whole active catalog.
    const filtered = Boolean(options.changedSince) && first.includes_inactive === true;
    if (options.changedSince && results.some((result) => (result.includes_inactive === true) !== filtered)) {
      // Half filtered, half not: neither a list of changes nor a whole catalog can be read from it.
      throw new IncompleteCatalogError(`${this.options.label}: the server applied the change filter to some pages of the listing only; the previous catalog is kept`);
    }
    const scope = filtered ? 'changes' : 'full';
    const listing: RawListing = { items: [], duplicates: [], total: first.total, pages, scope };
    results.forEach((result, pageIndex) => {
      // The server may report a different total on a later page when products change mid-fetch.
      listing.total = result.total;
      result.items.forEach((raw, index) => {
        const id = raw && typeof raw === 'object' ? String((raw as Record<string, unknown>).id ?? '') : '';
        if (id && seen.has(id)) {
          listing.duplicates.push({ page: pageIndex + 1, index, id });
          return;
        }
        if (id) seen.add(id);
        listing.items.push({ raw, page: pageIndex + 1, index });
      });
    });
    return listing;
  }

  private async fetchPage(page: number, signal: AbortSignal | undefined, pageSize: number, filter: Record<string, string>) {
    // Ask for 100 (the documented maximum); the server answers with the size it actually used.
    const envelope = await this.call('GET', '/products', { query: { page, page_size: pageSize, ...filter }, signal });
    const parsed = listingPage.safeParse(envelope);
    if (!parsed.success) {
      throw new SupplierError(`${this.options.label} GET /products page ${page}: not a product page (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`, 'bad_response', null, true);
    }
    return parsed.data;
  }
}

/** The seconds the rate limiter's message says are left ("请 N 秒后再试", "try again in N seconds"), in ms. */
function secondsLeftIn(message: unknown): number | null {
  if (typeof message !== 'string') return null;
  const match = /(\d+)\s*(?:秒|s\b|sec)/i.exec(message);
  return match ? Number(match[1]) * 1000 : null;
}

interface SkewError extends SupplierError {
  serverDate: number | null;
  envelope: Record<string, unknown>;
}

/** The `ok:false` envelope behind a refusal, when the server sent one (payment_failed still names the order). */
export function refusalEnvelope(error: unknown): Record<string, unknown> | null {
  return error instanceof SupplierError && 'envelope' in error ? (error as SkewError).envelope : null;
}
