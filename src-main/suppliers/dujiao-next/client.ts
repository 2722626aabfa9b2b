import type { RequestBudget } from '../../http/budget';
import { fixedWindowPolicy, standaloneBudget } from '../../http/budget-policy';
import type { ServerClock } from '../../http/clock';
import { hostClock } from '../shared/thread-shared';
import { IncompleteCatalogError, SupplierError } from '../../http/errors';
import { DEFAULT_RETRY, parseRetryAfter, withRetries, type RetryPolicy } from '../../http/retry';
import { parseJson, send } from '../../http/transport';
import { transportText } from '../../http/transport-text';
import type { AdapterEnv } from '../adapter';
import type { FetchProgress } from '../../../src-shared/sync-types';
import { FetchAhead } from '../shared/fetch-ahead';
import { isImplausibleListing, refuseImplausibleListing } from '../shared/listing-limits';
import { incompleteCatalog, refusalText, supplierText } from '../shared/supplier-text';
import { issuesText } from '../shared/issue-text';
import { listingPageSchema } from './schemas';
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

/**
 * How far a full listing's total may fall between its pages and still be read: each product that left (deleted, or
 * taken off sale) may have shifted one still on sale off its page, and at most this many live products a full listing
 * did not list are asked for alone before they are recorded gone (each a request of the key's budget). Past it, none
 * are: so many gone at once were most likely meant, and the commit's hold rules judge the listing as it is.
 */
export const RECHECK_LIMIT = 20;

/** One page of a listing, as it arrives: the products it lists for the first time, and those it repeats. */
export interface ListingPage {
  page: number;
  pages: number;
  /** Raw product objects in page order, the first occurrence of each id only, with their place on the page. */
  items: Array<{ raw: unknown; index: number }>;
  duplicates: Array<{ index: number; id: string }>;
  /** This page's total is below one an earlier page reported: products left the listing while it was read. */
  totalFell: boolean;
  /**
   * 'changes' when the server honoured `updated_after` (it echoes `includes_inactive: true`): only products changed
   * since then, deactivated ones included. 'full' otherwise, also when an older server ignored the filter.
   */
  scope: 'full' | 'changes';
}

/** Everything listed before it in this run is void: a fresh listing follows (the first one moved under us). */
export interface ListingRestart {
  restart: true;
}

