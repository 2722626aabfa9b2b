import { z } from 'zod';
import type { RequestBudget } from '../../http/budget';
import { adaptivePolicy, standaloneBudget, type BudgetPolicy } from '../../http/budget-policy';
import type { ServerClock } from '../../http/clock';
import { hostClock } from '../shared/thread-shared';
import { CanceledError, SupplierError } from '../../http/errors';
import { supplierText } from '../shared/supplier-text';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from '../../http/retry';
import { send, type HttpRequest } from '../../http/transport';
import type { AdapterEnv } from '../adapter';
import { SEAGM_DEFAULT_REQUESTS_PER_MINUTE } from './config';
import { IP_BAN_MIN_MS, ipBannedError, readEnvelope } from './envelope';
import { seagmSignature, type SeagmParams } from './sign';

export interface SeagmClientOptions {
  /** Where /time and /v1/... live, without a trailing slash. */
  apiRoot: string;
  uid: string;
  secretKey: string;
  /** Names the connection in error messages. */
  label: string;
  env?: AdapterEnv;
}

/**
 * SEAGM's 429s ask for the rest of its limit window, which can outlast our backoff, so waits up to this long are
 * honoured; longer ones would stall a sync for no visible reason, so withRetries fails with how long SEAGM asked.
 */
const LONGEST_HONOURED_RETRY_AFTER_MS = 120_000;

/**
 * The doc names no error for a timestamp outside the ±120 s window. These are the answers a clock problem
 * can plausibly come back as; on any of them we ask /time, and retry only if our clock really was off.
 */
const CLOCK_SUSPECT_STATUSES = new Set([401, 408, 412, 425]);
const CLOCK_SUSPECT_CODES = new Set(['10401', '10408', '10412', '10425', '20049']);

const serverTimeSchema = z
  .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
  .pipe(z.number().int().positive());

export class SeagmClient {
  private readonly clock: ServerClock;
  private readonly retry: RetryPolicy;
  /**
   * Every request of the connection passes it. SEAGM answers too many requests with 429 and, when a client keeps
   * pushing, bans the IP (418) for 30 minutes to 3 days: the budget keeps two requests in flight at most, holds ALL of
   * them (not just the refused one) for as long as a 429 asked, slows its pace down, and stops sending once banned.
   * A ban is of this computer's IP address: every account's requests to the host stop, in every process (host-stop.ts).
   */
  readonly budget: RequestBudget;

  constructor(private readonly options: SeagmClientOptions) {
    this.clock = hostClock(options.apiRoot, options.env?.now);
    const retry = options.env?.retry ?? DEFAULT_RETRY;
    this.retry = {
      ...retry,
      maxRetryAfterMs: retry.maxRetryAfterMs ?? Math.max(retry.maxDelayMs, LONGEST_HONOURED_RETRY_AFTER_MS),
    };
    this.budget =
      options.env?.budget ?? standaloneBudget(seagmBudgetPolicy(undefined, options.env), options.env?.budgetTuning);
  }

  /**
   * One signed GET, retried while retrying can help; resolves with the envelope's `data`.
   * A rejection that may be our clock is checked against /time and, if we were off, signed again once.
   */
  get(path: string, params: SeagmParams = {}, signal?: AbortSignal): Promise<unknown> {
    return this.signed('GET', path, params, params, signal);
  }

  /**
   * One signed form POST, sent once: every POST SupplyGrid sends creates an order, and although SEAGM refuses a
   * mch_order_id twice (20135), only the order service repeats one, counting every try, so an upstream that does not
   * keep that promise is charged at most its limit. `shown` is what error messages may repeat. A rejection of our
   * clock is signed again once (it proves the order was not taken).
   */
  post(path: string, params: SeagmParams, shown: SeagmParams, signal?: AbortSignal): Promise<unknown> {
    return this.signed('POST', path, params, shown, signal, true);
  }

  private signed(
    method: 'GET' | 'POST',
    path: string,
    params: SeagmParams,
    shown: SeagmParams,
    signal?: AbortSignal,
    sendOnce = false,
  ): Promise<unknown> {
    let clockChecked = false;
    return withRetries(
      sendOnce ? { ...this.retry, attempts: 1 } : this.retry,
      async () => {
        for (;;) {
          const signedWith = { offsetMs: this.clock.offset };
          try {
            return await this.signedOnce(method, path, params, shown, signedWith, signal, sendOnce);
          } catch (error) {
            if (clockChecked || !mayBeClockRejection(error)) throw error;
            clockChecked = true;
            // Sent again when our idea of the server's clock moved since this request was signed: by this check, or by
            // another request's (or a sync worker's, handed back) learnt meanwhile.
            if (!(await this.correctClock(signal)) || !this.clock.movedSince(signedWith.offsetMs)) throw error;
          }
        }
      },
      signal,
    );
  }

