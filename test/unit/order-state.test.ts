import { describe, expect, it } from 'vitest';
import { maskDelivery, maskSecret } from '../../src-main/orders/delivery-mask';
import { applyState, mergeDelivery, noteOn } from '../../src-main/orders/order-state';
import { nextStep, pollDelay, resendWait, DEFAULT_FOLLOW_POLICY } from '../../src-main/orders/reconcile';
import type { OrderRecord } from '../../src-main/orders/types';
import type { OrderState } from '../../src-main/suppliers/adapter';

const T0 = '2026-11-21T10:00:00.000Z';
const T1 = '2026-11-21T10:00:05.000Z';
const T2 = '2026-11-21T10:00:09.000Z';

function record(overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    id: 1,
    idempotencyKey: 'SG20261121100000ABCDEF01',
    supplierId: 'dj',
    supplierKind: 'dujiao-next',
    connectionFingerprint: null,
    productId: '1',
    skuId: '10',
    variant: '',
    offerKind: 'esim',
    title: 'Hong Kong 5GB',
    quantity: 1,
    expectedCost: { amount: '12.50', currency: 'CNY' },
    capAmount: null,
    capDay: '2026-11-21',
    email: null,
    buyerInput: null,
    status: 'pending',
    upstreamOrderId: null,
    upstreamStatus: null,
    amount: null,
    refundedAmount: null,
    delivery: null,
    error: null,
    attention: null,
    sendAttempts: 1,
    lastSentAt: T0,
    sendingUntil: null,
    sendingOwner: null,
    acknowledgedAt: null,
    createdAt: T0,
    updatedAt: T0,
    finishedAt: null,
    ...overrides,
  };
}

const LPA = 'LPA:1$SMDP.EXAMPLE.COM$ABCDEF0123456789';
const paid: OrderState = {
  status: 'processing',
  upstreamOrderId: '101',
  upstreamStatus: 'paid',
  amount: { amount: '12.50', currency: 'CNY' },
  delivery: null,
  error: null,
};
const delivered: OrderState = {
  ...paid,
  status: 'delivered',
  upstreamStatus: 'completed',
  delivery: { lpa: LPA, iccid: '8985200000000000001' },
};

describe('applying what the supplier says to an order', () => {
  it('moves the status forward, records the acknowledgement and a timeline entry', () => {
    const { record: next, entries, changed } = applyState(record(), paid, T1, { fromSupplier: true, note: 'sent' });
    expect(changed).toBe(true);
    expect(next).toMatchObject({
      status: 'processing',
      upstreamOrderId: '101',
      upstreamStatus: 'paid',
      amount: { amount: '12.50' },
      acknowledgedAt: T1,
      updatedAt: T1,
      finishedAt: null,
    });
    expect(entries).toEqual([{ at: T1, status: 'processing', upstreamStatus: 'paid', note: 'sent' }]);
  });

  it('is idempotent: the same state twice changes nothing the second time', () => {
    const once = applyState(record(), delivered, T1, { fromSupplier: true });
    const twice = applyState(once.record, delivered, T2, { fromSupplier: true, note: 'pushed by the supplier' });
    expect(twice).toEqual({ record: once.record, entries: [], changed: false });
  });

  it('never moves back: a late "paid" after delivery, or a "pending" after "processing", is ignored', () => {
    const done = applyState(record(), delivered, T1, { fromSupplier: true }).record;
    expect(done.finishedAt).toBe(T1);
    expect(applyState(done, paid, T2, { fromSupplier: true }).changed).toBe(false);
    const processing = applyState(record(), paid, T1, { fromSupplier: true }).record;
    expect(applyState(processing, { ...paid, status: 'pending', upstreamStatus: 'paid' }, T2).record.status).toBe(
      'processing',
    );
  });

  it('splits the LPA into SM-DP+ address and activation code, and keeps earlier delivery fields', () => {
    const withIccid = applyState(record(), { ...paid, delivery: { iccid: '8985200000000000001' } }, T1, {
      fromSupplier: true,
    }).record;
    const done = applyState(withIccid, { ...paid, status: 'delivered', delivery: { lpa: LPA } }, T2, {
      fromSupplier: true,
    }).record;
    expect(done.delivery).toEqual({
      iccid: '8985200000000000001',
      lpa: LPA,
      smdpAddress: 'SMDP.EXAMPLE.COM',
      activationCode: 'ABCDEF0123456789',
    });
  });

  it('clears an old reason when the order moves on without one', () => {
    const attention = record({ status: 'attention', error: 'supplier says it has no order', acknowledgedAt: T0 });
    const found = applyState(attention, paid, T1, { fromSupplier: true }).record;
    expect(found).toMatchObject({ status: 'processing', error: null });
  });

  it('does not count a state we made up as the supplier acknowledging the order', () => {
    expect(applyState(record(), { ...paid, status: 'attention' }, T1).record.acknowledgedAt).toBeNull();
  });

  it('says a repeated problem once', () => {
    const r = record();
    const first = noteOn(r, 'no answer: timed out', T1, {
      at: T0,
      status: 'pending',
      upstreamStatus: null,
      note: 'recorded before sending',
    });
    expect(first).toEqual({ at: T1, status: 'pending', upstreamStatus: null, note: 'no answer: timed out' });
    expect(noteOn(r, 'no answer: timed out', T2, first!)).toBeNull();
  });
});

