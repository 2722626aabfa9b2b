import { afterEach, describe, expect, it } from 'vitest';
import { billionConnectOrders } from '../helpers/billionconnect-orders';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The whole BillionConnect path with real parts: the order service places F040 against the simulator, runs its
 * receiver on the connection's notifyListen address, the simulator pushes a signed N009 there, and the order
 * completes with the LPA — one charge.
 */
describe('BillionConnect order, delivered by its N009 push', () => {
  it('completes through the receiver with the LPA, charging once', async () => {
    const { sim, service, listen, offer } = await billionConnectOrders(cleanups);
    sim.server.state.notifyUrl = `http://${listen()}/billionconnect/n009`;
    const placed = await service.place({ offer, confirm: true, email: 'merchant@example.com' });
    const done = await service.settled(placed.id);
    expect(done.status).toBe('delivered');
    const revealed = await service.reveal(placed.id);
    expect(revealed.delivery?.lpa).toMatch(/^LPA:1\$[^$]+\$[^$]+$/);
    expect(revealed.delivery?.smdpAddress).toBe(revealed.delivery?.lpa?.split('$')[1]);
    expect(revealed.delivery?.iccid).toMatch(/^\d{18,20}$/);
    expect(sim.server.state.charges.get(placed.idempotencyKey)).toBe(1);
  }, 30_000);

  it('completes from an N009 body the merchant pastes by hand', async () => {
    const { sim, service, offer } = await billionConnectOrders(cleanups);
    const placed = await service.place({ offer, confirm: true });
    const { body } = sim.server.n009(placed.idempotencyKey);
    const done = await service.completeManually(placed.id, body.toString('utf8'));
    expect(done.status).toBe('delivered');
    expect((await service.reveal(placed.id)).delivery?.lpa).toMatch(/^LPA:1\$/);
    expect(sim.server.state.charges.get(placed.idempotencyKey)).toBe(1);
  }, 30_000);
});
