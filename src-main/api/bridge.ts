import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { errorBody, type ApiAnswer } from '../../src-shared/api-answer';
import { API_EVENT_NAMES, type ApiContract, type ApiEventName, type ApiEvents } from '../../src-shared/contract';
import { dispatchCall } from './dispatch';
import type { EventEmitter } from 'node:events';

export interface BridgeOptions {
  handlers: ApiContract;
  events: EventEmitter<{ [K in ApiEventName]: [ApiEvents[K]] }>;
  /** The built renderer to serve (out/renderer), so a browser can open the same app. */
  staticDir?: string;
  port?: number;
  /** Sees every request and answer body: lets tests prove that no secret crosses the bridge. */
  onTraffic?: (direction: 'in' | 'out', text: string) => void;
}

export interface Bridge {
  url: string;
  /** Open this in a browser: the page picks the token up from the query, then takes it out of the address bar. */
  appUrl: string;
  token: string;
  close(): Promise<void>;
}

/**
 * Sent as a header with every page the bridge serves (a <meta> policy cannot set frame-ancestors, and a header holds
 * even if the page's own tag were lost). connect-src is the bridge itself only: the page talks to nothing else.
 */
export const BRIDGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** No referrer: the first load's address carries the token, and nothing the page links to may learn it. */
const PAGE_HEADERS = {
  'content-security-policy': BRIDGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * Methods the bridge refuses. `export.run` writes the file its caller names; in Electron only a file the merchant
 * just chose in the native save dialog is accepted (src-main/index.ts), and a browser has no such dialog, so any path
 * here would be the caller's. Exports over the bridge are browser downloads (`export.csv`), as the export screen does.
 */
export const BRIDGE_REFUSED_METHODS: ReadonlyMap<string, string> = new Map([
  [
    'export.run',
    'refused: in the browser an export is a download (export.csv); the bridge writes no file a caller names',
  ],
]);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * The API contract over loopback HTTP (+ server-sent events), for running the built renderer in a browser:
 * `npm run preview:web` and the end-to-end tests. Same handlers, same services, same database as the app.
 * Bound to 127.0.0.1, every API call needs the per-run random token, and the Host header must be ours
 * (so a web page elsewhere cannot reach it through DNS rebinding).
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(24).toString('hex');
  let host = '';
  const streams = new Set<ServerResponse>();

  const forward = Object.fromEntries(
    API_EVENT_NAMES.map((name) => [
      name,
      (payload: unknown) => {
        const text = `event: message\ndata: ${JSON.stringify({ name, payload })}\n\n`;
        options.onTraffic?.('out', text);
        for (const stream of streams) stream.write(text);
      },
    ]),
  ) as Record<ApiEventName, (payload: unknown) => void>;
  for (const name of API_EVENT_NAMES) options.events.on(name, forward[name]);

  const server = createServer((req, res) => {
    void serve(req, res).catch((error) => send(res, 500, { ok: false, error: errorBody(error) }));
  });

  function tokenMatches(given: string | null | undefined): boolean {
    if (!given || given.length !== token.length) return false;
    return timingSafeEqual(Buffer.from(given), Buffer.from(token));
  }

  /** A request the bridge itself turns away, answered in the shape every call is. */
  function refuse(res: ServerResponse, status: number, message: string): void {
    send(res, status, { ok: false, error: { message } } satisfies ApiAnswer);
  }

  function send(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    options.onTraffic?.('out', text);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(text);
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== host) return refuse(res, 421, 'wrong host');
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname === '/api/invoke' && req.method === 'POST') {
      if (!tokenMatches(req.headers['x-supplygrid-token'] as string | undefined))
        return refuse(res, 401, 'missing or wrong token');
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      options.onTraffic?.('in', text);
      let call: { method?: unknown; args?: unknown };
      try {
        call = JSON.parse(text) ?? {};
      } catch {
        return refuse(res, 400, 'body is not JSON');
      }
      const refusal = BRIDGE_REFUSED_METHODS.get(String(call.method));
      if (refusal) return refuse(res, 403, refusal);
      return send(res, 200, await dispatchCall(options.handlers, call.method, call.args));
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!tokenMatches(url.searchParams.get('token'))) return refuse(res, 401, 'missing or wrong token');
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method === 'GET' && options.staticDir) return serveStatic(url.pathname, res);
    return refuse(res, 404, 'not found');
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const root = resolve(options.staticDir!);
    const file = normalize(join(root, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...PAGE_HEADERS,
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  host = `127.0.0.1:${port}`;
  const url = `http://${host}`;
  return {
    url,
    appUrl: `${url}/?token=${token}`,
    token,
    close: () =>
      new Promise<void>((done) => {
        for (const name of API_EVENT_NAMES) options.events.off(name, forward[name]);
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