describe('masking deliveries', () => {
  it('hides the activation code, PIN, card number, free text and the supplier QR; keeps SM-DP+, ICCID and serials', () => {
    const masked = maskDelivery({
      ...mergeDelivery(null, { lpa: LPA })!,
      iccid: '8985200000000000001',
      qrImage: 'data:image/png;base64,AAAA',
      cards: [{ number: '1234-5678-9012', pin: '4321', serial: 'SN1' }],
      text: 'Confirmation code: 998877',
    });
    expect(masked).toEqual({
      lpa: 'LPA:1$SMDP.EXAMPLE.COM$••••••••6789',
      smdpAddress: 'SMDP.EXAMPLE.COM',
      activationCode: '••••••••6789',
      iccid: '8985200000000000001',
      cards: [{ number: '••••••••9012', pin: '••••', serial: 'SN1' }],
      text: '••••••••8877',
    });
  });

  it('masks short secrets entirely', () => {
    expect(maskSecret('1234')).toBe('••••');
    expect(maskSecret('12345')).toBe('•2345');
  });
});

describe('reconciliation rule and polling', () => {
  it('sends what was never sent, re-sends (same key) only what the supplier never answered about, else only asks', () => {
    expect(nextStep({ sendAttempts: 0, acknowledgedAt: null })).toBe('send');
    expect(nextStep({ sendAttempts: 3, acknowledgedAt: null })).toBe('query-then-send');
    expect(nextStep({ sendAttempts: 1, acknowledgedAt: T1 })).toBe('query');
  });

  it('backs off 1 s, 2 s, 4 s … up to a minute', () => {
    expect([0, 1, 2, 3, 5, 6, 7, 100].map((round) => pollDelay(DEFAULT_FOLLOW_POLICY, round))).toEqual([
      1000, 2000, 4000, 8000, 32_000, 60_000, 60_000, 60_000,
    ]);
    expect(pollDelay({ ...DEFAULT_FOLLOW_POLICY, initialDelayMs: 10, maxDelayMs: 40, followForMs: 0 }, 3)).toBe(40);
  });
});

describe('the wait before an unanswered order is sent again', () => {
  const policy = { ...DEFAULT_FOLLOW_POLICY, resendAfterMs: 30_000 };
  const at = (iso: string) => Date.parse(iso);

  it('counts from the last send, or from the end of a hold another live process has on it', () => {
    expect(resendWait(policy, record({ lastSentAt: null }), at(T0))).toBe(0);
    expect(resendWait(policy, record(), at(T1))).toBe(25_000);
    expect(resendWait(policy, record(), at('2026-11-21T10:00:31.000Z'))).toBe(0);
    // Another process still sending it: 30 s after its hold, however long ago the last send began.
    const held = record({ sendingUntil: '2026-11-21T10:01:00.000Z' });
    expect(resendWait(policy, held, at('2026-11-21T10:00:50.000Z'))).toBe(40_000);
    // Its process is gone: only the last send counts.
    expect(resendWait(policy, held, at('2026-11-21T10:00:50.000Z'), false)).toBe(0);
  });
});
