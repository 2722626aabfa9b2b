import { afterEach, describe, expect, it } from 'vitest';
import { listLiveOffers } from '../../src-main/db/catalog-repo';
import { startAppServices } from '../helpers/app-services';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The demo finishes what it starts: the demo BillionConnect pushes its N009 to the app's own receiver, as the real
 * platform pushes to the merchant's callback URL, so a demo order completes with no step by hand.
 */
describe('a demo BillionConnect order', () => {
  it("reaches delivered by itself, through the app's own push receiver, saying meanwhile what it waits for", async () => {
    const { db, api } = await startAppServices('supplygrid-demo-bc-', cleanups);

    expect((await api['sync.run'](['demo-billionconnect']))[0]).toMatchObject({ status: 'ok' });
    const offer = listLiveOffers(db, 'demo-billionconnect').find(
      (o) => o.orderable && o.stock.status !== 'out' && o.kind === 'esim',
    )!;
    const ref = { supplier: offer.supplierId, productId: offer.productId, skuId: offer.skuId, variant: offer.variant };
    const placed = await api['orders.place']({ offer: ref, confirm: true });
    // F040 answers without the eSIM: the order waits for the push, and says so as a code the screens word.
    expect(placed.status).toBe('processing');
    expect(placed.upstreamStatus).toBe('@upstream.ordered; @note.awaitingN009');

    // Until answered, the demo pushes about 3, 8, 23 and 53 s after the order (DEMO_PUSH_DELAYS_MS, each counted from
    // the push before): a machine busy enough to miss one still sees a later one.
    await expect
      .poll(async () => (await api['orders.get'](placed.id))?.status, { timeout: 75_000, interval: 200 })
      .toBe('delivered');
    const revealed = await api['orders.reveal'](placed.id);
    expect(revealed.delivery?.lpa).toMatch(/^LPA:1\$[^$]+\$[^$]+$/);
    expect(revealed.timeline.map((entry) => entry.status)).toEqual(expect.arrayContaining(['processing', 'delivered']));
  }, 100_000);
});
