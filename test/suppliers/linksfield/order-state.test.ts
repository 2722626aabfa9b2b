import { describe, expect, it } from 'vitest';
import { money } from '../../../src-main/domain/money';
import { JsonDecimal, stringifyWithDecimals } from '../../../src-main/suppliers/linksfield/json-decimal';
import { fmsOrderState, orderStatusSchema } from '../../../src-main/suppliers/linksfield/order-state';
import { orderText } from '../../../src-shared/order-notes';
import { inEnglish } from '../../helpers/in-english';

const LPA = 'LPA:1$smdp.example.com$04A7-2BC1-DD09';
const paid = money('12.50', 'USD');

function stateOf(answer: unknown) {
  return fmsOrderState(orderStatusSchema.parse(answer), '1798100000000000001', paid);
}

describe('Linksfield order status', () => {
  it('maps orderPayStatus 0, 1, 2 and 3 as the vendor flow reads them', () => {
    expect(stateOf({ orderPayStatus: 0, qrCode: null })).toMatchObject({
      status: 'processing',
      amount: null,
      delivery: null,
    });
    expect(stateOf({ orderPayStatus: 1, qrCode: '' })).toMatchObject({
      status: 'processing',
      upstreamStatus: orderText('upstream.paidQrNotReady', { code: '1' }),
      amount: paid,
    });
    expect(stateOf({ orderPayStatus: 1, qrCode: LPA })).toEqual({
      status: 'delivered',
      upstreamOrderId: '1798100000000000001',
      upstreamStatus: orderText('upstream.paid', { code: '1' }),
      amount: paid,
      error: null,
      delivery: { lpa: LPA, smdpAddress: 'smdp.example.com', activationCode: '04A7-2BC1-DD09' },
    });
    expect(stateOf({ orderPayStatus: 2 })).toMatchObject({ status: 'failed', error: orderText('error.paymentFailed') });
    expect(stateOf({ orderPayStatus: 3 })).toMatchObject({ status: 'canceled' });
  });

  it("reads the FMS docs' own spelling (orderStatus) and statuses sent as strings", () => {
    expect(stateOf({ orderStatus: 1, qrCode: LPA }).status).toBe('delivered');
    expect(stateOf({ orderPayStatus: '1', qrCode: LPA }).status).toBe('delivered');
    expect(orderStatusSchema.safeParse({ qrCode: LPA }).success).toBe(false);
  });

  it("keeps a QR image as the supplier's QR, and a non-standard code as received with a note", () => {
    expect(stateOf({ orderPayStatus: 1, qrCode: 'data:image/png;base64,iVBORw0KGgo=' }).delivery).toEqual({
      qrImage: 'data:image/png;base64,iVBORw0KGgo=',
    });
    const odd = stateOf({ orderPayStatus: 1, qrCode: '1$smdp.example.com$04A7' }).delivery!;
    expect(odd.lpa).toBe('1$smdp.example.com$04A7');
    expect(inEnglish(odd.text)).toContain('not a standard activation code');
  });
});

describe('Linksfield JSON money', () => {
  it('writes amounts as bare JSON numbers exactly as their decimal text', () => {
    expect(
      stringifyWithDecimals({
        money: new JsonDecimal('19.90'),
        nested: [{ payAmount: new JsonDecimal('0.10') }],
        note: '19.90',
      }),
    ).toBe('{"money":19.90,"nested":[{"payAmount":0.10}],"note":"19.90"}');
    expect(stringifyWithDecimals({ big: new JsonDecimal('12345678901234567890.123456789') })).toBe(
      '{"big":12345678901234567890.123456789}',
    );
    expect(() => new JsonDecimal('1e3')).toThrow('not a decimal amount');
  });
});
