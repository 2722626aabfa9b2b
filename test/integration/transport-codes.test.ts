import { createServer as createHttpServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCodedIssue, wordCodedText } from '../../src-shared/coded-issue';
import { freeLoopbackPort } from '../../src-main/demo/free-port';
import { CanceledError, SupplierError } from '../../src-main/http/errors';
import { delayBeforeRetry } from '../../src-main/http/retry';
import { parseJson, send, type TransportOptions } from '../../src-main/http/transport';
import { connectionFailureCause } from '../../src-main/sync/failure-cause';
import { openDatabase } from '../../src-main/db/open';
import { startDemoSuppliers } from '../../src-main/demo/demo-suppliers';
import { syncSuppliers } from '../../src-main/sync/engine';
import { syncTargetFor } from '../../src-main/sync/targets';
import { runFailureText } from '../../src-main/sync/run-failure';
import { translator } from '../../src-renderer/i18n/fill-template';
import { problemsDictionary } from '../../src-renderer/i18n/problems';
import { syncDictionary } from '../../src-renderer/i18n/sync';
import { runErrorWords } from '../../src-renderer/screens/sync/run-error';
import { latinWords } from '../helpers/latin-words';

/**
 * Every way one exchange fails, against real loopback servers: the transport's error is a code with parameters (no
 * English sentence), the same classifier as a connection test names its cause, and both languages word it.
 */
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function httpServer(listener: RequestListener): Promise<string> {
  const server = createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const WHERE = 'shop GET /products';

async function failure(url: string, options: Partial<TransportOptions> = {}): Promise<SupplierError> {
  const error = await send({ method: 'GET', url }, { label: WHERE, ...options }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SupplierError);
  return error as SupplierError;
}

const chinese = translator(problemsDictionary['zh-CN']);
const english = translator(problemsDictionary.en);

/** The code, the cause, and the message in both languages, with nothing of the template left unfilled. */
function read(error: SupplierError) {
  const coded = decodeCodedIssue(error.message);
  const zh = wordCodedText(error.message, chinese);
  const en = wordCodedText(error.message, english);
  for (const text of [zh, en]) expect(text, text).not.toMatch(/[{}]|@transport\./);
  return { code: coded?.code, params: coded?.params, cause: connectionFailureCause(error), zh, en };
}

describe('transport failures are codes, sorted into causes, worded in both languages', () => {
  it('a port nothing listens on: connectFailed with ECONNREFUSED, cause refused', async () => {
    const outcome = read(await failure(`http://127.0.0.1:${await freeLoopbackPort()}/products`));
    expect(outcome).toMatchObject({
      code: 'transport.connectFailed',
      params: { where: WHERE, code: 'ECONNREFUSED' },
      cause: 'refused',
    });
    expect(outcome.zh).toBe(`${WHERE}：连接失败（ECONNREFUSED）`);
    expect(outcome.en).toBe(`${WHERE}: connection failed (ECONNREFUSED)`);
  }, 20_000);

  it("a host name that does not resolve: connectFailed with the resolver's code, cause dns", async () => {
    const outcome = read(await failure('http://shop.nonexistent.invalid/products'));
    expect(outcome.code).toBe('transport.connectFailed');
    expect(outcome.params!.code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    expect(outcome.cause).toBe('dns');
  }, 20_000);

  it('https to a server speaking plain http: connectFailed with a TLS code, cause tls', async () => {
    const base = await httpServer((_req, res) => res.end('plain'));
    const outcome = read(await failure(`${base.replace('http:', 'https:')}/products`));
    expect(outcome.code).toBe('transport.connectFailed');
    expect(outcome.cause).toBe('tls');
  }, 20_000);

  it('silence past the timeout, and an answer dripping past the deadline: timeouts', async () => {
    const silent = await httpServer(() => undefined);
    const quiet = read(await failure(`${silent}/products`, { timeoutMs: 200 }));
    expect(quiet).toMatchObject({ code: 'transport.silence', params: { limit: '200 ms' }, cause: 'timeout' });
    expect(quiet.zh).toContain('超时');

    const drip = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    const slow = read(await failure(`${drip}/products`, { timeoutMs: 1000, deadlineMs: 300 }));
    expect(slow).toMatchObject({ code: 'transport.deadline', params: { limit: '300 ms' }, cause: 'timeout' });
  }, 20_000);

  it("the caller's cancel ends a request in flight at once, as canceled, and closes its connection", async () => {
    let closed = false;
    const silent = await httpServer((req) => req.socket.on('close', () => (closed = true)));
    const cancel = new AbortController();
    const sending = send(
      { method: 'GET', url: `${silent}/products` },
      { label: WHERE, timeoutMs: 30_000, signal: cancel.signal },
    );
    setTimeout(() => cancel.abort(), 50);
    await expect(sending).rejects.toBeInstanceOf(CanceledError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
    // Already canceled: nothing is sent at all.
    await expect(
      send({ method: 'GET', url: `${silent}/products` }, { label: WHERE, signal: cancel.signal }),
    ).rejects.toBeInstanceOf(CanceledError);
  }, 20_000);

  it('429 and 5xx: rateLimited and serverError, with their causes', async () => {
    const limited = await httpServer((_req, res) => res.writeHead(429).end());
    expect(read(await failure(`${limited}/products`))).toMatchObject({
      code: 'transport.rateLimited',
      cause: 'rateLimited',
    });
    const broken = await httpServer((_req, res) => res.writeHead(503).end());
    const outcome = read(await failure(`${broken}/products`));
    expect(outcome).toMatchObject({ code: 'transport.serverError', params: { status: '503' }, cause: 'serverError' });
    expect(outcome.zh).toBe(`${WHERE}：服务器出错（HTTP 503）`);
  }, 20_000);

  it('a redirect, with a target and without one: never followed, cause redirect', async () => {
    const other = await httpServer((_req, res) => res.end('{}'));
    const moving = await httpServer((req, res) =>
      res.writeHead(302, req.url === '/nowhere' ? {} : { location: `${other}/elsewhere?token=x` }).end(),
    );
    expect(read(await failure(`${moving}/products`))).toMatchObject({
      code: 'transport.redirect',
      params: { status: '302', target: other },
      cause: 'redirect',
    });
    expect(read(await failure(`${moving}/nowhere`))).toMatchObject({
      code: 'transport.redirectNowhere',
      cause: 'redirect',
    });
  }, 20_000);

  it('a body larger than allowed, announced or endless: tooLarge, cause badAnswer', async () => {
    const announced = await httpServer((_req, res) =>
      res.writeHead(200, { 'content-length': String(4096) }).end('x'.repeat(4096)),
    );
    expect(read(await failure(`${announced}/products`, { maxBytes: 1024 }))).toMatchObject({
      code: 'transport.tooLargeAnnounced',
      params: { max: '1 KiB', size: '4 KiB' },
      cause: 'badAnswer',
    });
    const endless = await httpServer((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('x'.repeat(512)), 5);
      res.on('close', () => clearInterval(timer));
    });
    expect(read(await failure(`${endless}/products`, { maxBytes: 1024 }))).toMatchObject({
      code: 'transport.tooLarge',
      cause: 'badAnswer',
    });
  }, 20_000);

  it('an answer that is not JSON: notJson with its first characters, cause wrongAddress', async () => {
    const garbage = await httpServer((_req, res) => res.end('<html>hello</html>'));
    const response = await send({ method: 'GET', url: `${garbage}/products` }, { label: WHERE });
    let error: unknown;
    try {
      parseJson(response, WHERE);
    } catch (thrown) {
      error = thrown;
    }
    const outcome = read(error as SupplierError);
    expect(outcome).toMatchObject({
      code: 'transport.notJson',
      params: { status: '200', start: '"<html>hello</html>"' },
      cause: 'wrongAddress',
    });
    expect(outcome.zh).toBe(`${WHERE}：应答不是有效的 JSON（HTTP 200，开头为 "<html>hello</html>"）`);
  }, 20_000);

  it("a Retry-After longer than the connection waits: waitTooLong around the supplier's answer, still rate limited", () => {
    const asked = new SupplierError(
      '@transport.rateLimited?where=shop+GET+%2Fproducts',
      'rate_limited',
      429,
      true,
      600_000,
    );
    let error: unknown;
    try {
      delayBeforeRetry({ attempts: 3, baseDelayMs: 10, maxDelayMs: 30_000 }, 2, asked);
    } catch (thrown) {
      error = thrown;
    }
    const outcome = read(error as SupplierError);
    expect(outcome).toMatchObject({
      code: 'transport.waitTooLong',
      params: { asked: '600 s', longest: '30 s' },
      cause: 'rateLimited',
    });
    // The supplier's answer inside it is worded too.
    expect(outcome.zh).toMatch(/^shop GET \/products：请求过多，被限流（HTTP 429）；供应商要求等待 600 s 后再试/);
  });
});

describe('a sync failing on them records the cause, and the Sync screen words it in 简体中文', () => {
  it("connection refused: the cause and what to do, the transport's words as the detail, no English", async () => {
    const error = await failure(`http://127.0.0.1:${await freeLoopbackPort()}/products`);
    const stored = runFailureText(error);
    expect(decodeCodedIssue(stored)).toMatchObject({
      code: 'sync.failed',
      params: { cause: 'refused', detail: error.message },
    });
    const words = runErrorWords(stored, translator(syncDictionary['zh-CN']))!;
    expect(words).toEqual({
      title: '连接被拒绝',
      fix: '服务器存在，但该端口没有服务应答。请检查地址和端口；对方服务可能已停止。',
      detail: `${WHERE}：连接失败（ECONNREFUSED）`,
    });
    // The connection id, the request and the system's code are data; nothing else is Latin.
    expect(latinWords([words.title, words.fix, words.detail!.replace(WHERE, '')].join(' '))).toEqual(['ECONNREFUSED']);
  }, 20_000);
});

describe("a demo supplier's technical details carry its id, not English words", () => {
  it('every demo supplier whose server is gone: the detail names the request by the connection id', async () => {
    const db = openDatabase(':memory:');
    cleanups.push(() => db.close());
    const demo = await startDemoSuppliers(db);
    // The simulators stop: each connection now points at a port nothing listens on.
    await demo.close();
    const results = await syncSuppliers(
      db,
      demo.connections.map((connection) => syncTargetFor(connection)),
    );
    const zh = translator(syncDictionary['zh-CN']);
    expect(results.map((result) => result.status)).toEqual(demo.connections.map(() => 'failed'));
    for (const result of results) {
      const detail = runErrorWords(result.error!, zh)!.detail!;
      expect(detail.startsWith(`${result.supplierId} `), detail).toBe(true);
      // "Demo SEAGM" would be English in a Chinese screen: the renderer names a demo supplier in the reader's language.
      expect(detail).not.toMatch(/Demo/);
    }
  }, 30_000);
});
