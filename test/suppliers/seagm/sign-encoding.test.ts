import { describe, expect, it } from 'vitest';
import { seagmCallbackSignatureValid, seagmSignature, totalParams } from '../../../src-main/suppliers/seagm/sign';

/**
 * Values that URL-encoding would change (`@`, space, `+`, `&`, Chinese) are signed as they are: see the evidence in
 * sign.ts. Digests made with openssl from the doc's example key, not with the code under test:
 *
 *   K=NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j
 *   printf '%s' "buy_amount=1&mch_order_id=SG-1&timestamp=1645084639&type_id=7&uid=10001&user_id=a@b.com +1 & 玩家 名" \
 *     | openssl dgst -sha256 -hmac "$K"    → 2b2576654716fc4c1878e01e9318d9c0b42bc91b96da4d13f9c21159fdfca8d3
 *   the same with user_id=a%40b.com+%2B1+%26+%E7%8E%A9%E5%AE%B6+%E5%90%8D (the encoded reading)
 *                                          → 25b7316db552c9a621cf943ed3635393608f88f8038dfa493f582a665153a9bf
 *   printf '%s' 'id=12563858&mch_order_id=D2022031106&status_code=10003&timestamp=1622444077&title=HipVan S$30 + a@b.com & 香港' \
 *     | openssl dgst -sha256 -hmac "$K"    → 3a40a70c826ccd4fa3df30c1455831561a918a310997816e8caf9d615f886beb
 */
const DOC_KEY = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const TRICKY = 'a@b.com +1 & 玩家 名';

describe('SEAGM signed text: decoded values, never URL-encoded', () => {
  it('signs a request whose form value holds @, space, +, & and Chinese as the raw text', () => {
    const query = { uid: '10001', timestamp: '1645084639' };
    const body = { type_id: '7', buy_amount: '1', mch_order_id: 'SG-1', user_id: TRICKY };
    expect(totalParams(query, body)).toBe(
      `buy_amount=1&mch_order_id=SG-1&timestamp=1645084639&type_id=7&uid=10001&user_id=${TRICKY}`,
    );
    const signature = seagmSignature(DOC_KEY, query, body);
    expect(signature).toBe('2b2576654716fc4c1878e01e9318d9c0b42bc91b96da4d13f9c21159fdfca8d3');
    expect(signature).not.toBe('25b7316db552c9a621cf943ed3635393608f88f8038dfa493f582a665153a9bf');
  });

  it('checks a callback over its raw field text, numbers as their decimal text', () => {
    const callback = {
      id: '12563858',
      title: 'HipVan S$30 + a@b.com & 香港',
      status_code: 10003,
      timestamp: 1622444077,
      mch_order_id: 'D2022031106',
      signature: '3a40a70c826ccd4fa3df30c1455831561a918a310997816e8caf9d615f886beb',
    };
    expect(seagmCallbackSignatureValid(DOC_KEY, callback)).toBe(true);
    expect(seagmCallbackSignatureValid(DOC_KEY, { ...callback, signature: callback.signature.toUpperCase() })).toBe(
      true,
    );
    expect(
      seagmCallbackSignatureValid(DOC_KEY, {
        ...callback,
        title: 'HipVan S%2430 %2B a%40b.com %26 %E9%A6%99%E6%B8%AF',
      }),
    ).toBe(false);
    expect(seagmCallbackSignatureValid(DOC_KEY, { ...callback, status_code: 10004 })).toBe(false);
    expect(seagmCallbackSignatureValid(DOC_KEY.toLowerCase(), callback)).toBe(false);
    const { signature: _dropped, ...unsigned } = callback;
    expect(seagmCallbackSignatureValid(DOC_KEY, unsigned)).toBe(false);
    expect(seagmCallbackSignatureValid(DOC_KEY, { ...callback, cards: [{ card_pin: 'x' }] })).toBe(false);
  });
});
