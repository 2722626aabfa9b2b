import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The exact bytes received: signatures are verified over these. */
  body: Buffer;
  /** The simulator's clock (Unix ms), shifted when a test injects clock skew. */
  now: number;
  /** The client's address, which limiters key on when a request names no credential. */
  remoteAddress: string;
}

export interface SimResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A request header's value (the first, if sent more than once); `name` in lowercase, as Node keys them. */
export function requestHeader(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

/** What a fault does to a matching request. Faults let tests play every way a real upstream misbehaves. */
export type FaultAction =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'delay'; ms: number }
  | { kind: 'reset' }
  /** The request is fully handled (an order taken, a charge made) but the answer is never sent. */
  | { kind: 'hang' }
  | { kind: 'truncate' }
  /** Headers, then a body that never ends (chunks of `chunkBytes`, 64 KiB by default) until the client hangs up. */
  | { kind: 'endless'; chunkBytes?: number }
  /** Headers promising the whole answer, then its bytes one at a time, `everyMs` apart: never silent, never done. */
  | { kind: 'drip'; everyMs: number }
  | { kind: 'rewrite'; transform: (body: unknown, req: SimRequest) => unknown };

export interface Fault {
  method?: string;
  /** Exact path, or a pattern, that the fault applies to. */
  path?: string | RegExp;
  /** Only requests whose query/body match; e.g. a particular page. */
  when?: (req: SimRequest) => boolean;
  /** Let this many matching requests through untouched first. */
  after?: number;
  /** Fire this many times, then stop; unlimited when absent. */
  times?: number;
  action: FaultAction;
}

export class FaultPlan {
  private entries: Array<{ fault: Fault; seen: number; fired: number }> = [];

  add(...faults: Fault[]): this {
    for (const fault of faults) this.entries.push({ fault, seen: 0, fired: 0 });
    return this;
  }

  clear(): void {
    this.entries = [];
  }

  /** The actions that apply to this request, counting it against each matching fault. */
  take(req: SimRequest): FaultAction[] {
    const actions: FaultAction[] = [];
    for (const entry of this.entries) {
      const { fault } = entry;
      if (fault.method && fault.method !== req.method) continue;
      if (fault.path && !(typeof fault.path === 'string' ? fault.path === req.path : fault.path.test(req.path)))
        continue;
      if (fault.when && !fault.when(req)) continue;
      entry.seen++;
      if (entry.seen <= (fault.after ?? 0)) continue;
      if (fault.times !== undefined && entry.fired >= fault.times) continue;
      entry.fired++;
      actions.push(fault.action);
    }
    return actions;
  }
}

export interface SimServerOptions {
  host?: string;
  port?: number;
  faults?: FaultPlan;
  /** Shift of the simulator's clock against the machine's, in ms. */
  clockOffsetMs?: () => number;
}

