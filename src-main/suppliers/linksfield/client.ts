import type { RequestBudget } from '../../http/budget';
import { adaptivePolicy, standaloneBudget, type BudgetPolicy } from '../../http/budget-policy';
import { SupplierError } from '../../http/errors';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from '../../http/retry';
import { send, type HttpResponse } from '../../http/transport';
import type { AdapterEnv, LoginSessionHandle } from '../adapter';
import { md5Hex } from '../shared/digest';
import { LINKSFIELD_DEFAULT_REQUESTS_PER_MINUTE } from './config';
import { supplierText } from '../shared/supplier-text';
import { stringifyWithDecimals } from './json-decimal';
import { FMS_OK, FMS_TOKEN_EXPIRED, describeCode, envelopeError, readEnvelope, type FmsEnvelope } from './envelope';
import { accountSession, type LogIn, type TokenSession } from './session';
import { handLearntState, sameBase, threadShared } from '../shared/thread-shared';
import { FMS_PATHS, PathFamilyMemory, isPathFamily } from './paths';

export interface FmsAccount {
  /** Where the FMS API lives; Linksfield gives each partner its host, so nothing is assumed. */
  baseUrl: string;
  partnerCode: string;
  email: string;
  password: string;
}

export const TOKEN_HEADER = 'x-access-token';

export interface CallOptions {
  /**
   * false: one attempt, whatever the transport says (a 429 included). For a call that must not reach FMS twice (the payment notice):
   * when its answer is lost, only the caller can judge whether sending it again is safe.
   */
  resend?: boolean;
}

/** The path family each host speaks, learnt once per base URL in a thread and handed to a sync worker and back. */
const PATH_FAMILIES = 'linksfield-paths';
handLearntState<PathFamilyMemory>(PATH_FAMILIES, {
  save: (memory) => memory.family ?? undefined,
  restore: (memory, family) => {
    if (isPathFamily(family)) memory.adopt(family);
  },
});

const SEND_ONCE: RetryPolicy = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

/** The eSIM QR Mall (FMS) API: JSON POSTs carrying a login token, answers in `{code, data, message}`. */
export class FmsClient {
  private readonly session: TokenSession;
  private readonly retry: RetryPolicy;
  private readonly base: string;
  /** Whether this host speaks the `/v1.1` paths or the plain ones, learnt from its first 404 (paths.ts), once per host. */
  private readonly pathFamily: PathFamilyMemory;
  /** Every call of the connection (logins included) passes it; a 429 is waited out there and never spends a retry. */
  readonly budget: RequestBudget;

  constructor(
    private readonly account: FmsAccount,
    /** Names the supplier in error messages. */
    readonly label: string,
    private readonly env: AdapterEnv = {},
  ) {
    this.session = accountSession(account);
    this.pathFamily = threadShared(
      PATH_FAMILIES,
      [sameBase(account.baseUrl)],
      () => new PathFamilyMemory((error) => error instanceof SupplierError && error.httpStatus === 404),
    );
    this.retry = env.retry ?? DEFAULT_RETRY;
    this.base = account.baseUrl.replace(/\/+$/, '');
    this.budget = env.budget ?? standaloneBudget(linksfieldBudgetPolicy(undefined, env), env.budgetTuning);
  }

  get partnerCode(): string {
    return this.account.partnerCode;
  }

  /** The account's session, which a sync worker thread's takes its tokens from (SupplierAdapter.session). */
  readonly sessionHandle: LoginSessionHandle = {
    replace: (stale, signal) => this.session.replace(stale, this.logInHere, signal),
    takeTokensFrom: (source) => this.session.takeTokensFrom(source),
  };

  /** Logs in afresh, so a ping proves the credentials rather than an old token. */
  async signIn(signal?: AbortSignal): Promise<void> {
    await this.session.renew(this.logInHere, signal);
  }

  /**
   * One API call; resolves with `data` when the code is 0. An expired token (code 7) is replaced by one new
   * login and the call tried once more: a token that expires again at once is an account problem that more
   * logins would not fix.
   */
  async call(
    path: string,
    body: Record<string, unknown>,
    signal?: AbortSignal,
    options: CallOptions = {},
  ): Promise<unknown> {
    return this.pathFamily.run(path, (actualPath) => this.callAt(actualPath, body, signal, options));
  }

