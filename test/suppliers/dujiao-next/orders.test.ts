import { describe, expect, it } from 'vitest';
import { dujiaoDelivery } from '../../../src-main/suppliers/dujiao-next/orders';
import { inEnglish } from '../../helpers/in-english';

describe('Dujiao-Next / MeSIM delivery mapping', () => {
  it('reads an eSIM from delivery_data (LPA parts, ICCID, the supplier QR)', () => {
    expect(
      dujiaoDelivery({
        payload: 'LPA:1$xxx.prod.example.com$ABC123',
        delivery_data: {
          lpa: 'LPA:1$xxx.prod.example.com$ABC123',
          number: '8985200012345678901',
          verify_code: '',
          qrcode: 'data:image/png;base64,iVBOR',
          image_url: '',
        },
      }),
    ).toEqual({
      lpa: 'LPA:1$xxx.prod.example.com$ABC123',
      smdpAddress: 'xxx.prod.example.com',
      activationCode: 'ABC123',
      iccid: '8985200012345678901',
      qrImage: 'data:image/png;base64,iVBOR',
    });
  });

  it('reads an LPA from the payload alone, normalizing a lower-case prefix', () => {
    expect(dujiaoDelivery({ payload: 'lpa:1$smdp.example.com$X-1\n', delivery_data: null })).toEqual({
      lpa: 'LPA:1$smdp.example.com$X-1',
      smdpAddress: 'smdp.example.com',
      activationCode: 'X-1',
    });
  });

  it('keeps an unreadable LPA as delivered, with the reason', () => {
    const unreadable = dujiaoDelivery({ payload: 'LPA:1$localhost$X', delivery_data: null });
    expect(unreadable?.lpa).toBe('LPA:1$localhost$X');
    expect(inEnglish(unreadable?.text)).toBe(
      'The activation code could not be read: the SM-DP+ address "localhost" is not a fully qualified domain name.',
    );
  });

  it('keeps a confirmation code the supplier sends beside the LPA', () => {
    expect(
      inEnglish(
        dujiaoDelivery({ payload: null, delivery_data: { lpa: 'LPA:1$smdp.example.com$X$$1', verify_code: '1234' } })
          ?.text,
      ),
    ).toBe('Confirmation code: 1234');
  });

  it('reads card keys one per line, with or without a PIN', () => {
    expect(
      dujiaoDelivery({
        payload: 'ABCD-EFGH-1234-5678\r\nWXYZ-0000-1111----9876\n卡号：C123456 卡密：P999\nK-1|K-2',
        delivery_data: null,
      }),
    ).toEqual({
      cards: [
        { number: 'ABCD-EFGH-1234-5678' },
        { number: 'WXYZ-0000-1111', pin: '9876' },
        { number: 'C123456', pin: 'P999' },
        { number: 'K-1', pin: 'K-2' },
      ],
    });
  });

  it('keeps anything else as text', () => {
    expect(dujiaoDelivery({ payload: 'top-up credited', delivery_data: null })).toEqual({ text: 'top-up credited' });
    expect(dujiaoDelivery({ payload: '', delivery_data: null })).toBeNull();
  });
});
