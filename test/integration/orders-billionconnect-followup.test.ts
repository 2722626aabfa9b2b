import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionFingerprint, sameConnection } from '../../src-main/orders/connection-fingerprint';
import type { ConnectionBase } from '../../src-main/suppliers/adapter';
import { billionConnectOrders } from '../helpers/billionconnect-orders';
import { freePort } from '../helpers/free-port';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a BillionConnect order waiting for its N009', () => {
  it('is still followed and completed by the push after the merchant changes the receiver address or the pace', async () => {
    const { sim, service, edit, listen, offer } = await billionConnectOrders(cleanups);
    const placed = await service.place({ offer, confirm: true });
    expect(placed.status).toBe('processing');
    // Same account, same host: only where the app listens and how fast it asks have changed.
    edit({ notifyListen: `127.0.0.1:${await freePort()}`, requestsPerMinute: 30 });
    // The order is being followed: its next rounds read the connection as it is now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = service.get(placed.id)!;
    expect(after.attention).toBeNull();
    expect(after.status).toBe('processing');

    const { status } = await sim.server.pushN009(placed.idempotencyKey, `http://${listen()}/n009`);
    expect(status).toBe(200);
    expect((await service.settled(placed.id)).status).toBe('delivered');
    expect(sim.server.state.charges.get(placed.idempotencyKey)).toBe(1);
  }, 30_000);

  it('still receives the N009 of an order put in attention for a status word we cannot read', async () => {
    const { sim, service, listen, offer } = await billionConnectOrders(cleanups);
    // The platform shows the order under a status this version does not know: it exists, and its eSIM will come.
    sim.server.faults.add({
      when: (req) => JSON.parse(req.body.toString('utf8')).tradeType === 'F011',
      action: {
        kind: 'rewrite',
        transform: (body) => {
          const answer = body as { tradeData: { orderStatus: string } | null };
          return answer.tradeData ? { ...answer, tradeData: { ...answer.tradeData, orderStatus: '3' } } : answer;
        },
      },
    });
    const placed = await service.place({ offer, confirm: true });
    const attention = await service.settled(placed.id);
    expect(attention.status).toBe('attention');
    expect(attention.attention?.code).toBe('unknown_supplier_status');
    // Past the receiver's linger: BillionConnect takes minutes to push.
    await new Promise((resolve) => setTimeout(resolve, 400));

    const { status } = await sim.server.pushN009(placed.idempotencyKey, `http://${listen()}/n009`);
    expect(status).toBe(200);
    const done = service.get(placed.id)!;
    expect(done.status).toBe('delivered');
    expect((await service.reveal(placed.id)).delivery?.lpa).toMatch(/^LPA:1\$/);
  }, 30_000);
});

describe('an N009 that lands while a status poll is on its way', () => {
  it('keeps every eSIM line the push delivered (PIN, PUK), whatever the late poll says', async () => {
    const { sim, service, listen, offer } = await billionConnectOrders(cleanups);
    const placed = await service.place({ offer, confirm: true, quantity: 2 });
    // The next poll reaches the platform only after the push: it reads the order shipped, with its ICCIDs.
    sim.server.faults.add({
      when: (req) => JSON.parse(req.body.toString('utf8')).tradeType === 'F011',
      times: 1,
      action: { kind: 'delay', ms: 400 },
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await sim.server.pushN009(placed.idempotencyKey, `http://${listen()}/n009`)).status).toBe(200);
    const pushed = (await service.reveal(placed.id)).delivery!;
    expect(pushed.text).toContain('@deliveryNote.puk');
    await new Promise((resolve) => setTimeout(resolve, 600));
    await service.settled(placed.id);
    const revealed = await service.reveal(placed.id);
    expect(revealed.status).toBe('delivered');
    expect(revealed.delivery).toEqual(pushed);
  }, 30_000);
});

describe('the account an order was placed through', () => {
  const bc = {
    id: 'bc',
    kind: 'billionconnect',
    name: 'BC',
    baseUrl: 'https://api-flow.billionconnect.com',
    appKey: 'key-1',
    appSecret: 'secret',
    salesMethod: '5',
    notifyListen: '127.0.0.1:8787',
    requestsPerMinute: 120,
  } as unknown as ConnectionBase;
  /** The fingerprint as orders recorded it before: every non-secret setting, local ones included. */
  const recordedBefore = (connection: ConnectionBase) => {
    const { id: _id, name: _name, appSecret: _secret, ...rest } = connection as unknown as Record<string, unknown>;
    const settings = Object.entries(rest)
      .map(([key, value]) => [key, key === 'baseUrl' ? String(value).toLowerCase() : value] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 32);
  };

  it('is the same whatever the receiver address or the pace, and another for another key or host', () => {
    const fingerprint = connectionFingerprint(bc);
    expect(
      sameConnection(fingerprint, { ...bc, notifyListen: '127.0.0.1:9000', requestsPerMinute: 30 } as ConnectionBase),
    ).toBe(true);
    expect(sameConnection(fingerprint, { ...bc, appKey: 'key-2' } as ConnectionBase)).toBe(false);
    expect(
      sameConnection(fingerprint, { ...bc, baseUrl: 'https://apiint-flow.billionconnect.com' } as ConnectionBase),
    ).toBe(false);
  });

  it('still recognizes an order recorded before, while its local settings are as they were', () => {
    expect(sameConnection(recordedBefore(bc), bc)).toBe(true);
    expect(sameConnection(recordedBefore(bc), { ...bc, appKey: 'key-2' } as ConnectionBase)).toBe(false);
  });
});
