import { request, errors as undiciErrors } from 'undici';
import { CanceledError, SupplierError } from './errors';
import { parseRetryAfter } from './retry';
import { describeBytes, describeDuration, transportText } from './transport-text';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Sent byte for byte: signatures are computed over exactly these bytes. */
  body?: string | Buffer;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The server's Date header, for measuring clock skew. */
  serverDate: number | null;
}

/**
 * The most bytes one response may have. A real catalog page is at most a few MiB; an upstream sending more (an
 * endless body, a runaway export) would otherwise be held whole in memory. Past it the request fails, not retried.
 */
export const RESPONSE_BYTE_CAP = 32 * 1024 * 1024;

/**
 * The longest one exchange may take, from sending the request to the last byte of the answer. `timeoutMs` only
 * measures silence, so an upstream dripping one byte every few seconds would never trip it. This deadline covers
 * one attempt on the wire only: the wait for the connection's request budget comes before it (budget.ts), retries
 * each get their own, and the sync's own deadline (sync/engine.ts, the merchant's syncDeadlineMinutes) covers all of them.
 */
export const REQUEST_DEADLINE_MS = 120_000;

/** The longest silence (no header, no byte of body) tolerated within one exchange. */
export const SILENCE_TIMEOUT_MS = 30_000;

export interface TransportOptions {
  /** The longest silence tolerated; SILENCE_TIMEOUT_MS when absent. */
  timeoutMs?: number;
  /** From send to last byte; REQUEST_DEADLINE_MS when absent. */
  deadlineMs?: number;
  /** The most bytes of one response body; RESPONSE_BYTE_CAP when absent. */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Where errors say the request went; never includes credentials or query strings. */
  label: string;
  /** Told the size of every response body received (the connection's request budget keeps the total). */
  meter?: { received(bytes: number): void };
  /** How long a 429 without Retry-After says it lasts, read from its body (a server that words it there); ms. */
  rateLimitHint?: (body: string) => number | null;
}

/**
 * Observers of every exchange (request as sent, response as received). Only the benchmark listens: it replays
 * the exact requests of a sync to measure the network-and-parse floor.
 */
export const transportTaps = new Set<(req: HttpRequest, response: HttpResponse) => void>();

/**
 * One HTTP exchange. Network failures, timeouts, 429 and 5xx become retryable SupplierErrors; every other
 * status is returned for the supplier's client to interpret, because each API signals errors its own way.
 */
/** Stateless between calls (never asked to stream): one serves every answer. */
const UTF8 = new TextDecoder();

export async function send(req: HttpRequest, options: TransportOptions): Promise<HttpResponse> {
  const timeoutMs = options.timeoutMs ?? SILENCE_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? REQUEST_DEADLINE_MS;
  const maxBytes = options.maxBytes ?? RESPONSE_BYTE_CAP;
  // One controller for both ends of a request: the caller's cancel and our deadline. Forwarded by a listener removed
  // afterwards rather than AbortSignal.any, which ties a new signal to the caller's (a whole sync's) for every request.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), deadlineMs);
  const forwardAbort = () => deadline.abort();
  if (options.signal?.aborted) deadline.abort();
  else options.signal?.addEventListener('abort', forwardAbort, { once: true });
  const signal = deadline.signal;
  const failure = (error: unknown) =>
    deadline.signal.aborted && !options.signal?.aborted
      ? deadlineError(options.label, deadlineMs)
      : networkError(error, options);
  let received = 0;
  try {
    let response;
    try {
      // undici's request() never follows redirects (a 3xx comes back as it is): see refuseRedirect below.
      response = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw failure(error);
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      // Nothing reads the body: destroying it emits undici's "Request aborted", which must not go unhandled.
      response.body.on('error', () => undefined).destroy();
      throw tooLarge(options.label, maxBytes, declared);
    }
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of response.body) {
        received += (chunk as Buffer).length;
        if (received > maxBytes) {
          response.body.destroy();
          throw tooLarge(options.label, maxBytes);
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof SupplierError) throw error;
      throw failure(error);
    }
    // TextDecoder, as body.text() did: UTF-8 with a leading BOM dropped.
    const text = UTF8.decode(Buffer.concat(chunks));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const date = headers.date ? Date.parse(headers.date) : NaN;
    const result: HttpResponse = {
      status: response.statusCode,
      headers,
      text,
      serverDate: Number.isNaN(date) ? null : date,
    };
    for (const tap of transportTaps) tap(req, result);
    if (result.status === 429) {
      throw new SupplierError(
        transportText('transport.rateLimited', { where: options.label }),
        'rate_limited',
        429,
        true,
        parseRetryAfter(headers['retry-after']) ?? options.rateLimitHint?.(text) ?? null,
      );
    }
    if (result.status >= 500) {
      throw new SupplierError(
        transportText('transport.serverError', { where: options.label, status: result.status }),
        'server_error',
        result.status,
        true,
        parseRetryAfter(headers['retry-after']),
      );
    }
    if (result.status >= 300 && result.status < 400) throw refuseRedirect(options.label, result, req.url);
    return result;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', forwardAbort);
    options.meter?.received(received);
  }
}

