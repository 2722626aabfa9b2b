import { describe, expect, it } from 'vitest';
import { createBillionConnectPush } from '../../../src-main/suppliers/billionconnect/push';
import { signBody } from '../../../src-main/suppliers/billionconnect/sign';
import { orderText } from '../../../src-shared/order-notes';
import { translator } from '../../../src-renderer/i18n/fill-template';
import { ordersDictionary } from '../../../src-renderer/i18n/orders';
import { wordDeliveryText } from '../../../src-renderer/stores/orders-view';
import { inEnglish } from '../../helpers/in-english';

const SECRET = '65f4ee66c5a019b9d0f5545b575c33c6';
const push = createBillionConnectPush(SECRET, 'Test BC');

/** The N009 example of billionconnect-fields.md, byte for byte as a push would carry it. */
const N009 =
  '{"tradeType":"N009","tradeTime":"2020-02-25 16:56:37","tradeData":{"orderId":"13131313131","channelOrderId":"13131",' +
  '"subOrderList":[{"subOrderId":"13131313132","channelSubOrderId":"131","iccid":"89860012018500000085",' +
  '"qrCodeContent":"LPA:1$SECSMSMINIAPP.EASTCOMPEACE.COM$2C13942911FF452AB45E9E99A5D444A1","apn":"emov","pin":"1234","puk":"55026381","validTime":"2023-09-23 17:58:07"}]}}';

function signed(body: string, secret = SECRET): [Buffer, Record<string, string>] {
  const bytes = Buffer.from(body, 'utf8');
  return [bytes, { 'x-channel-id': 'appKey', 'x-sign-method': 'md5', 'x-sign-value': signBody(secret, bytes) }];
}

function refusal(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    return inEnglish((error as Error).message);
  }
  throw new Error('expected the push to be refused');
}

describe('BillionConnect N009 push', () => {
  it('reads the documented example into a delivered order keyed by channelOrderId, split as the FAQ says', () => {
    expect(push.read(...signed(N009))).toEqual([
      {
        idempotencyKey: '13131',
        state: {
          status: 'delivered',
          upstreamOrderId: '13131313131',
          upstreamStatus: orderText('upstream.qrSent', { code: 'N009' }),
          amount: null,
          error: null,
          delivery: {
            lpa: 'LPA:1$SECSMSMINIAPP.EASTCOMPEACE.COM$2C13942911FF452AB45E9E99A5D444A1',
            smdpAddress: 'SECSMSMINIAPP.EASTCOMPEACE.COM',
            activationCode: '2C13942911FF452AB45E9E99A5D444A1',
            iccid: '89860012018500000085',
            text: expect.any(String),
          },
        },
      },
    ]);
  });

  it("words the eSIM's PIN, PUK, APN and validity as our lines, in English and Chinese", () => {
    const { text } = push.read(...signed(N009))[0].state.delivery!;
    expect(inEnglish(text)).toBe('PIN 1234\nPUK 55026381\nAPN emov\nValid until 2023-09-23 17:58:07');
    const zh = translator(ordersDictionary['zh-CN']);
    expect(wordDeliveryText(text!, zh, 'BillionConnect')).toBe(
      'PIN 码：1234\nPUK 码：55026381\nAPN（接入点）：emov\n有效期至 2023-09-23 17:58:07',
    );
  });

  it('replies exactly what BillionConnect expects', () => {
    expect(push.acceptedReply).toEqual({
      status: 200,
      contentType: 'application/json;charset=UTF-8',
      body: '{"tradeCode":"1000","tradeMsg":"success"}',
    });
  });

  it('takes the ICCID as a string or a list, under either spelling the docs use', () => {
    const asList = N009.replace('"iccid":"89860012018500000085"', '"ICCID":["89860012018500000085"]');
    expect(push.read(...signed(asList))[0].state.delivery!.iccid).toBe('89860012018500000085');
  });

  it('passes on QR content that is not a standard code as received, and says so', () => {
    // The FAQ's own example has a space where the address has a dot.
    const odd = N009.replace('SECSMSMINIAPP.EASTCOMPEACE.COM', 'SECSMSMINIAPP.EASTCOMPEACE COM');
    const { delivery } = push.read(...signed(odd))[0].state;
    expect(delivery!.lpa).toBe('LPA:1$SECSMSMINIAPP.EASTCOMPEACE COM$2C13942911FF452AB45E9E99A5D444A1');
    expect(delivery!.smdpAddress).toBeUndefined();
    expect(inEnglish(delivery!.text)).toContain('not a standard activation code');
  });

  it('verifies the signature over the exact bytes: re-spacing the same JSON is refused, upper-case hex is not', () => {
    const [bytes, headers] = signed(N009);
    expect(refusal(() => push.read(Buffer.from(JSON.stringify(JSON.parse(N009), null, 1)), headers))).toContain(
      'x-sign-value is not md5(App secret + body)',
    );
    expect(push.read(bytes, { ...headers, 'x-sign-value': headers['x-sign-value'].toUpperCase() })).toHaveLength(1);
    expect(push.read(bytes, { 'X-Sign-Value': headers['x-sign-value'] })).toHaveLength(1);
  });

  it('refuses what BillionConnect did not sign, with the reason', () => {
    expect(refusal(() => push.read(...signed(N009, 'another-secret')))).toContain('signed with another App secret');
    expect(refusal(() => push.read(Buffer.from(N009), {}))).toContain('no x-sign-value header');
    const [bytes, headers] = signed(N009);
    expect(refusal(() => push.read(bytes, { ...headers, 'x-sign-method': 'sha256' }))).toContain(
      'x-sign-method is "sha256"',
    );
  });

  it('refuses a genuine N009 it cannot read rather than acknowledging an eSIM it would lose', () => {
    const noEsims = N009.replace(/"subOrderList":\[.*\]/, '"subOrderList":[]');
    expect(refusal(() => push.read(...signed(noEsims)))).toContain('field subOrderList: must not be empty');
    expect(refusal(() => push.read(...signed('not json')))).toContain('not JSON');
  });

  it('turns N001 "cancelled" into a canceled order and acknowledges other pushes without a change', () => {
    const cancelled =
      '{"tradeType":"N001","tradeTime":"2020-02-25 16:56:37","tradeData":{"orderId":"13131313131","channelOrderId":"138788765467","orderStatus":"2"}}';
    expect(push.read(...signed(cancelled))).toEqual([
      {
        idempotencyKey: '138788765467',
        state: {
          status: 'canceled',
          upstreamOrderId: '13131313131',
          upstreamStatus: orderText('upstream.canceled', { code: 'N001' }),
          amount: null,
          delivery: null,
          error: null,
        },
      },
    ]);
    expect(push.read(...signed(cancelled.replace('"orderStatus":"2"', '"orderStatus":"1"')))).toEqual([]);
    expect(
      push.read(
        ...signed(
          '{"tradeType":"N010","tradeTime":"2020-02-25 16:56:37","tradeData":{"orderId":"1","channelOrderId":"2"}}',
        ),
      ),
    ).toEqual([]);
  });
});