export interface SimServer {
  baseUrl: string;
  faults: FaultPlan;
  /** Requests served, by "METHOD path"; tests use it to prove what the client did. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** A real HTTP server on loopback that hands parsed requests to `handler` and applies the fault plan. */
export async function startSimServer(handler: SimHandler, options: SimServerOptions = {}): Promise<SimServer> {
  const faults = options.faults ?? new FaultPlan();
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    void serve(req, res).catch((error) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'simulator crashed', detail: String(error) }));
      } else {
        res.destroy();
      }
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://simulator');
    const now = Date.now() + (options.clockOffsetMs?.() ?? 0);
    const simReq: SimRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks),
      now,
      remoteAddress: req.socket.remoteAddress ?? 'unknown',
    };
    const hitKey = `${simReq.method} ${simReq.path}`;
    hits.set(hitKey, (hits.get(hitKey) ?? 0) + 1);
    const dateHeader = new Date(now).toUTCString();

    const actions = faults.take(simReq);
    for (const action of actions) if (action.kind === 'delay') await sleep(action.ms);
    const statusFault = actions.find((a) => a.kind === 'status');
    let response: SimResponse =
      statusFault && statusFault.kind === 'status'
        ? {
            status: statusFault.status,
            body: statusFault.body ?? { error: 'injected fault' },
            headers: statusFault.headers,
          }
        : await handler(simReq);
    for (const action of actions)
      if (action.kind === 'rewrite') response = { ...response, body: action.transform(response.body, simReq) };

    if (actions.some((a) => a.kind === 'hang')) {
      await new Promise<void>((resolve) => {
        if (res.destroyed || req.socket.destroyed) resolve();
        res.once('close', () => resolve());
      });
      return;
    }
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    const bytes = Buffer.from(text);
    res.sendDate = false;
    const headers = { 'content-type': 'application/json; charset=utf-8', date: dateHeader, ...response.headers };
    if (actions.some((a) => a.kind === 'reset')) {
      // Promise the whole body, send half of it, then drop the connection.
      res.writeHead(response.status, { ...headers, 'content-length': String(bytes.length) });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      await sleep(5);
      res.destroy();
      return;
    }
    const endless = actions.find((a) => a.kind === 'endless');
    if (endless?.kind === 'endless') {
      res.writeHead(response.status, headers);
      await writeUntilClosed(res, Buffer.concat([Buffer.from('{"ok":true,"items":['), bytes]), () =>
        Buffer.alloc(endless.chunkBytes ?? 64 * 1024, 0x20),
      );
      return;
    }
    const drip = actions.find((a) => a.kind === 'drip');
    if (drip?.kind === 'drip') {
      res.writeHead(response.status, { ...headers, 'content-length': String(bytes.length) });
      for (let i = 0; i < bytes.length && !res.destroyed; i++) {
        res.write(bytes.subarray(i, i + 1));
        await sleep(drip.everyMs);
      }
      if (!res.destroyed) res.end();
      return;
    }
    const body = actions.some((a) => a.kind === 'truncate') ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
    res.writeHead(response.status, { ...headers, 'content-length': String(body.length) });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    baseUrl: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    faults,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes `first`, then `next()` for as long as the client keeps reading, honouring backpressure. */
async function writeUntilClosed(res: ServerResponse, first: Buffer, next: () => Buffer): Promise<void> {
  let chunk = first;
  while (!res.destroyed && !res.writableEnded) {
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.once('drain', done);
        res.once('close', done);
      });
    }
    chunk = next();
  }
}

/** Applies a simulator's `rateLimit` option to a per-window limiter: null lifts it, numbers replace its own. */
export function tuneLimiter(
  limiter: { limitPerWindow: number; windowMs: number },
  limit: { windowMs?: number; max?: number } | null | undefined,
): void {
  if (limit === undefined) return;
  if (limit === null) {
    limiter.limitPerWindow = Infinity;
    return;
  }
  if (limit.max !== undefined) limiter.limitPerWindow = limit.max;
  if (limit.windowMs !== undefined) limiter.windowMs = limit.windowMs;
}

/**
 * Rate limiting per credential per window (a minute unless a test shortens it), answered with 429 and Retry-After:
 * how the upstreams that publish no numbers are modelled, so a client's adaptive pace can be tested against them.
 */
export class MinuteRateLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  /** Requests refused so far: tests prove a client slowed down. */
  refused = 0;

  constructor(
    public limitPerMinute: number,
    public windowMs = 60_000,
  ) {}

  /** The allowance per window (per minute unless windowMs was shortened). */
  get limitPerWindow(): number {
    return this.limitPerMinute;
  }

  set limitPerWindow(value: number) {
    this.limitPerMinute = value;
  }

  /** Returns seconds until the window resets when over the limit, else null. */
  hit(key: string, now: number): number | null {
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return null;
    }
    window.count++;
    if (window.count <= this.limitPerMinute) return null;
    this.refused++;
    return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }
}
