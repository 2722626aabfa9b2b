import { describe, expect, it } from 'vitest';
import { money } from '../../../src-main/domain/money';
import { useSeagmSimulator } from '../../helpers/seagm-sim';

const simulator = useSeagmSimulator();
const orders = () => simulator.orders();

describe('SEAGM refunds are states of their own', () => {
  it('a top-up SEAGM refunded in full is refunded, with the amount given back, not failed', async () => {
    const good = simulator.sim.server
      .catalog()
      .goods.find((g) => g.family === 'recharge' && g.item.fields.every((f) => f.type === 'input' && f.name !== 'uid'));
    if (!good || good.family !== 'recharge') throw new Error('no top-up with typed fields');
    const topup = good.item;
    const client = orders();
    const placed = await client.place({
      productId: String(topup.category_id),
      skuId: String(topup.id),
      variant: '',
      quantity: 1,
      idempotencyKey: 'SG-REFUND-1',
      expectedCost: money(topup.unit_price.toFixed(2), topup.currency),
      buyerInput: Object.fromEntries(topup.fields.map((f) => [f.name, '42'])),
    });
    simulator.sim.server.refundOrder('SG-REFUND-1');
    const state = await client.query({ idempotencyKey: 'SG-REFUND-1', upstreamOrderId: placed.upstreamOrderId });
    expect(state).toMatchObject({
      status: 'refunded',
      upstreamStatus: 'Refunded (10004)',
      error: null,
      amount: { amount: topup.unit_price.toFixed(2), currency: topup.currency },
      refundedAmount: { amount: topup.unit_price.toFixed(2), currency: topup.currency },
    });
  });

  it('a card order SEAGM filled in part is partially_refunded: the cards it sent kept, the part given back stated', async () => {
    const auto = new Set(
      simulator.sim.server
        .catalog()
        .cardCategories.filter((c) => c.auto_delivery)
        .map((c) => c.id),
    );
    const good = simulator.sim.server
      .catalog()
      .goods.find((g) => g.family === 'card' && g.item.has_stock && auto.has(g.item.category_id));
    if (!good || good.family !== 'card') throw new Error('no auto-delivered card');
    const card = good.item;
    const client = orders();
    const placed = await client.place({
      productId: String(card.category_id),
      skuId: String(card.id),
      variant: '',
      quantity: 2,
      idempotencyKey: 'SG-REFUND-2',
      expectedCost: money((card.unit_price * 2).toFixed(2), card.currency),
    });
    expect(placed.status).toBe('delivered');
    const balanceBefore = Number(simulator.sim.server.state.accounts[0].balance);
    simulator.sim.server.refundOrder('SG-REFUND-2', card.unit_price.toFixed(2));
    const state = await client.query({ idempotencyKey: 'SG-REFUND-2', upstreamOrderId: placed.upstreamOrderId });
    expect(state).toMatchObject({
      status: 'partially_refunded',
      upstreamStatus: 'Done (10003)',
      amount: { amount: (card.unit_price * 2).toFixed(2), currency: card.currency },
      refundedAmount: { amount: card.unit_price.toFixed(2), currency: card.currency },
    });
    expect(state!.delivery!.cards).toEqual(placed.delivery!.cards);
    expect(Number(simulator.sim.server.state.accounts[0].balance)).toBeGreaterThan(balanceBefore);
  });
});