  private async callAt(
    path: string,
    body: Record<string, unknown>,
    signal?: AbortSignal,
    options: CallOptions = {},
  ): Promise<unknown> {
    const label = `${this.label} POST ${path}`;
    let token = await this.session.current(this.logInHere, signal);
    for (let renewed = false; ; renewed = true) {
      const { envelope, response } = await this.exchange(
        path,
        body,
        token,
        label,
        signal,
        options.resend === false ? SEND_ONCE : this.retry,
        options.resend !== false,
      );
      if (envelope.code === FMS_OK) return envelope.data;
      if (envelope.code !== FMS_TOKEN_EXPIRED) throw envelopeError(label, envelope, response.status);
      if (renewed) {
        throw new SupplierError(
          supplierText('supplier.tokenRefusedAgain', {
            where: label,
            message: envelope.message,
            code: describeCode(envelope.code),
          }),
          String(envelope.code),
          response.status,
        );
      }
      token = await this.session.replace(token, this.logInHere, signal);
    }
  }

  /** Logins this client starts pass its own budget window, so they count in its run. */
  private readonly logInHere: LogIn = (signal) => this.logIn(signal);

  private async logIn(signal?: AbortSignal): Promise<string> {
    const label = `${this.label} POST /user/login`;
    // `passwd`, md5 hex: the spelling and hashing Linksfield's FMS user API documents.
    const body = {
      email: this.account.email,
      passwd: md5Hex(this.account.password),
      partnerCode: this.account.partnerCode,
    };
    const { envelope, response } = await this.exchange(FMS_PATHS.login, body, null, label, signal);
    if (envelope.code !== FMS_OK) {
      throw new SupplierError(
        supplierText('supplier.loginRefused', {
          where: label,
          email: this.account.email,
          partnerCode: this.account.partnerCode,
          message: envelope.message,
          code: describeCode(envelope.code),
        }),
        String(envelope.code),
        response.status,
      );
    }
    const token = response.headers[TOKEN_HEADER] || tokenInBody(envelope.data);
    if (!token)
      throw new SupplierError(
        supplierText('supplier.noField', { where: label, field: TOKEN_HEADER }),
        'bad_response',
        response.status,
      );
    return token;
  }

  private exchange(
    path: string,
    body: Record<string, unknown>,
    token: string | null,
    label: string,
    signal?: AbortSignal,
    retry = this.retry,
    resendThrottled = true,
  ): Promise<{ envelope: FmsEnvelope; response: HttpResponse }> {
    return withRetries(
      retry,
      () =>
        this.budget.run(
          async () => {
            const response = await send(
              {
                method: 'POST',
                url: `${this.base}${path}`,
                headers: {
                  'content-type': 'application/json',
                  accept: 'application/json',
                  ...(token ? { [TOKEN_HEADER]: token } : {}),
                },
                body: stringifyWithDecimals(body),
              },
              {
                label,
                signal,
                timeoutMs: this.env.timeoutMs,
                deadlineMs: this.env.requestDeadlineMs,
                maxBytes: this.env.maxResponseBytes,
                meter: this.budget,
              },
            );
            return { envelope: readEnvelope(response, label), response };
          },
          signal,
          { resendThrottled },
        ),
      signal,
    );
  }
}

/** Adaptive at the connection's pace or the default; a 429 without Retry-After holds as long as our retries ever wait. */
export function linksfieldBudgetPolicy(
  requestsPerMinute: number | undefined,
  env: AdapterEnv | undefined,
): BudgetPolicy {
  return adaptivePolicy(
    requestsPerMinute,
    { perMinute: LINKSFIELD_DEFAULT_REQUESTS_PER_MINUTE, holdMs: (env?.retry ?? DEFAULT_RETRY).maxDelayMs },
    env?.budgetTuning,
  );
}

/** The docs say the token comes "in the response" without saying where; a header is usual, the body is read too. */
export function tokenInBody(data: unknown): string | null {
  // A bare string counts only when it looks like a token, not like "login success".
  if (typeof data === 'string') return /^[\w.~+/=-]{16,}$/.test(data.trim()) ? data.trim() : null;
  if (!data || typeof data !== 'object') return null;
  const record = data as Record<string, unknown>;
  for (const key of [TOKEN_HEADER, 'token', 'accessToken', 'access_token']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}