  /** Server time in seconds, from the unsigned /time endpoint. */
  async serverTimeSeconds(signal?: AbortSignal): Promise<number> {
    const data = await this.exchange('GET', '/time', () => ({ query: {}, form: null }), {}, signal);
    const parsed = serverTimeSchema.safeParse(data);
    if (!parsed.success)
      throw new SupplierError(
        supplierText('supplier.unexpected', {
          where: `${this.options.label} GET /time`,
          detail: JSON.stringify(data)?.slice(0, 40),
        }),
        'bad_response',
      );
    return parsed.data;
  }

  /** Learns the server's clock from /time; false when it could not be read. */
  private async correctClock(signal?: AbortSignal): Promise<boolean> {
    let seconds: number;
    try {
      seconds = await this.serverTimeSeconds(signal);
    } catch (error) {
      if (error instanceof CanceledError) throw error;
      // Without the server's time the original rejection is the more useful thing to report.
      return false;
    }
    // /time has whole seconds: the server's clock is somewhere inside that second, so aim at its middle.
    this.clock.learn(seconds * 1000 + 500);
    return true;
  }

  /**
   * Signed as of the moment each attempt is sent, after its wait for the budget: SEAGM refuses a timestamp more than
   * 120 s off (408), and a request may wait longer than that for its turn, or be sent again after a long Retry-After.
   */
  private signedOnce(
    method: 'GET' | 'POST',
    path: string,
    params: SeagmParams,
    shown: SeagmParams,
    /** Set to the clock offset each attempt is signed with. */
    signedWith: { offsetMs: number },
    signal?: AbortSignal,
    sendOnce = false,
  ): Promise<unknown> {
    const sign = (): SignedParts => {
      signedWith.offsetMs = this.clock.offset;
      const auth: SeagmParams = { uid: this.options.uid, timestamp: String(this.clock.nowSeconds()) };
      if (method === 'GET') {
        const query: SeagmParams = { ...params, ...auth };
        query.signature = seagmSignature(this.options.secretKey, query);
        return { query, form: null };
      }
      // As the doc's POST example: credentials in the query, the order in the form body, one signature over both.
      return { query: { ...auth, signature: seagmSignature(this.options.secretKey, auth, params) }, form: params };
    };
    return this.exchange(method, path, sign, shown, signal, sendOnce);
  }

  /** `shown` is what the error messages may say about the request: never uid, timestamp or signature. */
  private exchange(
    method: 'GET' | 'POST',
    path: string,
    sign: () => SignedParts,
    shown: SeagmParams,
    signal?: AbortSignal,
    sendOnce = false,
  ): Promise<unknown> {
    const detail = Object.entries(shown)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    const label = `${this.options.label} ${method} ${path}${detail ? ` (${detail})` : ''}`;
    const host = new URL(this.options.apiRoot).host;
    const request = (): HttpRequest => {
      const { query, form } = sign();
      const search = new URLSearchParams(query).toString();
      const url = `${this.options.apiRoot}${path}${search ? `?${search}` : ''}`;
      return form === null
        ? { method, url, headers: { accept: 'application/json' } }
        : {
            method,
            url,
            headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form).toString(),
          };
    };
    return this.budget.run(
      async () => {
        try {
          const response = await send(request(), {
            label,
            signal,
            timeoutMs: this.options.env?.timeoutMs,
            deadlineMs: this.options.env?.requestDeadlineMs,
            maxBytes: this.options.env?.maxResponseBytes,
            meter: this.budget,
          });
          return readEnvelope(response, label, [this.options.secretKey]);
        } catch (error) {
          // A ban stops every request to the host, of any account or process, without touching the network again; what
          // they meet names the host that banned us, not this connection or this request.
          if (error instanceof SupplierError && error.code === 'ip_banned')
            this.budget.stop(ipBannedError(host), IP_BAN_MIN_MS);
          throw error;
        }
      },
      signal,
      { resendThrottled: !sendOnce },
    );
  }
}

/** A request's query (credentials and signature included) and form body, made as it is sent. */
interface SignedParts {
  query: SeagmParams;
  form: SeagmParams | null;
}

const MAX_PARALLEL_REQUESTS = 2;

/**
 * Adaptive, at the connection's pace or the default. A 429 without Retry-After holds every request as long as our
 * retry policy ever waits, which is long enough to leave a limit window.
 */
export function seagmBudgetPolicy(requestsPerMinute: number | undefined, env: AdapterEnv | undefined): BudgetPolicy {
  return adaptivePolicy(
    requestsPerMinute,
    {
      perMinute: SEAGM_DEFAULT_REQUESTS_PER_MINUTE,
      holdMs: (env?.retry ?? DEFAULT_RETRY).maxDelayMs,
      maxParallel: MAX_PARALLEL_REQUESTS,
    },
    env?.budgetTuning,
  );
}

function mayBeClockRejection(error: unknown): error is SupplierError {
  if (!(error instanceof SupplierError)) return false;
  return (
    (error.httpStatus !== null && CLOCK_SUSPECT_STATUSES.has(error.httpStatus)) || CLOCK_SUSPECT_CODES.has(error.code)
  );
}
