import { z } from 'zod';
import type { RequestBudget } from '../../http/budget';
import { adaptivePolicy, standaloneBudget, type BudgetPolicy } from '../../http/budget-policy';
import { SupplierError } from '../../http/errors';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from '../../http/retry';
import { parseJson, send, type HttpResponse } from '../../http/transport';
import type { AdapterEnv } from '../adapter';
import { refusalText, supplierText } from '../shared/supplier-text';
import { BILLIONCONNECT_DEFAULT_REQUESTS_PER_MINUTE } from './config';
import { signedHeaders } from './sign';
import { formatTradeTime } from './trade-time';

/** Success is the string "1000"; everything else is a refusal. */
export const SUCCESS_CODE = '1000';
/** The one refusal the vendor is known to send: any parameter problem, a wrong signature included. */
export const PARAMETER_ERROR_CODE = '1003';

/** Requests carry the time; past this much disagreement with the server's Date header, say so in errors. */
const CLOCK_HINT_THRESHOLD_MS = 60_000;

export interface BillionConnectClientOptions {
  /** The full invoke URL, …/Flow/saler/2.0/invoke. */
  invokeUrl: string;
  appKey: string;
  appSecret: string;
  /** Names the connection in error messages. */
  label: string;
  env?: AdapterEnv;
}

/** Every value a string, as the vendor types every field; order lines are lists of such objects. */
export interface TradeData {
  [field: string]: string | TradeData[];
}

/**
 * BillionConnect answered, and the answer was not "1000". Kept apart from transport failures because an order
 * trade it refuses was certainly not carried out, while one that timed out may have been.
 */
export class TradeRefusal extends SupplierError {
  constructor(
    message: string,
    readonly tradeCode: string,
    httpStatus: number | null,
  ) {
    super(message, tradeCode || 'upstream_error', httpStatus);
    this.name = 'TradeRefusal';
  }
}

const envelopeSchema = z.object({
  // Documented as a string; a number would be the same code, so do not let `1000 !== "1000"` fail a sync.
  tradeCode: z.union([z.string(), z.number()]).transform((code) => String(code).trim()),
  tradeMsg: z.string().nullish(),
  // Absent, not null, in the answers of trades that return nothing (F008 cancel, F041 resend email).
  tradeData: z.unknown().optional(),
});
type Envelope = z.infer<typeof envelopeSchema>;

/** The BillionConnect invoke protocol: one POST endpoint, the operation named by tradeType in a signed body. */
export class BillionConnectClient {
  private readonly retry: RetryPolicy;
  private readonly now: () => number;
  /** Every trade of the connection passes it; a 429 is waited out there and never spends a retry. */
  readonly budget: RequestBudget;

  constructor(private readonly options: BillionConnectClientOptions) {
    this.retry = options.env?.retry ?? DEFAULT_RETRY;
    this.now = options.env?.now ?? Date.now;
    this.budget =
      options.env?.budget ??
      standaloneBudget(billionConnectBudgetPolicy(undefined, options.env), options.env?.budgetTuning);
  }

  /** One trade, retried when the transport says it may be; resolves with the tradeData of a "1000" answer. */
  invoke(
    tradeType: string,
    tradeData: TradeData,
    signal?: AbortSignal,
    options: { sendOnce?: boolean } = {},
  ): Promise<unknown> {
    // `sendOnce`: a trade that spends money (F040) is never repeated here, not even after a 429; the order service
    // decides when a repeat is safe and counts every one.
    const retry = options.sendOnce ? { ...this.retry, attempts: 1 } : this.retry;
    return withRetries(
      retry,
      () =>
        this.budget.run(() => this.invokeOnce(tradeType, tradeData, signal), signal, {
          resendThrottled: !options.sendOnce,
        }),
      signal,
    );
  }

  private async invokeOnce(tradeType: string, tradeData: TradeData, signal: AbortSignal | undefined): Promise<unknown> {
    const label = `${this.options.label} ${tradeType}`;
    // Built per attempt: a retry after a long Retry-After must carry the time it is sent at.
    const body = Buffer.from(JSON.stringify({ tradeType, tradeTime: formatTradeTime(this.now()), tradeData }), 'utf8');
    const response = await send(
      {
        method: 'POST',
        url: this.options.invokeUrl,
        headers: { ...signedHeaders(this.options.appKey, this.options.appSecret, body), accept: 'application/json' },
        body,
      },
      {
        label,
        signal,
        timeoutMs: this.options.env?.timeoutMs,
        deadlineMs: this.options.env?.requestDeadlineMs,
        maxBytes: this.options.env?.maxResponseBytes,
        meter: this.budget,
      },
    );
    const envelope = readEnvelope(response, label);
    if (envelope.tradeCode === SUCCESS_CODE) return envelope.tradeData;
    throw refusal(envelope, response, label, this.now());
  }
}

/** Adaptive at the connection's pace or the default; a 429 without Retry-After holds as long as our retries ever wait. */
export function billionConnectBudgetPolicy(
  requestsPerMinute: number | undefined,
  env: AdapterEnv | undefined,
): BudgetPolicy {
  return adaptivePolicy(
    requestsPerMinute,
    { perMinute: BILLIONCONNECT_DEFAULT_REQUESTS_PER_MINUTE, holdMs: (env?.retry ?? DEFAULT_RETRY).maxDelayMs },
    env?.budgetTuning,
  );
}

function readEnvelope(response: HttpResponse, label: string): Envelope {
  if (response.status !== 200) {
    const envelope = envelopeSchema.safeParse(tryParse(response.text));
    if (envelope.success) return envelope.data;
    throw new SupplierError(
      supplierText('supplier.notTheApi', { where: label, status: response.status }),
      'http_error',
      response.status,
    );
  }
  const envelope = envelopeSchema.safeParse(parseJson(response, label));
  if (envelope.success) return envelope.data;
  // Never read as "no products": an answer without tradeCode is not BillionConnect speaking.
  throw new SupplierError(
    supplierText('supplier.noField', { where: label, field: 'tradeCode' }),
    'bad_response',
    response.status,
    true,
  );
}

function refusal(envelope: Envelope, response: HttpResponse, label: string, localNow: number): TradeRefusal {
  const parts = [refusalText(label, envelope.tradeMsg, `tradeCode ${envelope.tradeCode || '?'}`)];
  if (envelope.tradeCode === PARAMETER_ERROR_CODE) parts.push(supplierText('supplier.hint.bcParameters'));
  const skewMs = response.serverDate === null ? 0 : localNow - response.serverDate;
  if (Math.abs(skewMs) > CLOCK_HINT_THRESHOLD_MS) {
    parts.push(
      supplierText(skewMs > 0 ? 'supplier.hint.clockAhead' : 'supplier.hint.clockBehind', {
        minutes: Math.round(Math.abs(skewMs) / 60_000),
      }),
    );
  }
  return new TradeRefusal(parts.join('; '), envelope.tradeCode, response.status);
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
