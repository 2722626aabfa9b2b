import { setTimeout as sleep } from 'node:timers/promises';
import { hashUnit } from '../../shared/sim/seeded-random';
import { FaultPlan, startSimServer, type SimRequest, type SimResponse, type SimServer } from '../../shared/sim/server';
import type { SeagmSimCatalog, SimMobileProduct } from './seed';
import { failure, ok, refuse, type Failure } from './answers';
import { docSignatureAccepts, signedCallback } from './signature';
import { SeagmRateGuard } from './rate-limit';
import { emptyOrderBook, SeagmOrderDesk, type SeagmSimOrderBook } from './orders';

export interface SeagmSimAccount {
  uid: string;
  secretKey: string;
  id: number;
  email: string;
  username: string;
  currency: string;
  /** Default-currency balance as a decimal string, as /v1/me shows it. */
  balance: string;
}

export interface SeagmProtocolSimulator extends SimServer {
  state: SeagmSimOrderBook & {
    accounts: SeagmSimAccount[];
    /** Shift of the simulator's clock, so tests can make the client's timestamps stale. */
    clockOffsetMs: number;
    rate: SeagmRateGuard;
    /** Added to every answer, so overlapping requests can be observed. */
    latencyMs: number;
    inFlight: number;
    /** Most requests ever served at once: tests hold the client to its concurrency limit. */
    maxInFlight: number;
  };
  generation(): number;
  setGeneration(generation: number): void;
  catalog(): SeagmSimCatalog;
  /** SEAGM gives an order's money back instead of delivering it (a top-up that failed, a card it could not source); `amount` for a part. */
  refundOrder(mchOrderId: string, amount?: string): void;
  /** The order callback SEAGM would POST for this order now, signed with the account's secretKey; `extra` adds fields. */
  callbackFor(mchOrderId: string, extra?: Record<string, string | number>): Record<string, string | number>;
}

/** The doc's window: `timestamp < serverTime + 120 && timestamp > serverTime - 120`, bounds excluded. */
const TIMESTAMP_WINDOW_SECONDS = 120;
const MAX_PAGE_LIMIT = 100;

/** Signed endpoints: the matched path parts, the request's parameters and its time in, an answer out. */
type Handler = (
  match: RegExpExecArray,
  params: Map<string, string>,
  account: SeagmSimAccount,
  nowMs: number,
) => SimResponse;
interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle: Handler;
}

/** Endpoints of the doc this simulator does not play: the order lists and the optional pre-order verification. */
const NOT_SIMULATED = [/^\/v1\/card-orders$/, /^\/v1\/recharge-orders$/, /^\/v1\/mobile-recharge\/(verify|orders)$/];

/**
 * SEAGM's open API as its doc describes it: unsigned /ping and /time, and signed GETs (uid, timestamp within
 * ±120 s, HMAC-SHA256 signature over the sorted parameters) for the account and the three catalog trees.
 * It is strict where the doc is: a request the real server would refuse is refused here too.
 */
