import { randomBytes } from 'node:crypto';
import { md5Hex } from '../../shared/digest';
import {
  FaultPlan,
  MinuteRateLimiter,
  requestHeader,
  startSimServer,
  type SimRequest,
  type SimResponse,
  type SimServer,
} from '../../shared/sim/server';
import type { SimPackage } from './seed';
import { englishCountryName, isoFromCountryToken, isoFromMcc, mccFromIso } from '../countries';
import { FMS_BAD_PARAMS, FMS_ERROR, FMS_OK, FMS_TOKEN_EXPIRED } from '../envelope';
import { TOKEN_HEADER } from '../client';
import { envelope, springError } from './answers';
import { emptyOrderBook, FmsOrderDesk, type FmsSimOrderBook } from './orders';
import { canonicalPath, FMS_PATHS, type PathFamily } from '../paths';

/** "it lasts 3 days" (linksfield-fields.md). */
export const TOKEN_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;

export interface FmsSimAccount {
  email: string;
  /** The password in clear; the server only ever compares its md5, as FMS does. */
  password: string;
  partnerCode: string;
}

export interface FmsSimState extends FmsSimOrderBook {
  account: FmsSimAccount;
  /** Lifetime of tokens issued from now on; 0 makes each new token expire at once (a token that keeps expiring). */
  tokenLifetimeMs: number;
  tokens: Map<string, { expiresAt: number }>;
  /** Expires every token issued so far: the next call carrying one answers code 7. */
  expireAllTokens(): void;
  /** Per token, as real servers limit; tests lower it. */
  rateLimiter: MinuteRateLimiter;
  logins: number;
  /**
   * Which spelling of the catalog and pre-order paths this host answers: `/v1.1/…` (our notes) or the plain one
   * (Linksfield's public docs); the other is a 404, as a real host speaking one of them answers.
   */
  pathFamily: PathFamily;
}

export interface FmsSimServer extends SimServer {
  state: FmsSimState;
  setGeneration(generation: number): void;
  packages(): SimPackage[];
  /** The portal's cancel of a pre-order not yet paid (orderPayStatus 3). */
  cancelPreOrder(orderId: string): void;
}

export interface FmsSimOptions {
  catalogAt: (generation: number) => SimPackage[];
  /** See FmsSimState.pathFamily; `/v1.1` when absent. */
  pathFamily?: PathFamily;
  account: FmsSimAccount;
  generation?: number;
  host?: string;
  port?: number;
  rateLimitPerMinute?: number;
}

type Body = Record<string, unknown>;

const {
  login: LOGIN,
  countryList: COUNTRY_LIST,
  packageDetail: PACKAGE_DETAIL,
  preOrder: PRE_ORDER,
  payment: PAYMENT,
  orderStatus: ORDER_STATUS,
} = FMS_PATHS;
const ROUTES = new Set<string>(Object.values(FMS_PATHS));

/**
 * The eSIM QR Mall (FMS) API as linksfield-fields.md and Linksfield's public fms-api docs describe it: login
 * with md5 password for an `x-access-token`, the country list, the per-country package list and the package
 * detail. It refuses what the docs would: missing or malformed parameters (code 2), stale tokens (code 7).
 */
