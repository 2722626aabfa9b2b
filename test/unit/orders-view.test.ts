import { describe, expect, it } from 'vitest';
import type { OrderView, TimelineEntry } from '../../src-shared/order-types';
import { orderText } from '../../src-shared/order-notes';
import {
  balanceShort,
  deliveryShape,
  esimDetails,
  isAtLeastAsFresh,
  progressSteps,
  qrDisplaySize,
  qrFileName,
  sameDelivery,
  upsertOrder,
  withRevealed,
  wordOrderText,
} from '../../src-renderer/stores/orders-view';

const LPA = 'LPA:1$SMDP.DEMO.SUPPLYGRID.INVALID$CBB4AF6F864A35B7558B624F0E01863D';
const MASKED_LPA = 'LPA:1$SMDP.DEMO.SUPPLYGRID.INVALID$••••••••863D';

function entry(
  status: TimelineEntry['status'],
  at: string,
  upstreamStatus: string | null = null,
  note: string | null = null,
): TimelineEntry {
  return { at, status, upstreamStatus, note };
}

function order(overrides: Partial<OrderView> = {}): OrderView {
  return {
    id: 1,
    idempotencyKey: 'SG2026',
    supplier: 'demo-mesim',
    supplierKind: 'mesim',
    offer: { supplier: 'demo-mesim', productId: '1', skuId: '1', variant: '' },
    title: 'Japan 5GB',
    kind: 'esim',
    quantity: 1,
    expectedCost: { amount: '5.56', currency: 'USD' },
    expectedInMerchantCurrency: { amount: '5.56', currency: 'USD' },
    status: 'pending',
    upstreamOrderId: null,
    upstreamStatus: null,
    amount: null,
    refundedAmount: null,
    delivery: null,
    revealed: false,
    error: null,
    sent: false,
    attention: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    finishedAt: null,
    timeline: [entry('pending', '2026-03-01T10:00:00.000Z', null, 'recorded before sending')],
    ...overrides,
  };
}

describe('keeping the order list current from events and answers that race', () => {
  it('adds new orders newest first and replaces an order only with a fresher copy', () => {
    const first = order({ id: 1 });
    const second = order({ id: 2 });
    expect(upsertOrder([first], second).map((o) => o.id)).toEqual([2, 1]);

    const delivered = order({ id: 1, status: 'delivered', updatedAt: '2026-03-01T10:00:01.000Z' });
    expect(upsertOrder([first], delivered)[0].status).toBe('delivered');
    // The slower answer to orders.place arriving after the "delivered" event must not undo it.
    const list = [delivered];
    expect(upsertOrder(list, first)).toBe(list);
  });

  it('breaks a tie on updatedAt by the timeline: a note adds an entry without touching updatedAt', () => {
    const before = order();
    const noted = order({
      timeline: [...before.timeline, entry('pending', '2026-03-01T10:00:05.000Z', null, 'no answer; checking again')],
    });
    expect(isAtLeastAsFresh(noted, before)).toBe(true);
    expect(isAtLeastAsFresh(before, noted)).toBe(false);
  });

  it('shows a revealed delivery over the masked one, and notices when the delivery itself changed', () => {
    const masked = order({ status: 'delivered', delivery: { lpa: MASKED_LPA } });
    expect(withRevealed(masked, { lpa: LPA })).toMatchObject({ revealed: true, delivery: { lpa: LPA } });
    expect(withRevealed(masked, undefined)).toBe(masked);
    expect(sameDelivery({ lpa: MASKED_LPA }, { lpa: MASKED_LPA })).toBe(true);
    expect(sameDelivery({ lpa: MASKED_LPA }, { lpa: MASKED_LPA, iccid: '898520' })).toBe(false);
  });
});

describe('what a delivery holds', () => {
  it('tells eSIMs from cards and text', () => {
    expect(deliveryShape(null)).toBe('none');
    expect(deliveryShape({ lpa: LPA })).toBe('esim');
    expect(deliveryShape({ iccid: '8985200207804467017' })).toBe('esim');
    expect(deliveryShape({ cards: [{ number: '1', pin: '2' }] })).toBe('cards');
    expect(deliveryShape({ text: 'receipt' })).toBe('text');
    expect(deliveryShape({ cards: [] })).toBe('none');
  });

  it('splits an unmasked LPA into address and code, with the Apple link and a QR', () => {
    const details = esimDetails({ lpa: LPA, iccid: '8985200207804467017' });
    expect(details).toMatchObject({
      smdpAddress: 'SMDP.DEMO.SUPPLYGRID.INVALID',
      activationCode: 'CBB4AF6F864A35B7558B624F0E01863D',
      iccid: '8985200207804467017',
      qrAvailable: true,
    });
    expect(details.appleLink).toBe(
      `https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=${encodeURIComponent(LPA)}`,
    );
  });

  it('offers no QR and no install link for a masked code: they would install nothing', () => {
    const details = esimDetails({
      lpa: MASKED_LPA,
      smdpAddress: 'SMDP.DEMO.SUPPLYGRID.INVALID',
      activationCode: '••••••••863D',
    });
    expect(details).toMatchObject({ qrAvailable: false, appleLink: null, activationCode: '••••••••863D' });
  });

  it('keeps the parts the supplier sent over the ones read from the LPA', () => {
    expect(esimDetails({ lpa: LPA, smdpAddress: 'other.example.com' }).smdpAddress).toBe('other.example.com');
  });
});