/**
 * Redirects are never followed: every request carries the connection's signature or token, and following a
 * Location would hand them to whatever host the answer names. A supplier that moved must be re-configured.
 */
function refuseRedirect(label: string, response: HttpResponse, from: string): SupplierError {
  let target: string | null = null;
  try {
    const location = new URL(response.headers.location ?? '', from);
    // The origin only: a query string may carry anything.
    if (response.headers.location)
      target = location.origin === new URL(from).origin ? `${location.origin}${location.pathname}` : location.origin;
  } catch {
    target = null;
  }
  const text =
    target === null
      ? transportText('transport.redirectNowhere', { where: label, status: response.status })
      : transportText('transport.redirect', { where: label, status: response.status, target });
  return new SupplierError(text, 'redirect_refused', response.status, false);
}

/** `announced`: the size the answer declared, when that is what gave it away. */
function tooLarge(label: string, maxBytes: number, announced?: number): SupplierError {
  const text =
    announced === undefined
      ? transportText('transport.tooLarge', { where: label, max: describeBytes(maxBytes) })
      : transportText('transport.tooLargeAnnounced', {
          where: label,
          max: describeBytes(maxBytes),
          size: describeBytes(announced),
        });
  return new SupplierError(text, 'response_too_large', null, false);
}

function deadlineError(label: string, deadlineMs: number): SupplierError {
  // Retryable like any timeout: for an order, the outcome is unknown and the caller's own rules decide.
  return new SupplierError(
    transportText('transport.deadline', { where: label, limit: describeDuration(deadlineMs) }),
    'timeout',
    null,
    true,
  );
}

function networkError(error: unknown, options: TransportOptions): Error {
  if (options.signal?.aborted) return new CanceledError();
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return new SupplierError(
      transportText('transport.silence', {
        where: options.label,
        limit: describeDuration(options.timeoutMs ?? SILENCE_TIMEOUT_MS),
      }),
      'timeout',
      null,
      true,
    );
  }
  // The system's code (ECONNREFUSED, ENOTFOUND, a TLS code) names the failure; connection-test-cause.ts reads it.
  const code = (error as { code?: string }).code ?? (error as Error).message;
  return new SupplierError(
    transportText('transport.connectFailed', { where: options.label, code }),
    'network_error',
    null,
    true,
  );
}

/**
 * The deepest nesting of lists and objects one answer may have. Real answers nest about ten deep (envelope, data,
 * items, SKUs, per-locale texts). JSON.parse reads any depth, but JSON.stringify, which staging and item fingerprints
 * run over every raw item, overflows the stack a few thousand levels down: one such item would fail every sync of
 * the connection with "Maximum call stack size exceeded". Refused here, whole, as an answer we cannot read.
 */
export const MAX_JSON_DEPTH = 100;

/** Parses a response body as JSON, or explains that it is not (or is nested deeper than MAX_JSON_DEPTH). */
export function parseJson(response: HttpResponse, label: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(response.text);
  } catch {
    const preview = response.text.slice(0, 80).replace(/\s+/g, ' ');
    throw new SupplierError(
      transportText('transport.notJson', { where: label, status: response.status, start: JSON.stringify(preview) }),
      'bad_response',
      response.status,
      true,
    );
  }
  if (nestedDeeperThan(value, MAX_JSON_DEPTH)) {
    // Not retried: the same upstream answers the same way.
    throw new SupplierError(
      transportText('transport.tooDeep', { where: label, status: response.status, max: MAX_JSON_DEPTH }),
      'too_deep',
      response.status,
      false,
    );
  }
  return value;
}

/** Whether lists and objects nest deeper than `max` (the top level is 1). A loop, not recursion: depth is the risk. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const containers: object[] = [value];
  const depths: number[] = [1];
  while (containers.length > 0) {
    const container = containers.pop()!;
    const depth = depths.pop()!;
    if (depth > max) return true;
    // Indexes and for…in rather than Object.values: every answer of a sync passes here, and an array per object
    // made the walk twice as dear (about a tenth of JSON.parse's time as it is).
    if (Array.isArray(container)) {
      for (let i = 0; i < container.length; i++) {
        const member: unknown = container[i];
        if (member !== null && typeof member === 'object') {
          containers.push(member);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    for (const key in container) {
      const member = (container as Record<string, unknown>)[key];
      if (member !== null && typeof member === 'object') {
        containers.push(member);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
