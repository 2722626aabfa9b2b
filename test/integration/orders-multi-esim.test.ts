import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Offer } from '../../src-main/domain/offer';
import { OrderService } from '../../src-main/orders/service';
import type { Delivery } from '../../src-shared/order-types';
import type { SupplierAdapter } from '../../src-main/suppliers/adapter';
import { syncSupplier } from '../../src-main/sync/engine';
import { deliveredEsims, esimQrFileName } from '../../src-renderer/screens/orders/esim-list';
import { tempDb } from '../helpers/temp-db';
import { inEnglishMatching } from '../helpers/in-english';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const OFFER: Offer = {
  productId: 'P1',
  skuId: 'S1',
  variant: '',
  kind: 'esim',
  titles: { en: 'Japan 5GB 7 days' },
  category: null,
  cost: { amount: '8.00', currency: 'USD' },
  retailPrice: null,
  originalPrice: null,
  stock: { status: 'in_stock', quantity: null },
  minQuantity: 1,
  maxQuantity: null,
  fulfillment: { mode: 'auto', inputFields: [] },
  images: [],
  plan: {},
  orderable: true,
  raw: {},
};

const FIRST = {
  iccid: '89852000000000000011',
  lpa: 'LPA:1$SMDP.ONE.EXAMPLE$AAAA1111BBBB2222',
  smdpAddress: 'SMDP.ONE.EXAMPLE',
  activationCode: 'AAAA1111BBBB2222',
};
const SECOND = {
  iccid: '89852000000000000022',
  lpa: 'LPA:1$SMDP.TWO.EXAMPLE$CCCC3333DDDD4444',
  smdpAddress: 'SMDP.TWO.EXAMPLE',
  activationCode: 'CCCC3333DDDD4444',
};
/** BillionConnect's N009 for two eSIMs, as its push reader structures it: the first repeated in the single fields. */
const TWO_ESIMS: Delivery = { ...FIRST, esims: [FIRST, SECOND] };

function decodeQr(dataUri: string): string | null {
  const image = PNG.sync.read(Buffer.from(dataUri.replace(/^data:image\/png;base64,/, ''), 'base64'));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

async function deliveredOrder() {
  const store = tempDb();
  cleanups.push(() => store.cleanup());
  const adapter: SupplierAdapter = {
    ping: async () => ({ balance: null, currency: 'USD', detail: {} }),
    async *fetchCatalog() {
      yield { offers: [OFFER], skipped: [] };
    },
    orders: {
      place: async (req) => ({
        status: 'delivered',
        upstreamOrderId: `U-${req.idempotencyKey}`,
        upstreamStatus: 'done',
        amount: { amount: '16.00', currency: 'USD' },
        delivery: TWO_ESIMS,
        error: null,
      }),
      query: async () => null,
    },
  };
  await syncSupplier(store.db, { supplierId: 'bc', supplierKind: 'billionconnect', adapter });
  const connection = { id: 'bc', kind: 'billionconnect', name: 'BC', baseUrl: 'http://unused.invalid' };
  const service = new OrderService({
    db: store.db,
    supplier: (id) => (id === 'bc' ? { connection, adapter } : null),
    policy: { initialDelayMs: 10, maxDelayMs: 20, followForMs: 2_000 },
  });
  cleanups.push(() => service.close());
  const placed = await service.place({
    offer: { supplier: 'bc', productId: 'P1', skuId: 'S1', variant: '' },
    quantity: 2,
    confirm: true,
  });
  return { service, placed: await service.settled(placed.id) };
}

describe('an order for several eSIMs on the Orders screen', () => {
  it('lists every eSIM with its own ICCID, SM-DP+ and code, each masked until revealed', async () => {
    const { service, placed } = await deliveredOrder();
    const masked = deliveredEsims(placed.delivery);
    expect(masked.map((esim) => [esim.index, esim.iccid, esim.smdpAddress])).toEqual([
      [0, FIRST.iccid, FIRST.smdpAddress],
      [1, SECOND.iccid, SECOND.smdpAddress],
    ]);
    for (const esim of masked) {
      expect(esim.activationCode).toMatch(/^•+\w{4}$/);
      expect(esim.qrAvailable).toBe(false);
      expect(esim.appleLink).toBeNull();
    }
    expect(JSON.stringify(masked)).not.toContain(SECOND.activationCode);

    const revealed = deliveredEsims(service.reveal(placed.id).delivery);
    expect(revealed.map((esim) => [esim.lpa, esim.activationCode, esim.qrAvailable])).toEqual([
      [FIRST.lpa, FIRST.activationCode, true],
      [SECOND.lpa, SECOND.activationCode, true],
    ]);
    expect(revealed[1].appleLink).toContain(encodeURIComponent(SECOND.lpa));
  });

  it('draws our QR of each eSIM locally, by its index, and names each saved PNG apart', async () => {
    const { service, placed } = await deliveredOrder();
    expect(decodeQr(await service.qr(placed.id))).toBe(FIRST.lpa);
    expect(decodeQr(await service.qr(placed.id, 0))).toBe(FIRST.lpa);
    expect(decodeQr(await service.qr(placed.id, 1))).toBe(SECOND.lpa);
    await expect(service.qr(placed.id, 2)).rejects.toThrow(inEnglishMatching(/eSIM 3/));
    expect(new Set([null, 0, 1].map((index) => esimQrFileName(placed, index))).size).toBe(3);
  });

  it('keeps an order for one eSIM as one, read from the single-eSIM fields', () => {
    expect(deliveredEsims({ ...FIRST })).toMatchObject([
      { index: null, iccid: FIRST.iccid, lpa: FIRST.lpa, qrAvailable: true },
    ]);
    expect(deliveredEsims({ ...FIRST, esims: [FIRST] })).toMatchObject([{ index: null, iccid: FIRST.iccid }]);
  });
});
