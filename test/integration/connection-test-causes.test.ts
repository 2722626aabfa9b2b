import { createServer as createHttpServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract, ConnectionTest } from '../../src-shared/contract';
import { freeLoopbackPort } from '../../src-main/demo/free-port';
import type { ConnectionInput } from '../../src-shared/connection-types';
import type { RunningSimulator } from '../../src-main/suppliers/adapter';
import { supplierKind } from '../../src-main/suppliers/registry';
import { startAppServices } from '../helpers/app-services';

/**
 * "Test connection" against real servers on loopback, each failing the way a merchant's setup can: the answer names
 * the cause (a code the form words), never only the transport's or the supplier's own text.
 */
const cleanups: Array<() => unknown> = [];
let api: ApiContract;

beforeAll(async () => {
  ({ api } = await startAppServices('supplygrid-causes-', cleanups));
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(
  kind: string,
): Promise<RunningSimulator & { connection: Record<string, string>; server: { state: Record<string, unknown> } }> {
  const sim = await supplierKind(kind)!.startSimulator({ seed: 5, size: 20 });
  cleanups.push(() => sim.close());
  return sim as never;
}

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
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const dujiao = (baseUrl: string, apiKey = 'k'.repeat(64), apiSecret = 's'.repeat(128)): ConnectionInput => ({
  kind: 'dujiao-next',
  name: 'Test',
  settings: { baseUrl, apiKey },
  secrets: { apiSecret },
});

function failure(result: ConnectionTest): { cause: string; error: string } {
  if (result.ok) throw new Error('the test passed where it should have failed');
  return result;
}

describe('connection test causes, from real loopback servers', () => {
  it('a port nothing listens on: connection refused', async () => {
    expect(failure(await api['suppliers.test'](dujiao(`http://127.0.0.1:${await freeLoopbackPort()}`))).cause).toBe(
      'refused',
    );
  }, 30_000);

  it('a host name that does not exist: address not found', async () => {
    expect(failure(await api['suppliers.test'](dujiao('https://shop.nonexistent.invalid'))).cause).toBe('dns');
  }, 30_000);

  it('https:// to a server speaking plain http: the secure connection fails', async () => {
    const host = await httpServer((_req, res) => res.end('plain'));
    expect(failure(await api['suppliers.test'](dujiao(`https://${host}`))).cause).toBe('tls');
  }, 30_000);

  it('a server that always says 429: rate limited, answered at once rather than after the wait', async () => {
    const host = await httpServer((_req, res) => {
      res.writeHead(429, { 'retry-after': '600', 'content-type': 'application/json' });
      res.end('{"ok":false,"error_code":"rate_limited"}');
    });
    expect(failure(await api['suppliers.test'](dujiao(`http://${host}`))).cause).toBe('rateLimited');
  }, 30_000);

  it("an address that answers, but not as the supplier's API: wrong address", async () => {
    const host = await httpServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>Not found</html>');
    });
    expect(failure(await api['suppliers.test'](dujiao(`http://${host}`))).cause).toBe('wrongAddress');
  }, 30_000);

  it("the simulators' answers to a wrong key or secret: wrong credentials, per supplier", async () => {
    const dj = await simulator('dujiao-next');
    expect(failure(await api['suppliers.test'](dujiao(dj.connection.baseUrl))).cause).toBe('credentials');
    expect(failure(await api['suppliers.test'](dujiao(dj.connection.baseUrl, dj.connection.apiKey))).cause).toBe(
      'credentials',
    );

    const seagm = await simulator('seagm');
    expect(
      failure(
        await api['suppliers.test']({
          kind: 'seagm',
          name: 'S',
          settings: { baseUrl: seagm.connection.baseUrl, uid: seagm.connection.uid },
          secrets: { secretKey: 'wrong' },
        }),
      ).cause,
    ).toBe('credentials');

    const lf = await simulator('linksfield');
    const { baseUrl, partnerCode, email } = lf.connection;
    expect(
      failure(
        await api['suppliers.test']({
          kind: 'linksfield',
          name: 'L',
          settings: { baseUrl, partnerCode, email },
          secrets: { password: 'wrong' },
        }),
      ).cause,
    ).toBe('credentials');

    const bc = await simulator('billionconnect');
    expect(
      failure(
        await api['suppliers.test']({
          kind: 'billionconnect',
          name: 'B',
          settings: { baseUrl: bc.connection.baseUrl, appKey: bc.connection.appKey, salesMethod: '5' },
          secrets: { appSecret: 'f'.repeat(32) },
        }),
      ).cause,
    ).toBe('credentialsOrSalesMethod');
  }, 60_000);

  it('a disabled account and a clock the supplier refuses', async () => {
    const dj = await simulator('dujiao-next');
    (dj.server.state.accounts as Array<{ userDisabled: boolean }>)[0].userDisabled = true;
    expect(
      failure(await api['suppliers.test'](dujiao(dj.connection.baseUrl, dj.connection.apiKey, dj.connection.apiSecret)))
        .cause,
    ).toBe('accountDisabled');

    const bc = await simulator('billionconnect');
    bc.server.state.clockOffsetMs = 60 * 60_000;
    const { baseUrl, appKey, appSecret } = bc.connection;
    expect(
      failure(
        await api['suppliers.test']({
          kind: 'billionconnect',
          name: 'B',
          settings: { baseUrl, appKey, salesMethod: '5' },
          secrets: { appSecret },
        }),
      ).cause,
    ).toBe('clock');
  }, 30_000);

  it("a form with problems says so per field, as codes, never the schema's English", async () => {
    const result = failure(
      await api['suppliers.test']({ kind: 'dujiao-next', name: 'T', settings: { baseUrl: 'shop' }, secrets: {} }),
    );
    expect(result.cause).toBe('fields');
    expect(result.error).toBe(
      'baseUrl: @url.invalid?field=baseUrl; apiKey: @field.required; apiSecret: @field.required',
    );
    expect(
      await api['suppliers.check']({
        kind: 'linksfield',
        name: 'L',
        settings: { baseUrl: 'https://fms.example.com', partnerCode: 'X1', email: 'not-an-email', currency: 'ZZZ' },
        secrets: {},
      }),
    ).toEqual({
      partnerCode: 'partnerCode: @field.invalid',
      email: 'email: @field.invalid',
      password: 'password: @field.required',
      currency: 'currency: @field.invalid',
    });
    expect(
      await api['suppliers.check']({
        kind: 'linksfield',
        name: 'L',
        settings: { baseUrl: 'http://fms.example.com', partnerCode: 'P012345', email: 'me@example.com' },
        secrets: { password: 'p' },
      }),
    ).toEqual({ baseUrl: 'baseUrl: @url.insecureHttp?field=baseUrl&host=fms.example.com' });
  }, 30_000);
});
