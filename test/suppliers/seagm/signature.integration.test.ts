import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { money } from '../../../src-main/domain/money';
import { seagmCallbackSignatureValid } from '../../../src-main/suppliers/seagm/sign';
import { useSeagmSimulator } from '../../helpers/seagm-sim';

/** Everything URL-encoding changes: a client signing the encoded text is refused by a server checking the decoded one. */
const TRICKY = 'a@b.com +1 & 玩家 名';
const simulator = useSeagmSimulator();
const orders = () => simulator.orders();

function topUpWithTypedFields() {
  const good = simulator.sim.server
    .catalog()
    .goods.find((g) => g.family === 'recharge' && g.item.fields.every((f) => f.type === 'input' && f.name !== 'uid'));
  if (!good || good.family !== 'recharge') throw new Error('no top-up with typed fields in the seeded catalog');
  return good.item;
}

async function placeTopUp(key: string) {
  const topup = topUpWithTypedFields();
  const state = await orders().place({
    productId: String(topup.category_id),
    skuId: String(topup.id),
    variant: '',
    quantity: 1,
    idempotencyKey: key,
    expectedCost: money(topup.unit_price.toFixed(2), topup.currency),
    buyerInput: Object.fromEntries(topup.fields.map((f) => [f.name, TRICKY])),
  });
  return { topup, state };
}

describe('SEAGM signatures over values URL-encoding would change', () => {
  it('the simulator, checking by its own reading of the doc, takes a top-up whose buyer fields hold @, space, +, & and Chinese', async () => {
    const { topup, state } = await placeTopUp('SG-SIG-1');
    expect(state).toMatchObject({ status: 'processing', error: null });
    const order = simulator.sim.server.state.orders.at(-1)!;
    expect(order.fields).toEqual(Object.fromEntries(topup.fields.map((f) => [f.name, TRICKY])));
    expect(simulator.sim.server.state.charges.get('SG-SIG-1')).toBe(1);
  });

  it('the simulator refuses the same request signed over the URL-encoded text', async () => {
    const topup = topUpWithTypedFields();
    const query = { uid: String(simulator.sim.connection.uid), timestamp: String(Math.floor(Date.now() / 1000)) };
    const form: Record<string, string> = { type_id: String(topup.id), buy_amount: '1', mch_order_id: 'SG-SIG-ENC' };
    for (const field of topup.fields) form[field.name] = TRICKY;
    const all: Record<string, string> = { ...form, ...query };
    const encoded = Object.keys(all)
      .sort()
      .map((key) => `${key}=${new URLSearchParams({ v: all[key] }).toString().slice(2)}`)
      .join('&');
    const signature = createHmac('sha256', String(simulator.sim.connection.secretKey)).update(encoded).digest('hex');
    const response = await fetch(
      `${simulator.sim.baseUrl}/v1/recharge-orders?${new URLSearchParams({ ...query, signature })}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      },
    );
    expect(await response.json()).toMatchObject({ code: 409, error_info: { info_code: 20038 } });
    expect(simulator.sim.server.state.charges.size).toBe(0);
  });

  it('verifies the order callback the simulator signs, with a title holding @, space, +, & and Chinese', async () => {
    await placeTopUp('SG-SIG-2');
    // Sent as JSON, as the doc's example: what the receiving side parses is what it checks.
    const callback = JSON.parse(
      JSON.stringify(simulator.sim.server.callbackFor('SG-SIG-2', { title: `Top-up<span/>${TRICKY}` })),
    ) as Record<string, unknown>;
    expect(callback).toMatchObject({ mch_order_id: 'SG-SIG-2', title: `Top-up<span/>${TRICKY}`, status_code: 10001 });
    const secretKey = String(simulator.sim.connection.secretKey);
    expect(seagmCallbackSignatureValid(secretKey, callback)).toBe(true);
    expect(seagmCallbackSignatureValid(secretKey, { ...callback, refunded_amount: '1.00' })).toBe(false);
    expect(seagmCallbackSignatureValid(`${secretKey}x`, callback)).toBe(false);
  });
});