export interface ListProductsOptions {
  signal?: AbortSignal;
  onProgress?: (progress: FetchProgress) => void;
  /** ISO 8601: ask only for products updated after it (deactivated ones included). */
  changedSince?: string | null;
}

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
    this.clock = hostClock(options.apiBase, options.env?.now);
    this.budget =
      options.env?.budget ??
      standaloneBudget(fixedWindowPolicy(undefined, options.env?.budgetTuning), options.env?.budgetTuning);
    this.retry = options.env?.retry ?? DEFAULT_RETRY;
    this.basePath = new URL(options.apiBase).pathname.replace(/\/+$/, '');
  }

  /**
   * One signed call with retries. Resolves with the `ok:true` envelope; anything else is a SupplierError
   * carrying the upstream's error_code. An expired timestamp is retried once after learning the server's clock.
   */
  async call(
    method: 'GET' | 'POST',
    path: string,
    init: {
      query?: Record<string, string | number>;
      body?: unknown;
      signal?: AbortSignal;
      /** Never repeated on a timeout, 5xx or 429 (POST /orders: the order service decides when a repeat is safe). */
      noRetry?: boolean;
    } = {},
  ): Promise<Record<string, unknown>> {
    let skewCorrected = false;
    return withRetries(
      init.noRetry ? { ...this.retry, attempts: 1 } : this.retry,
      async () => {
        for (;;) {
          try {
            // Each attempt waits for the budget; a rate-limited answer is waited out there and never spends an attempt.
            return await this.budget.run(() => this.callOnce(method, path, init), init.signal, {
              resendThrottled: !init.noRetry,
            });
          } catch (error) {
            if (
              error instanceof SupplierError &&
              error.code === 'timestamp_expired' &&
              !skewCorrected &&
              (error as SkewError).serverDate
            ) {
              skewCorrected = true;
              this.clock.learn((error as SkewError).serverDate);
              continue;
            }
            throw error;
          }
        }
      },
      init.signal,
    );
  }

  private async callOnce(
    method: 'GET' | 'POST',
    path: string,
    init: { query?: Record<string, string | number>; body?: unknown; signal?: AbortSignal },
  ): Promise<Record<string, unknown>> {
    const fullPath = `${this.basePath}${path}`;
    const query = init.query
      ? `?${new URLSearchParams(Object.entries(init.query).map(([k, v]) => [k, String(v)]))}`
      : '';
    const body = init.body === undefined ? '' : JSON.stringify(init.body);
    const url = new URL(this.options.apiBase);
    url.pathname = fullPath;
    const label = `${this.options.label} ${method} ${path}`;
    const response = await send(
      {
        method,
        url: `${url.origin}${fullPath}${query}`,
        headers: {
          ...dujiaoHeaders(
            this.options.apiKey,
            this.options.apiSecret,
            method,
            fullPath,
            this.clock.nowSeconds(),
            body,
          ),
          ...(body ? { 'content-type': 'application/json' } : {}),
          accept: 'application/json',
        },
        body: body || undefined,
      },
      {
        label,
        signal: init.signal,
        timeoutMs: this.options.env?.timeoutMs,
        deadlineMs: this.options.env?.requestDeadlineMs,
        maxBytes: this.options.env?.maxResponseBytes,
        meter: this.budget,
        // Newer builds refuse with HTTP 429 and the same body as older ones' HTTP 200: "请 N 秒后再试".
        rateLimitHint: secondsLeftInBody,
      },
    );
    const json = parseJson(response, label);
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      throw new SupplierError(
        supplierText('supplier.unexpected', { where: label, detail: response.text.slice(0, 80) }),
        'bad_response',
        response.status,
        true,
      );
    }
    const envelope = json as Record<string, unknown>;
    if (envelope.ok === true) return envelope;
    if (envelope.ok === false) {
      const code = typeof envelope.error_code === 'string' ? envelope.error_code : 'upstream_error';
      const message = typeof envelope.error_message === 'string' ? envelope.error_message : '';
      const error = new SupplierError(
        refusalText(label, message, `${code}, HTTP ${response.status}`),
        code,
        response.status,
        false,
      ) as SkewError;
      error.serverDate = response.serverDate;
      error.envelope = envelope;
      throw error;
    }
    // Older builds of the real server's rate limiter answer HTTP 200 with an envelope of their own, without `ok`:
    // {"status_code":429,"msg":"请求过于频繁，请 N 秒后再试"}. The budget waits it out.
    if (envelope.status_code === 429 || envelope.code === 429) {
      throw new SupplierError(
        transportText('transport.rateLimited', { where: label }),
        'rate_limited',
        response.status,
        true,
        parseRetryAfter(response.headers['retry-after']) ?? secondsLeftIn(envelope.msg ?? envelope.message),
      );
    }
    throw new SupplierError(
      supplierText('supplier.noField', { where: label, field: 'ok' }),
      'bad_response',
      response.status,
      true,
    );
  }

  /**
   * Lists every product, or with `changedSince` only those changed since (see ListingPage.scope), page by page in page
   * order as the pages arrive, so nothing holds the whole listing. Pages by the `total` and `page_size` the server
   * echoes (real servers cap the page size below what we ask). If the listing moved under us (we saw fewer distinct
   * products than the least `total` a page reported, it stalled, or its total fell further than it may), a ListingRestart
   * voids what was yielded and it is listed once more; then it is reported incomplete rather than treated as a
   * smaller catalog.
   *
   * The server pages by offset, newest first. A product added mid-way shifts the later pages down: one product is
   * listed twice (a duplicate) and the new one may wait for the next sync, and the oldest, pushed past the pages the
   * first total promised, are read from the pages after. One that
   * leaves mid-way (deleted, or taken off sale) shifts them up, and a product still listed falls between two pages
   * unseen, while the counts can still agree. A full listing lets up to RECHECK_LIMIT of those pass: the adapter asks
   * for each live product it did not list before it is recorded gone (`product`). In a listing of changes the one
   * skipped would be a change lost, so any fall there lists it once more.
   */
  async *listProducts(options: ListProductsOptions = {}): AsyncGenerator<ListingPage | ListingRestart> {
    let lastShortfall = '';
    for (let attempt = 1; attempt <= 2; attempt++) {
      if (attempt > 1) yield { restart: true };
      try {
        const seen = yield* this.listOnce(options);
        if (seen.distinct >= seen.leastTotal) return;
        lastShortfall = supplierText('listing.shortfall', { seen: seen.distinct, total: seen.leastTotal });
      } catch (error) {
        // A listing that moved under us can stall or shrink once, like it can come up short; all get one more try.
        if (!(error instanceof UnsteadyListing)) throw error;
        lastShortfall = error.reason;
      }
    }
    throw incompleteCatalog(`${this.options.label} GET /products`, lastShortfall);
  }

  /** GET /products/:id: the envelope with the product as a listing shows it (`is_active` false once off sale), or null once deleted. */
  async product(productId: string, signal?: AbortSignal): Promise<Record<string, unknown> | null> {
    try {
      return await this.call('GET', `/products/${encodeURIComponent(productId)}`, { signal });
    } catch (error) {
      if (error instanceof SupplierError && error.code === 'product_not_found') return null;
      throw error;
    }
  }

  private async *listOnce(
    options: ListProductsOptions,
  ): AsyncGenerator<ListingPage, { distinct: number; leastTotal: number }> {
    // include_inactive on a full listing too: without it the real server leaves out products on sale outside a live
    // category (none, or one deleted), which /products/:id shows and orders buy; with it every product not deleted is
    // listed, and one taken off sale says so (is_active false) rather than having to be asked for alone.
    const filter: Record<string, string> = options.changedSince
      ? { updated_after: updatedAfterParam(options.changedSince), include_inactive: 'true' }
      : { include_inactive: 'true' };
    const first = await this.fetchPage(1, options.signal, 100, filter);
    const pageSize = first.page_size;
    const pages = Math.max(1, Math.ceil(first.total / pageSize));
    refuseImplausibleListing(`${this.options.label} GET /products`, { total: first.total, pages });
    const progress = new ListingProgress(first.total);
    let done = 1;
    let items = first.items.length;
    options.onProgress?.({ pagesDone: done, pagesTotal: pages, items });
    // Later pages are asked for ahead of the reader, so the server works while the pages before are mapped and stored.
    const concurrency = this.options.pageConcurrency ?? 3;
    // A page still in flight when this listing ends (it started over) must not report this listing's progress over the
    // next one's.
    let reporting = true;
    const fetchCounted = async (page: number) => {
      const result = await this.fetchPage(page, options.signal, pageSize, filter);
      done++;
      items += result.items.length;
      if (reporting) options.onProgress?.({ pagesDone: done, pagesTotal: Math.max(pages, page), items });
      return result;
    };
    const ahead = new FetchAhead({ first: 2, last: pages }, { concurrency, buffered: concurrency * 2 }, fetchCounted);
    // Only a server that echoes the filter applied it; an older one answered with its whole active catalog.
    const filtered = Boolean(options.changedSince) && first.includes_inactive === true;
    const scope = filtered ? 'changes' : 'full';
    // Only ids are kept across pages: the raw items of a page are dropped once it is mapped.
    const seen = new Set<string>();
    let distinct = 0;
    let leastTotal = first.total;
    let mostTotal = first.total;
    let lastTotal = first.total;
    try {
      // Past the pages planned from the first total: products added meanwhile pushed the oldest onto further pages.
      for (let page = 1; page <= pages || (page - 1) * pageSize < lastTotal; page++) {
        const result = page === 1 ? first : page <= pages ? await ahead.take(page) : await fetchCounted(page);
        const shownPages = Math.max(pages, page);
        if (result.total < mostTotal - (scope === 'changes' ? 0 : RECHECK_LIMIT)) {
          throw new UnsteadyListing(
            supplierText('listing.shrank', { before: mostTotal, after: result.total, page, pages: shownPages }),
          );
        }
        if (
          result.total > mostTotal &&
          isImplausibleListing({ total: result.total, pages: Math.ceil(result.total / pageSize) })
        )
          throw incompleteCatalog(
            `${this.options.label} GET /products`,
            supplierText('listing.implausibleRise', { page, total: result.total }),
          );
        const totalFell = result.total < mostTotal;
        leastTotal = Math.min(leastTotal, result.total);
        mostTotal = Math.max(mostTotal, result.total);
        lastTotal = result.total;
        progress.check(page, shownPages, result.items);
        if (options.changedSince && (result.includes_inactive === true) !== filtered) {
          // Half filtered, half not: neither a list of changes nor a whole catalog can be read from it.
          throw incompleteCatalog(`${this.options.label} GET /products`, supplierText('listing.halfFiltered'));
        }
        const listed: ListingPage = { page, pages, items: [], duplicates: [], scope, totalFell };
        result.items.forEach((raw, index) => {
          const id = raw && typeof raw === 'object' ? String((raw as Record<string, unknown>).id ?? '') : '';
          if (id && seen.has(id)) {
            listed.duplicates.push({ index, id });
            return;
          }
          if (id) seen.add(id);
          listed.items.push({ raw, index });
        });
        distinct += listed.items.length;
        yield listed;
      }
    } finally {
      reporting = false;
      ahead.stop();
    }
    return { distinct, leastTotal };
  }

  private async fetchPage(
    page: number,
    signal: AbortSignal | undefined,
    pageSize: number,
    filter: Record<string, string>,
  ) {
    // Ask for 100 (the documented maximum); the server answers with the size it actually used.
    const envelope = await this.call('GET', '/products', { query: { page, page_size: pageSize, ...filter }, signal });
    const parsed = listingPageSchema.safeParse(envelope);
    if (!parsed.success) {
      throw new SupplierError(
        supplierText('supplier.unexpected', {
          where: `${this.options.label} GET /products?page=${page}`,
          detail: issuesText(parsed.error),
        }),
        'bad_response',
        null,
        true,
      );
    }
    return parsed.data;
  }
}

