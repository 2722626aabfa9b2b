import { request, errors as undiciErrors } from 'undici';
import { CanceledError, SupplierError } from './errors';
import { parseRetryAfter } from './retry';

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

export interface TransportOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Where errors say the request went; never includes credentials or query strings. */
  label: string;
  /** Told the size of every response body received (the connection's request budget keeps the total). */
  meter?: { received(bytes: number): void };
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
export async function send(req: HttpRequest, options: TransportOptions): Promise<HttpResponse> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  let response;
  try {
    response = await request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: options.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  } catch (error) {
    throw networkError(error, options);
  }
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw networkError(error, options);
  }
  options.meter?.received(Buffer.byteLength(text));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const date = headers.date ? Date.parse(headers.date) : NaN;
  const result: HttpResponse = { status: response.statusCode, headers, text, serverDate: Number.isNaN(date) ? null : date };
  for (const tap of transportTaps) tap(req, result);
  if (result.status === 429) {
    throw new SupplierError(`${options.label}: rate limited (HTTP 429)`, 'rate_limited', 429, true, parseRetryAfter(headers['retry-after']));
  }
  if (result.status >= 500) {
    throw new SupplierError(`${options.label}: server error (HTTP ${result.status})`, 'server_error', result.status, true, parseRetryAfter(headers['retry-after']));
  }
  return result;
}

function networkError(error: unknown, options: TransportOptions): Error {
  if (options.signal?.aborted) return new CanceledError();
  const timedOut = error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError;
  const reason = timedOut ? 'timed out' : `connection failed (${(error as { code?: string }).code ?? (error as Error).message})`;
  return new SupplierError(`${options.label}: ${reason}`, timedOut ? 'timeout' : 'network_error', null, true);
}

/** Parses a response body as JSON, or explains that it is not. */
export function parseJson(response: HttpResponse, label: string): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    const preview = response.text.slice(0, 80).replace(/\s+/g, ' ');
    throw new SupplierError(`${label}: response is not valid JSON (HTTP ${response.status}, starts ${JSON.stringify(preview)})`, 'bad_response', response.status, true);
  }
}