describe('the progress bar', () => {
  it('marks recorded as current while the order waits to be sent', () => {
    expect(progressSteps(order()).map((s) => [s.key, s.state])).toEqual([
      ['recorded', 'current'],
      ['sent', 'todo'],
      ['delivered', 'todo'],
    ]);
  });

  it('counts a delivery in the first answer as sent, with the times from the timeline', () => {
    const delivered = order({
      status: 'delivered',
      sent: true,
      timeline: [
        entry('pending', '2026-03-01T10:00:00.000Z'),
        entry('delivered', '2026-03-01T10:00:02.000Z', 'completed'),
      ],
    });
    expect(progressSteps(delivered)).toEqual([
      { key: 'recorded', state: 'done', at: '2026-03-01T10:00:00.000Z' },
      { key: 'sent', state: 'done', at: '2026-03-01T10:00:02.000Z' },
      { key: 'delivered', state: 'done', at: '2026-03-01T10:00:02.000Z' },
    ]);
  });

  it('shows processing as the current middle step', () => {
    const processing = order({
      status: 'processing',
      sent: true,
      timeline: [entry('pending', '2026-03-01T10:00:00.000Z'), entry('processing', '2026-03-01T10:00:01.000Z', 'paid')],
    });
    expect(progressSteps(processing).map((s) => s.state)).toEqual(['done', 'current', 'todo']);
  });

  it('ends in the outcome: failed, attention, or canceled before it was ever sent', () => {
    const failed = order({
      status: 'failed',
      sent: true,
      timeline: [entry('pending', 'a'), entry('failed', 'b', 'refused')],
    });
    expect(progressSteps(failed)[2]).toEqual({ key: 'failed', state: 'failed', at: 'b' });
    // Refused by our own check (the price rose) before anything left: it was never sent.
    const refusedUnsent = order({
      status: 'attention',
      timeline: [entry('pending', 'a'), entry('attention', 'b', 'not sent', 'Not sent')],
    });
    expect(progressSteps(refusedUnsent).map((s) => [s.key, s.state, s.at])).toEqual([
      ['recorded', 'done', 'a'],
      ['sent', 'todo', null],
      ['attention', 'warn', 'b'],
    ]);
    const attention = order({
      status: 'attention',
      sent: true,
      timeline: [entry('pending', 'a'), entry('processing', 'b', 'ordered'), entry('attention', 'c', 'ordered')],
    });
    expect(progressSteps(attention).map((s) => s.state)).toEqual(['done', 'done', 'warn']);
    const canceledUnsent = order({
      status: 'canceled',
      timeline: [entry('pending', 'a'), entry('canceled', 'b', null, 'canceled before it was sent')],
    });
    expect(progressSteps(canceledUnsent).map((s) => [s.key, s.state])).toEqual([
      ['recorded', 'done'],
      ['sent', 'todo'],
      ['canceled', 'failed'],
    ]);
  });
});

describe('the balance beside the cost', () => {
  it('compares exactly and flags a balance short of the cost', () => {
    expect(balanceShort({ amount: '5.55', currency: 'USD' }, { amount: '5.56', currency: 'USD' })).toBe(true);
    expect(balanceShort({ amount: '5.560', currency: 'USD' }, { amount: '5.56', currency: 'USD' })).toBe(false);
    expect(balanceShort({ amount: '800.00', currency: 'USD' }, { amount: '5.56', currency: 'USD' })).toBe(false);
    // Different currencies cannot be compared without a rate: no warning rather than a wrong one.
    expect(balanceShort({ amount: '1.00', currency: 'MYR' }, { amount: '5.56', currency: 'USD' })).toBe(false);
    expect(balanceShort(null, { amount: '5.56', currency: 'USD' })).toBe(false);
  });
});

