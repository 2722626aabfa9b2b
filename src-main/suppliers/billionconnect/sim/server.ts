import Decimal from 'decimal.js';
import {
  FaultPlan,
  MinuteRateLimiter,
  requestHeader,
  startSimServer,
  type SimRequest,
  type SimResponse,
  type SimServer,
} from '../../shared/sim/server';
import { BC_COUNTRIES, type BcSimProduct } from './seed';
import { INVOKE_PATH } from '../config';
import { hexDigestMatches } from '../../shared/digest';
import { SIGN_METHOD, signBody } from '../sign';
import { PARAMETER_ERROR, ok, refuse, type Refusal } from './answers';
import { BcOrderDesk, emptyOrderBook, type BcSimOrderBook } from './orders';
import { parseTradeTime } from '../trade-time';

export { PARAMETER_ERROR } from './answers';

export interface BcSimAccount {
  appKey: string;
  appSecret: string;
  /** The sales method the vendor assigned; requests naming another are refused. */
  salesMethod: string;
  currency: string;
  accountBalance: string;
  frozenBalance: string;
}

export interface BillionConnectServerOptions {
  catalogAt: (generation: number) => BcSimProduct[];
  accounts: BcSimAccount[];
  generation?: number;
  host?: string;
  port?: number;
  rateLimitPerMinute?: number;
}

export interface BillionConnectServer extends SimServer {
  state: BcSimOrderBook & {
    accounts: BcSimAccount[];
    clockOffsetMs: number;
    rateLimiter: MinuteRateLimiter;
  };
  setGeneration(generation: number): void;
  catalog(): BcSimProduct[];
  /** N009 for an order, exactly as it would travel: body bytes and signed headers (tests tamper with them). */
  n009(channelOrderId: string): { body: Buffer; headers: Record<string, string> };
  /** Sends N009 to `url` as BillionConnect would, once, and returns what the receiver answered. */
  pushN009(channelOrderId: string, url: string): Promise<{ status: number; reply: string }>;
}

/**
 * The docs give no time window and no code for a stale tradeTime. The simulator accepts ±10 minutes of its
 * own UTC+8 clock (generous for a laptop, tight enough to stop replays) and answers a code of its own, so a
 * clock problem is told apart from the catch-all 1003. Not a real BillionConnect code.
 */
export const TRADE_TIME_REJECTED: Refusal = { tradeCode: '1011', tradeMsg: '请求时间超出允许范围' };
export const TRADE_TIME_WINDOW_MS = 10 * 60_000;

const LANGUAGES = new Set(['1', '2']);
const CHINESE = '1';

/** Operators shown in F002 country entries; demo names, not the vendor's actual routing. */
const OPERATORS: Record<string, string[]> = {
  HK: ['CSL', 'CMHK'],
  MO: ['CTM'],
  TW: ['Chunghwa'],
  CN: ['China Mobile', 'China Unicom'],
  JP: ['SoftBank', 'KDDI'],
  KR: ['SKT', 'KT'],
  TH: ['AIS', 'DTAC'],
  SG: ['Singtel'],
  MY: ['Maxis'],
  VN: ['Viettel'],
  PH: ['Globe'],
  ID: ['Telkomsel'],
  AU: ['Optus'],
  NZ: ['One NZ'],
  US: ['T-Mobile', 'AT&T'],
  CA: ['Rogers'],
  GB: ['Three', 'O2'],
  FR: ['Orange'],
  DE: ['Vodafone'],
  IT: ['TIM'],
  ES: ['Movistar'],
  CH: ['Sunrise'],
  TR: ['Turkcell'],
  AE: ['Etisalat'],
  IN: ['Airtel'],
  MX: ['Telcel'],
  BR: ['Claro'],
  EG: ['Vodafone EG'],
};

/**
 * BillionConnect's invoke endpoint on loopback: one POST path, the operation in the signed body. Checks run
 * in the order a gateway would: rate limit, headers, signature over the received bytes, body, time, salesMethod.
 */
