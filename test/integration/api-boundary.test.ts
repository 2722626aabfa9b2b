import { afterEach, describe, expect, it } from 'vitest';
import { CodedError, INVALID_ARGUMENTS, UNKNOWN_METHOD } from '../../src-shared/api-answer';
import { API_METHODS, type ApiContract } from '../../src-shared/contract';
import { API_ARGUMENTS } from '../../src-shared/contract-schemas';
import { startBridge } from '../../src-main/api/bridge';
import { dispatchCall } from '../../src-main/api/dispatch';
import { ipcInvokeHandler } from '../../src-main/api/ipc';
import { startAppServices } from '../helpers/app-services';
import { bridgeAnswer } from '../helpers/bridge-call';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Handlers that fail the test if any runs: a refused call must never reach one. */
const unreachable = Object.fromEntries(
  API_METHODS.map((method) => [
    method,
    () => {
      throw new Error(`${method}'s handler ran for a refused call`);
    },
  ]),
) as unknown as ApiContract;

describe('the contract boundary', () => {
  it('has an argument schema for every contract method, and nothing else', () => {
    expect(Object.keys(API_ARGUMENTS).sort()).toEqual([...API_METHODS].sort());
  });

  // More arguments than any method takes, and not a list at all: whatever a method's schema, both must be refused.
  it.each(API_METHODS)('%s refuses a malformed call before its handler runs', async (method) => {
    for (const args of [Array.from({ length: 9 }, () => ({ malformed: true })), { malformed: true }]) {
      expect(await dispatchCall(unreachable, method, args)).toEqual({
        ok: false,
        error: { code: INVALID_ARGUMENTS, params: { method, path: '-' } },
      });
    }
  });

  it('calls the handler with the arguments as parsed: left-out ones undefined, extra fields of an object dropped', async () => {
    const calls: unknown[][] = [];
    const handlers = {
      'grid.row': async (...args: unknown[]) => calls.push(args),
      'grid.link': async (...args: unknown[]) => calls.push(args),
    } as unknown as ApiContract;
    expect(await dispatchCall(handlers, 'grid.row', [7, null])).toEqual({ ok: true, result: 1 });
    const offer = {
      supplier: 'demo-seagm',
      productId: 'p',
      skuId: 's',
      variant: '',
      titles: { en: 'a grid offer passed whole' },
    };
    await dispatchCall(handlers, 'grid.link', [offer, 'plan-key']);
    expect(calls).toEqual([
      [7, undefined],
      [{ supplier: 'demo-seagm', productId: 'p', skuId: 's', variant: '' }, 'plan-key'],
    ]);
  });

  it("answers a method outside the contract, and a handler's error, by code where it has one", async () => {
    expect(await dispatchCall(unreachable, 'grid.dropEverything', [])).toEqual({
      ok: false,
      error: { code: UNKNOWN_METHOD, params: { method: 'grid.dropEverything' } },
    });
    expect(await dispatchCall(unreachable, 'constructor', [])).toMatchObject({
      ok: false,
      error: { code: UNKNOWN_METHOD },
    });
    const failing = {
      'orders.get': async () => {
        throw new CodedError('orders.gone', { id: 7 });
      },
      'orders.cancel': async () => {
        throw new Error('@rates.error.code?code=12');
      },
      'orders.reveal': async () => {
        throw new Error('the supplier said no');
      },
    } as unknown as ApiContract;
    expect(await dispatchCall(failing, 'orders.get', [7])).toEqual({
      ok: false,
      error: { code: 'orders.gone', params: { id: '7' } },
    });
    expect(await dispatchCall(failing, 'orders.cancel', [7])).toEqual({
      ok: false,
      error: { code: 'rates.error.code', params: { code: '12' } },
    });
    expect(await dispatchCall(failing, 'orders.reveal', [7])).toEqual({
      ok: false,
      error: { message: 'the supplier said no' },
    });
  });

  it('over the real loopback bridge: a malformed call is refused by code and nothing changes; coded errors cross as codes', async () => {
    const { services, api } = await startAppServices('supplygrid-boundary-', cleanups);
    const bridge = await startBridge({ handlers: api, events: services.events });
    cleanups.push(() => bridge.close());
    const before = await api['suppliers.list']();
    expect(before.length).toBeGreaterThan(0);

    expect(await bridgeAnswer(bridge.appUrl, 'suppliers.remove', [before[0].id.length])).toEqual({
      status: 200,
      answer: { ok: false, error: { code: INVALID_ARGUMENTS, params: { method: 'suppliers.remove', path: '0' } } },
    });
    expect(
      await bridgeAnswer(bridge.appUrl, 'grid.query', [
        { sort: { column: 'price; DROP TABLE plan_rows', direction: 'asc' } },
      ]),
    ).toMatchObject({
      answer: {
        ok: false,
        error: { code: INVALID_ARGUMENTS, params: { method: 'grid.query', path: '0.sort.column' } },
      },
    });
    expect(await bridgeAnswer(bridge.appUrl, 'sync.run', 'every supplier')).toMatchObject({
      answer: { ok: false, error: { code: INVALID_ARGUMENTS, params: { path: '-' } } },
    });
    expect(await bridgeAnswer(bridge.appUrl, 'no.such', [])).toMatchObject({
      answer: { ok: false, error: { code: UNKNOWN_METHOD, params: { method: 'no.such' } } },
    });
    expect(await api['suppliers.list']()).toEqual(before);

    // A handler's own coded error (rates-service's) crosses as its code, not as English.
    expect((await bridgeAnswer(bridge.appUrl, 'rates.set', [{ '12': '1.5' }])).answer).toEqual({
      ok: false,
      error: { code: 'rates.error.code', params: { code: '12' } },
    });
    // And a well-formed call is answered as before.
    expect((await bridgeAnswer(bridge.appUrl, 'grid.query', [{ limit: 3 }])).answer).toMatchObject({
      ok: true,
      result: { offset: 0 },
    });
  }, 60_000);

  it("over main's IPC handler: only the app's own frame may call, and a malformed call is refused by code", async () => {
    const { api } = await startAppServices('supplygrid-boundary-ipc-', cleanups);
    const handle = ipcInvokeHandler(api, (url) => url.startsWith('file:///app/renderer/'));
    const own = { senderFrame: { url: 'file:///app/renderer/index.html' } };

    expect(await handle({ senderFrame: { url: 'https://example.com/' } }, 'app.info', [])).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^refused/) },
    });
    expect(await handle({ senderFrame: null }, 'app.info', [])).toMatchObject({ ok: false });
    expect(await handle(own, 'orders.get', ['1 OR 1=1'])).toEqual({
      ok: false,
      error: { code: INVALID_ARGUMENTS, params: { method: 'orders.get', path: '0' } },
    });
    expect(await handle(own, 'alerts.setSecret', ['smtp', 'hunter2'])).toEqual({
      ok: false,
      error: { code: INVALID_ARGUMENTS, params: { method: 'alerts.setSecret', path: '0' } },
    });
    expect(await handle(own, 'orders.get', [12345])).toEqual({ ok: true, result: null });
  }, 60_000);
});