export async function startFmsSimulator(options: FmsSimOptions): Promise<FmsSimServer> {
  let packages = options.catalogAt(options.generation ?? 0);
  let byId = new Map(packages.map((pkg) => [pkg.id, pkg]));
  const state: FmsSimState = {
    ...emptyOrderBook(),
    account: options.account,
    tokenLifetimeMs: TOKEN_LIFETIME_MS,
    tokens: new Map(),
    expireAllTokens() {
      for (const session of state.tokens.values()) session.expiresAt = 0;
    },
    rateLimiter: new MinuteRateLimiter(options.rateLimitPerMinute ?? 3000),
    logins: 0,
    pathFamily: options.pathFamily ?? 'v1.1',
  };
  const desk = new FmsOrderDesk((id) => byId.get(id), state);

  function handle(served: SimRequest): SimResponse {
    const path = canonicalPath(served.path, state.pathFamily);
    if (path === null || !ROUTES.has(path)) return springError(404, 'Not Found', served);
    const req = path === served.path ? served : { ...served, path };
    if (req.method !== 'POST') return springError(405, 'Method Not Allowed', req);
    const body = jsonBody(req);
    if (!body) return envelope(FMS_BAD_PARAMS, null, 'request body must be a JSON object');
    if (req.path === LOGIN) return login(body, req.now);

    const token = requestHeader(req, TOKEN_HEADER);
    const session = token ? state.tokens.get(token) : undefined;
    if (!token || !session) return envelope(FMS_TOKEN_EXPIRED, null, 'token is missing or invalid, please log in');
    if (session.expiresAt <= req.now) return envelope(FMS_TOKEN_EXPIRED, null, 'token expired, please log in again');
    const retryAfter = state.rateLimiter.hit(token, req.now);
    if (retryAfter !== null) {
      return {
        status: 429,
        body: { timestamp: new Date(req.now).toISOString(), status: 429, error: 'Too Many Requests', path: req.path },
        headers: { 'retry-after': String(retryAfter) },
      };
    }
    // These two take only an id, as documented; the others name the partner.
    if (req.path === PACKAGE_DETAIL) return detail(body);
    if (req.path === ORDER_STATUS) return desk.status(body, req.now);
    const partnerProblem = checkPartner(body);
    if (partnerProblem) return partnerProblem;
    if (req.path === PRE_ORDER) return desk.preOrder(body, req.now);
    if (req.path === PAYMENT) return desk.payment(body, req.now);
    const type = searchType(body.type);
    if (type === null) return envelope(FMS_BAD_PARAMS, null, 'type is required: 1 or 2');
    if (body.countryCode !== undefined && body.countryCode !== null && !isMcc(body.countryCode)) {
      return envelope(FMS_BAD_PARAMS, null, 'countryCode must be an MCC number such as 460');
    }
    return req.path === COUNTRY_LIST ? countryList(type) : packageList(body, type);
  }

  function login(body: Body, now: number): SimResponse {
    const { email, passwd, partnerCode } = body;
    if (typeof email !== 'string' || email.trim() === '') return envelope(FMS_BAD_PARAMS, null, 'email is required');
    if (typeof passwd !== 'string' || !/^[0-9a-f]{32}$/.test(passwd))
      return envelope(FMS_BAD_PARAMS, null, 'passwd must be the md5 of the password');
    if (typeof partnerCode !== 'string' || !/^P\d{6}$/.test(partnerCode))
      return envelope(FMS_BAD_PARAMS, null, 'partnerCode is required');
    const { account } = state;
    if (email !== account.email || passwd !== md5Hex(account.password) || partnerCode !== account.partnerCode) {
      return envelope(FMS_ERROR, null, 'login failed: incorrect email, password or partner code');
    }
    const token = randomBytes(24).toString('hex');
    state.tokens.set(token, { expiresAt: now + state.tokenLifetimeMs });
    state.logins++;
    return {
      status: 200,
      body: { code: FMS_OK, data: { email, partnerCode }, message: 'success' },
      headers: { [TOKEN_HEADER]: token },
    };
  }

  function checkPartner(body: Body): SimResponse | null {
    if (typeof body.partnerCode !== 'string' || body.partnerCode === '')
      return envelope(FMS_BAD_PARAMS, null, 'partnerCode is required');
    if (body.partnerCode !== state.account.partnerCode)
      return envelope(FMS_BAD_PARAMS, null, 'partnerCode does not match the logged-in account');
    return null;
  }

  /** All countries assigned to the partner: under type 1 every country a package is listed under, under type 2 only countries with a package of their own. */
  function countryList(type: 1 | 2): SimResponse {
    const mccs = new Set<string>();
    for (const pkg of packages) {
      for (const mcc of pkg.listedUnder) if (type === 1 || coversOnly(pkg, mcc)) mccs.add(mcc);
    }
    const countries = [...mccs]
      .map((mcc) => ({ countryCode: Number(mcc), isoCountryName: englishCountryName(isoFromMcc(mcc) ?? mcc) }))
      .sort((a, b) => a.isoCountryName.localeCompare(b.isoCountryName));
    return envelope(FMS_OK, countries, 'success');
  }

  function packageList(body: Body, type: 1 | 2): SimResponse {
    // "when countryCode and isoCountryName both exist in parameters, countryCode supersedes"
    let mcc: string | undefined;
    if (isMcc(body.countryCode)) mcc = String(body.countryCode);
    else if (typeof body.isoCountryName === 'string' && body.isoCountryName.trim()) {
      const iso = isoFromCountryToken(body.isoCountryName);
      mcc = iso ? mccFromIso(iso) : undefined;
      if (!mcc) return envelope(FMS_OK, [], 'success');
    } else {
      return envelope(FMS_BAD_PARAMS, null, 'countryCode or isoCountryName is required');
    }
    const found = packages.filter((pkg) => pkg.listedUnder.includes(mcc) && (type === 1 || coversOnly(pkg, mcc)));
    return envelope(FMS_OK, found.map(summary), 'success');
  }

  function detail(body: Body): SimResponse {
    if (typeof body.id !== 'number' || !Number.isInteger(body.id) || body.id <= 0)
      return envelope(FMS_BAD_PARAMS, null, 'id is required');
    const pkg = byId.get(body.id);
    if (!pkg) return envelope(FMS_BAD_PARAMS, null, 'package does not exist');
    const { listedUnder: _portalOnly, ...fields } = pkg;
    return envelope(FMS_OK, fields, 'success');
  }

  const server = await startSimServer(handle, { host: options.host, port: options.port, faults: new FaultPlan() });
  return {
    ...server,
    state,
    setGeneration(generation: number) {
      packages = options.catalogAt(generation);
      byId = new Map(packages.map((pkg) => [pkg.id, pkg]));
    },
    packages: () => packages,
    cancelPreOrder: (orderId) => desk.cancel(orderId),
  };
}

function summary(pkg: SimPackage) {
  const {
    id,
    packageId,
    packageCode,
    packageShowName,
    packageShortDesc,
    packageFlow,
    packageType,
    period,
    periodUnit,
    logo,
  } = pkg;
  return {
    id,
    packageId,
    packageCode,
    packageShowName,
    packageShortDesc,
    packageFlow,
    packageType,
    period,
    periodUnit,
    logo,
  };
}

function coversOnly(pkg: SimPackage, mcc: string): boolean {
  return pkg.coverCountrys.length === 1 && pkg.coverCountrys[0] === mcc;
}

/** The docs show type as a number in samples and call it a String in the parameter table: both are taken. */
function searchType(value: unknown): 1 | 2 | null {
  if (value === 1 || value === '1') return 1;
  if (value === 2 || value === '2') return 2;
  return null;
}

function isMcc(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 999;
}

function jsonBody(req: SimRequest): Body | null {
  try {
    const parsed: unknown = JSON.parse(req.body.toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Body) : null;
  } catch {
    return null;
  }
}