export async function startBillionConnectServer(options: BillionConnectServerOptions): Promise<BillionConnectServer> {
  let catalog = options.catalogAt(options.generation ?? 0);
  const state: BillionConnectServer['state'] = {
    ...emptyOrderBook(),
    accounts: options.accounts,
    clockOffsetMs: 0,
    rateLimiter: new MinuteRateLimiter(options.rateLimitPerMinute ?? 600),
  };
  const desk = new BcOrderDesk(() => catalog, state);

  function handle(req: SimRequest): SimResponse {
    // The vendor runs a Java stack: anything but the endpoint gets its framework's error page, not an envelope.
    if (req.path !== INVOKE_PATH) return frameworkError(req, 404, 'Not Found');
    if (req.method !== 'POST') return frameworkError(req, 405, 'Method Not Allowed');
    const appKey = requestHeader(req, 'x-channel-id') ?? '';
    const retryAfter = state.rateLimiter.hit(appKey, req.now);
    if (retryAfter !== null)
      return {
        status: 429,
        body: 'Too Many Requests',
        headers: { 'retry-after': String(retryAfter), 'content-type': 'text/plain' },
      };

    const account = state.accounts.find((a) => a.appKey === appKey);
    if (
      !account ||
      !/^application\/json\b/i.test(requestHeader(req, 'content-type') ?? '') ||
      requestHeader(req, 'x-sign-method') !== SIGN_METHOD
    )
      return refuse(PARAMETER_ERROR);
    if (!hexDigestMatches(signBody(account.appSecret, req.body), requestHeader(req, 'x-sign-value') ?? ''))
      return refuse(PARAMETER_ERROR);

    const body = parseBody(req.body);
    if (!body) return refuse(PARAMETER_ERROR);
    const sentAt = parseTradeTime(body.tradeTime);
    if (sentAt === null) return refuse(PARAMETER_ERROR);
    if (Math.abs(req.now - sentAt) > TRADE_TIME_WINDOW_MS) return refuse(TRADE_TIME_REJECTED);

    const data = body.tradeData;
    switch (body.tradeType) {
      case 'F001':
      case 'F002': {
        if (data.salesMethod !== account.salesMethod) return refuse(PARAMETER_ERROR);
        const language = data.language ?? CHINESE;
        if (typeof language !== 'string' || !LANGUAGES.has(language)) return refuse(PARAMETER_ERROR);
        return ok(body.tradeType === 'F001' ? countries(language) : products(data, language));
      }
      case 'F003':
        if (data.salesMethod !== account.salesMethod) return refuse(PARAMETER_ERROR);
        return ok(
          catalog.map((product) => ({ skuId: product.skuId, price: product.prices.map((row) => ({ ...row })) })),
        );
      case 'F014': {
        const available = new Decimal(account.accountBalance).minus(account.frozenBalance).toFixed(2);
        return ok({
          accountBalance: account.accountBalance,
          currency: account.currency,
          availableBalance: available,
          frozenBalance: account.frozenBalance,
          creditLimit: '0.00',
        });
      }
      case 'F040':
        return desk.createEsimOrder(data, account, req.now);
      case 'F011':
        return desk.queryOrder(data);
      case 'F008':
        return desk.cancelOrder(data);
      default:
        // A trade this simulator does not play is as unknown to it as a typo.
        return refuse(PARAMETER_ERROR);
    }
  }

  function products(data: Record<string, unknown>, language: string) {
    const english = language !== CHINESE;
    const { skuId, countryCode } = data;
    return catalog
      .filter(
        (product) =>
          (skuId === undefined || product.skuId === skuId) &&
          (typeof countryCode !== 'string' || product.countries.includes(countryCode.toUpperCase())),
      )
      .map((product) => ({
        skuId: product.skuId,
        name: english ? product.name.en : product.name.zh,
        type: product.type,
        days: product.days,
        capacity: product.capacity,
        highFlowSize: product.highFlowSize,
        limitFlowSpeed: product.limitFlowSpeed,
        hotspotSupport: product.hotspotSupport,
        planType: product.planType,
        country: product.countries.map((iso) => ({
          mcc: iso,
          name: english ? (BC_COUNTRIES.get(iso)?.en ?? iso) : (BC_COUNTRIES.get(iso)?.zh ?? iso),
          apn: 'plus',
          apnType: '0',
          operatorInfo: (OPERATORS[iso] ?? ['Local operator']).map((operator, i) => ({
            operator,
            network: i === 0 ? '5G' : '4G',
            priority: String(i + 1),
          })),
        })),
        carrierValidityPeroid: product.carrierValidityPeroid,
        rechargeableProduct: '0',
        desc: english ? product.desc.en : product.desc.zh,
      }));
  }

  function countries(language: string) {
    const english = language !== CHINESE;
    const covered = [...new Set(catalog.flatMap((product) => product.countries))].sort();
    return covered.map((iso) => {
      const country = BC_COUNTRIES.get(iso);
      return {
        continent: english ? (country?.continent.en ?? '') : (country?.continent.zh ?? ''),
        mcc: iso,
        name: english ? (country?.en ?? iso) : (country?.zh ?? iso),
        url: `https://flags.billionconnect.invalid/module/country/${iso.toLowerCase()}.png`,
      };
    });
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
    setGeneration(generation: number) {
      catalog = options.catalogAt(generation);
    },
    catalog: () => catalog,
    n009: (channelOrderId) => desk.n009(channelOrderId, Date.now() + state.clockOffsetMs),
    pushN009: (channelOrderId, url) => desk.pushN009(channelOrderId, url),
  };
}

interface TradeRequest {
  tradeType: string;
  tradeTime: string;
  tradeData: Record<string, unknown>;
}

/**
 * The documented body, or null. Scalars in tradeData must be strings, as the vendor types every field;
 * lists and objects (order lines) are checked by the trade that reads them.
 */
function parseBody(bytes: Buffer): TradeRequest | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const { tradeType, tradeTime, tradeData } = parsed as Record<string, unknown>;
  if (typeof tradeType !== 'string' || typeof tradeTime !== 'string') return null;
  if (tradeData === undefined || tradeData === null) return { tradeType, tradeTime, tradeData: {} };
  if (typeof tradeData !== 'object' || Array.isArray(tradeData)) return null;
  if (
    !Object.values(tradeData).every(
      (value) => typeof value === 'string' || (typeof value === 'object' && value !== null),
    )
  )
    return null;
  return { tradeType, tradeTime, tradeData: tradeData as Record<string, unknown> };
}

function frameworkError(req: SimRequest, status: number, error: string): SimResponse {
  return { status, body: { timestamp: new Date(req.now).toISOString(), status, error, path: req.path } };
}