/** A listing that stalled (a page brought nothing new) or shrank under us: worth one more try. */
class UnsteadyListing extends IncompleteCatalogError {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Ends a listing whose pages stop making progress. Every page asked for lies within the `total` the server
 * reported, so each must bring at least one product not seen before: an empty page, or one repeating products
 * already listed, would otherwise be followed for as many pages as the server cares to claim.
 */
class ListingProgress {
  private readonly seen = new Set<string>();

  constructor(private readonly total: number) {}

  /** `pages`: as many as the listing has come to (more than planned when products were added meanwhile). */
  check(page: number, pages: number, items: unknown[]): void {
    if (this.total === 0) return;
    const ids = items.map((raw) =>
      raw && typeof raw === 'object' ? String((raw as Record<string, unknown>).id ?? '') : '',
    );
    // An item without an id cannot be told apart from the others, so it counts as new (validation skips it later).
    const fresh = ids.filter((id) => id === '' || !this.seen.has(id)).length;
    for (const id of ids) if (id) this.seen.add(id);
    if (items.length === 0) {
      throw new UnsteadyListing(supplierText('listing.emptyPage', { page, pages, total: this.total }));
    }
    if (fresh === 0) {
      throw new UnsteadyListing(supplierText('listing.repeatedPage', { page, pages }));
    }
  }
}

/** secondsLeftIn of a refusal's JSON body, its `msg` (or `message`); null when it is not JSON. */
function secondsLeftInBody(text: string): number | null {
  try {
    const body = JSON.parse(text) as Record<string, unknown> | null;
    return body && typeof body === 'object' ? secondsLeftIn(body.msg ?? body.message) : null;
  } catch {
    return null;
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