export async function startSeagmProtocolSimulator(options: {
  catalogAt: (generation: number) => SeagmSimCatalog;
  accounts: SeagmSimAccount[];
  generation?: number;
  seed: number;
  host?: string;
  port?: number;
  rateLimitPerMinute?: number;
}): Promise<SeagmProtocolSimulator> {
  let generation = options.generation ?? 0;
  let catalog = options.catalogAt(generation);
  const state: SeagmProtocolSimulator['state'] = {
    ...emptyOrderBook(),
    accounts: options.accounts,
    clockOffsetMs: 0,
    rate: new SeagmRateGuard(options.rateLimitPerMinute ?? 600),
    latencyMs: 0,
    inFlight: 0,
    maxInFlight: 0,
  };

  const desk = new SeagmOrderDesk(() => catalog, state);

  const routes: Route[] = [
    { method: 'GET', pattern: /^\/v1\/me$/, handle: (_m, _p, account) => ok(accountView(account)) },
    {
      method: 'GET',
      pattern: /^\/v1\/account-history$/,
      handle: (_m, params, account) => accountHistory(params, account),
    },
    { method: 'GET', pattern: /^\/v1\/card-categories$/, handle: () => ok(catalog.cardCategories) },
    {
      method: 'GET',
      pattern: /^\/v1\/card-categories\/(\d+)$/,
      handle: (m) => {
        const category = catalog.cardCategories.find((c) => c.id === Number(m[1]));
        return category ? ok(category) : refuse(failure(404, 20077, "Card type doesn't exist."));
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/card-categories\/(\d+)\/card-types$/,
      handle: (m) => {
        const id = Number(m[1]);
        if (!catalog.cardCategories.some((c) => c.id === id))
          return refuse(failure(404, 20077, "Card type doesn't exist."));
        return ok(cardTypes().filter((t) => t.category_id === id));
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/card-types\/(\d+)$/,
      handle: (m) => {
        const type = cardTypes().find((t) => t.id === Number(m[1]));
        return type ? ok(type) : refuse(failure(404, 20077, "Card type doesn't exist."));
      },
    },
    { method: 'GET', pattern: /^\/v1\/recharge-categories$/, handle: () => ok(catalog.rechargeCategories) },
    {
      method: 'GET',
      pattern: /^\/v1\/recharge-categories\/(\d+)$/,
      handle: (m) => {
        const category = catalog.rechargeCategories.find((c) => c.id === Number(m[1]));
        return category ? ok(category) : refuse(failure(404, 20079, "The product doesn't exist."));
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/recharge-categories\/(\d+)\/recharge-types$/,
      handle: (m) => {
        const id = Number(m[1]);
        if (!catalog.rechargeCategories.some((c) => c.id === id))
          return refuse(failure(404, 20079, "The product doesn't exist."));
        return ok(rechargeTypes().filter((t) => t.category_id === id));
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/recharge-types\/(\d+)$/,
      handle: (m) => {
        const type = rechargeTypes().find((t) => t.id === Number(m[1]));
        // The detail example writes par_value as a string ("100.00") where the list has a float.
        return type
          ? ok({ ...type, par_value: type.par_value.toFixed(2) })
          : refuse(failure(404, 20079, "The product doesn't exist."));
      },
    },
    { method: 'GET', pattern: /^\/v1\/mobile-recharge\/countries$/, handle: () => ok(catalog.countries) },
    {
      method: 'GET',
      pattern: /^\/v1\/mobile-recharge\/operators$/,
      handle: (_m, params) => {
        const code = params.get('country_code');
        if (code === undefined || code === '') return refuse(failure(406, 20002, 'Dismiss a parameter.'));
        const country = catalog.countries.find((c) => c.code === code.toLowerCase());
        if (!country) return refuse(failure(400, 20006, 'Invalid Region.'));
        return ok(catalog.operators.filter((o) => o.country_code === country.code));
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/mobile-recharge\/products$/,
      handle: (_m, params) => {
        const operatorId = params.get('operator_id');
        if (operatorId === undefined || operatorId === '') return refuse(failure(406, 20002, 'Dismiss a parameter.'));
        const operator = /^\d+$/.test(operatorId)
          ? catalog.operators.find((o) => o.id === Number(operatorId))
          : undefined;
        if (!operator) return refuse(failure(400, 20004, 'Invalid parameter value.'));
        const groups: Record<SimMobileProduct['product_type'], SimMobileProduct[]> = {
          airtime: [],
          data: [],
          bundle: [],
        };
        for (const good of catalog.goods)
          if (good.family === 'mobile' && good.operatorId === operator.id)
            groups[good.item.product_type].push(good.item);
        return ok(groups);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/card-orders$/,
      handle: (_m, params, account, now) => desk.createCard(params, account, now),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/card-orders\/([^/]+)$/,
      handle: (m, params, _a, now) => desk.detail('card', pathPart(m[1]), params, now),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/recharge-orders$/,
      handle: (_m, params, account, now) => desk.createRecharge(params, account, now),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/recharge-orders\/([^/]+)$/,
      handle: (m, params, _a, now) => desk.detail('recharge', pathPart(m[1]), params, now),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/mobile-recharge\/create$/,
      handle: (_m, params, account, now) => desk.createMobile(params, account, now),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/mobile-recharge\/order_info$/,
      handle: (_m, params, _a, now) => desk.detail('mobile', params.get('order_id'), params, now),
    },
  ];

  function cardTypes() {
    return catalog.goods.flatMap((good) => (good.family === 'card' ? [good.item] : []));
  }
  function rechargeTypes() {
    return catalog.goods.flatMap((good) => (good.family === 'recharge' ? [good.item] : []));
  }

  function accountView(account: SeagmSimAccount) {
    return {
      id: account.id,
      email: account.email,
      username: account.username,
      credits: Math.round(Number(account.balance) * 100),
      currency: account.currency,
      balance: account.balance,
    };
  }

  /** Paged by offset/limit; `end` is exclusive (the doc's examples: begin 0, end 11 for 11 records). */
  function accountHistory(params: Map<string, string>, account: SeagmSimAccount): SimResponse {
    const offsetText = params.get('offset') ?? '0';
    const limitText = params.get('limit') ?? '12';
    if (!/^\d+$/.test(offsetText) || !/^\d+$/.test(limitText) || Number(limitText) < 1)
      return refuse(failure(400, 20004, 'Invalid parameter value.'));
    if (Number(limitText) > MAX_PAGE_LIMIT) return refuse(failure(413, 10413, 'Request Entity Too Large'));
    const logs = historyOf(account);
    const begin = Math.min(Number(offsetText), logs.length);
    const page = logs.slice(begin, begin + Number(limitText));
    return ok({ total: logs.length, begin, end: begin + page.length, logs: page });
  }

  function historyOf(account: SeagmSimAccount) {
    const logs = [];
    let balance = Number(account.balance);
    // Newest first, as the doc says every list is; walking back in time undoes each movement.
    for (let n = 0; n < 37; n++) {
      const reload = hashUnit(options.seed, 'history', n) < 0.15;
      const amount = reload ? 500 : Math.round((5 + hashUnit(options.seed, 'spend', n) * 120) * 100) / 100;
      logs.push({
        id: 880000 - n,
        account_id: account.id,
        currency: account.currency,
        action: reload ? 'Reload' : 'Purchase',
        amount: reload ? amount : -amount,
        balance: Math.round(balance * 100) / 100,
        relative_id: 17400000 - n * 7,
        created: 1750400000 - n * 5400,
      });
      balance -= reload ? amount : -amount;
    }
    return logs;
  }

  /** The doc's checks, in order: parameters present, timestamp fresh, uid known, signature right. */
  function authenticate(params: Map<string, string>, now: number): SeagmSimAccount | Failure {
    const uid = params.get('uid');
    const timestamp = params.get('timestamp');
    const signature = params.get('signature');
    if (!uid) return failure(406, 20035, 'Invalid user id Or required user id.');
    if (!timestamp) return failure(406, 20039, 'Req Timestamp header is required.');
    if (!signature) return failure(406, 20037, 'Signature parameter is required.');
    if (!/^\d+$/.test(timestamp)) return failure(400, 20004, 'Invalid parameter value.');
    const serverTime = Math.floor(now / 1000);
    const ts = Number(timestamp);
    if (!(ts < serverTime + TIMESTAMP_WINDOW_SECONDS && ts > serverTime - TIMESTAMP_WINDOW_SECONDS))
      return failure(408, 10408, 'Request Timeout');
    const account = state.accounts.find((a) => a.uid === uid);
    if (!account) return failure(401, 20035, 'Invalid user id Or required user id.');
    if (!docSignatureAccepts(account.secretKey, params, signature)) return failure(409, 20038, 'Signature is invalid.');
    return account;
  }

  function serve(req: SimRequest): SimResponse {
    // A ban covers the whole IP: unsigned endpoints included.
    if (state.rate.isBanned(req.now)) {
      // The doc names HTTP 418 but no info_code for it; 10418 follows its 10xxx = "HTTP status" pattern.
      return {
        status: 418,
        body: {
          code: 418,
          msg: 'IP Banned',
          error_info: {
            info_code: 10418,
            info_message: 'Your IP has been banned for repeatedly violating rate limits.',
          },
        },
      };
    }
    if (req.path === '/ping' || req.path === '/time') {
      if (req.method !== 'GET') return refuse(failure(405, 10405, 'Method Not Allowed'));
      return { status: 200, body: { code: 200, data: req.path === '/ping' ? 'pong' : Math.floor(req.now / 1000) } };
    }
    const onPath = routes.filter((r) => r.pattern.test(req.path));
    const route = onPath.find((r) => r.method === req.method);
    if (!route) {
      if (NOT_SIMULATED.some((pattern) => pattern.test(req.path)))
        return refuse(failure(501, 10501, 'Not Implemented'));
      return refuse(onPath.length ? failure(405, 10405, 'Method Not Allowed') : failure(404, 10404, 'Not Found'));
    }
    const params = requestParams(req);
    if (!params) return refuse(failure(400, 20003, 'Invalid Parameter.'));
    const auth = authenticate(params, req.now);
    if ('infoCode' in auth) return refuse(auth);
    const retryAfter = state.rate.admit(auth.uid, req.now);
    if (retryAfter !== null)
      return refuse(failure(429, 10429, 'Too Many Requests'), { 'retry-after': String(retryAfter) });
    return route.handle(route.pattern.exec(req.path)!, params, auth, req.now);
  }

  async function handle(req: SimRequest): Promise<SimResponse> {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      if (state.latencyMs > 0) await sleep(state.latencyMs);
      return serve(req);
    } finally {
      state.inFlight--;
    }
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
    generation: () => generation,
    setGeneration(next: number) {
      generation = next;
      catalog = options.catalogAt(generation);
    },
    catalog: () => catalog,
    refundOrder: (mchOrderId, amount) => desk.refund(mchOrderId, amount),
    callbackFor(mchOrderId, extra) {
      // One reseller account per simulator in practice: the first one's key signs.
      return signedCallback(
        state.accounts[0].secretKey,
        desk.callbackFields(mchOrderId, Date.now() + state.clockOffsetMs, extra),
      );
    },
  };
}

/**
 * GET parameters come from the query string only (the doc); POST ones from the query string and the form body,
 * the query string winning a key in both, as the doc says. A key twice in one place is refused.
 */
function requestParams(req: SimRequest): Map<string, string> | null {
  const params = new Map<string, string>();
  for (const [key, value] of req.query) {
    if (params.has(key)) return null;
    params.set(key, value);
  }
  if (req.method !== 'POST') return params;
  const seenInBody = new Set<string>();
  for (const [key, value] of new URLSearchParams(req.body.toString('utf8'))) {
    if (seenInBody.has(key)) return null;
    seenInBody.add(key);
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

function pathPart(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