describe('the QR on screen', () => {
  it('scales by whole multiples to at least 240 px, so modules stay sharp', () => {
    expect(qrDisplaySize(246)).toBe(246);
    expect(qrDisplaySize(200)).toBe(400);
    expect(qrDisplaySize(120)).toBe(240);
    expect(qrDisplaySize(0)).toBe(240);
  });

  it('names the saved file after the order', () => {
    expect(qrFileName({ id: 12, supplier: 'demo-mesim' })).toBe('esim-order-12-demo-mesim.png');
    expect(qrFileName({ id: 3, supplier: 'my supplier/1' })).toBe('esim-order-3-my-supplier-1.png');
  });
});

describe('the new order states and attention reasons, as the Orders screen and the CLI word them', () => {
  it('has a status, a progress step and every attention reason in English and Chinese', async () => {
    const { ordersDictionary } = await import('../../src-renderer/i18n/orders');
    const { ATTENTION_CODES } = await import('../../src-shared/order-types');
    const { ORDER_RECORD_STATUSES } = await import('../../src-shared/order-types');
    for (const language of ['en', 'zh-CN'] as const) {
      for (const status of ORDER_RECORD_STATUSES)
        expect(ordersDictionary[language][`status.${status}`], `${language} status.${status}`).toBeTruthy();
      for (const code of ATTENTION_CODES)
        expect(ordersDictionary[language][`attention.reason.${code}`], `${language} ${code}`).toBeTruthy();
    }
    expect(ordersDictionary.en['step.refunded']).toBe('Refunded');
    expect(ordersDictionary['zh-CN']['status.partially_refunded']).toBe('部分退款');
  });

  it("words a reason from its code and parameters with the supplier's name, in the CLI too", async () => {
    const { attentionText } = await import('../../src-main/cli/commands/orders');
    const view = order({
      status: 'attention',
      attention: { code: 'price_above_quote', params: { live: '13.00 CNY', quoted: '12.50 CNY' } },
    });
    const { attentionWording } = await import('../../src-renderer/stores/orders-view');
    expect(attentionWording(view, 'My shop')).toEqual({
      key: 'attention.reason.price_above_quote',
      params: { live: '13.00 CNY', quoted: '12.50 CNY', supplier: 'My shop' },
    });
    expect(attentionText(view)).toBe(
      'demo-mesim now asks 13.00 CNY, above the 12.50 CNY you confirmed. The order was not sent at that price. Close it, sync the catalog and order again if the new price suits you.',
    );
    expect(attentionWording(order(), 'My shop')).toBeNull();
  });

  it('ends the progress bar on a refund', () => {
    const refunded = order({
      status: 'refunded',
      timeline: [
        entry('pending', '2026-03-01T10:00:00.000Z'),
        entry('processing', '2026-03-01T10:00:01.000Z'),
        entry('refunded', '2026-03-01T10:00:09.000Z', 'refunded'),
      ],
    });
    expect(progressSteps(refunded).at(-1)).toEqual({
      key: 'refunded',
      state: 'failed',
      at: '2026-03-01T10:00:09.000Z',
    });
    expect(progressSteps({ ...refunded, status: 'partially_refunded' }).at(-1)).toMatchObject({
      key: 'partially_refunded',
      state: 'warn',
    });
  });
});

describe("an order's texts from main, worded", () => {
  const english = (key: string, params: Record<string, string>) => {
    const templates: Record<string, string> = {
      'note.noAnswerRetrying': 'No answer from {supplier}: {error}; checking again',
      'upstream.canceled': 'canceled',
      'upstream.withCode': '{status} ({code})',
      'upstream.ordered': 'ordered',
      'note.awaitingN009': 'the QR code comes by N009',
      'supplierWord.completed': 'completed',
    };
    return (templates[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
  };

  it("words each coded part with the supplier's name, a status's code after it, and leaves the supplier's own words", () => {
    expect(
      wordOrderText(
        orderText('note.noAnswerRetrying', { supplier: 'demo-dujiao', error: 'timeout; reset' }),
        english,
        'Demo Dujiao-Next',
      ),
    ).toBe('No answer from Demo Dujiao-Next: timeout; reset; checking again');
    expect(wordOrderText(orderText('upstream.canceled', { code: 'N001' }), english, 'X')).toBe('canceled (N001)');
    expect(wordOrderText(`${orderText('upstream.ordered')}; ${orderText('note.awaitingN009')}`, english, 'X')).toBe(
      'ordered; the QR code comes by N009',
    );
    expect(wordOrderText('completed', english, 'X')).toBe('completed');
    expect(wordOrderText('wallet payment failed (payment_failed)', english, 'X')).toBe(
      'wallet payment failed (payment_failed)',
    );
    expect(wordOrderText(null, english, 'X')).toBe('');
  });
});
