import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { listLiveOffers } from '../../src-main/db/catalog-repo';
import type { OrderView } from '../../src-shared/order-types';
import { startAppServices } from '../helpers/app-services';
import { orderTextEn } from '../../src-main/cli/commands/orders';
import { inEnglishMatching } from '../helpers/in-english';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('orders through the API contract (demo suppliers)', () => {
  it('quotes, places with confirmation, reports progress as events, masks, reveals, renders the QR and applies the cap', async () => {
    const { db, services, api } = await startAppServices('supplygrid-orders-api-', cleanups);
    const events: OrderView[] = [];
    services.events.on('order.updated', (view) => events.push(view));

    await api['sync.run'](['demo-mesim']);
    const offer = listLiveOffers(db, 'demo-mesim').find((o) => o.stock.status !== 'out')!;
    const ref = { supplier: offer.supplierId, productId: offer.productId, skuId: offer.skuId, variant: offer.variant };

    const quote = await api['orders.quote'](ref);
    expect(quote).toMatchObject({
      allowed: true,
      refusal: null,
      cost: offer.cost,
      balance: { currency: 'USD' },
      balanceError: null,
      cap: { limit: { amount: '200.00', currency: 'USD' } },
      kind: 'esim',
    });

    await expect(api['orders.place']({ offer: ref, confirm: false })).rejects.toThrow(inEnglishMatching(/confirm/));
    const placed = await api['orders.place']({ offer: ref, confirm: true });
    // MeSIM's POST answer says "completed" but never carries the eSIM: GET /orders/:order_no brings it.
    expect(placed).toMatchObject({
      status: 'processing',
      upstreamStatus: 'completed',
      supplier: 'demo-mesim',
      revealed: false,
    });
    const deadline = Date.now() + 15_000;
    while (!events.some((e) => e.status === 'delivered') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(events.map((e) => e.status)).toEqual(['pending', 'processing', 'delivered']);
    expect(events.every((e) => e.revealed === false && e.id === placed.id)).toBe(true);

    const revealed = await api['orders.reveal'](placed.id);
    const code = revealed.delivery!.activationCode!;
    expect(JSON.stringify(await api['orders.list']())).not.toContain(code);
    expect(JSON.stringify(await api['orders.get'](placed.id))).not.toContain(code);
    expect(JSON.stringify(events)).not.toContain(code);
    const qr = PNG.sync.read(
      Buffer.from((await api['orders.qr'](placed.id)).replace(/^data:image\/png;base64,/, ''), 'base64'),
    );
    expect(jsQR(new Uint8ClampedArray(qr.data), qr.width, qr.height)?.data).toBe(revealed.delivery!.lpa);
    await expect(api['orders.cancel'](placed.id)).rejects.toThrow(inEnglishMatching(/already closed \(Delivered\)/));
    await expect(api['orders.completeManually'](placed.id, revealed.delivery!.lpa!)).rejects.toThrow(
      inEnglishMatching(/already delivered/),
    );
    expect(await api['orders.get'](999)).toBeNull();

    expect((await api['settings.update']({ orderDailyCap: '0.01' })).orderDailyCap).toBe('0.01');
    const capped = await api['orders.quote'](ref);
    expect(capped).toMatchObject({ allowed: false, cap: { limit: { amount: '0.01', currency: 'USD' } } });
    expect(orderTextEn(capped.refusal, '')).toMatch(/would exceed today’s spending cap/);
    await expect(api['orders.place']({ offer: ref, confirm: true })).rejects.toThrow(/^@cap\.refused\.exceeds\?/);
    await expect(api['settings.update']({ orderDailyCap: 'lots' })).rejects.toThrow(/must be an amount/);
    expect((await api['settings.update']({ orderDailyCap: null })).orderDailyCap).toBeNull();
  });
});
