import { describe, expect, it } from 'vitest';
import { EMPTY_BODY_MD5, dujiaoHeaders, dujiaoSignature } from '../../../src-main/suppliers/dujiao-next/sign';
import { hexDigestMatches } from '../../../src-main/suppliers/shared/digest';

// Vectors computed by hand with coreutils and openssl, independent of our code:
//   printf '%s' '{"sku_id":1,"quantity":1}' | md5sum        → 12967802faf6198d1cd99c4091391636
//   printf 'POST\n/api/v1/upstream/orders\n1700000000\n12967802faf6198d1cd99c4091391636' \
//     | openssl dgst -sha256 -hmac 'your_api_secret'        → 80e9b0ae…c265
//   printf 'GET\n/api/v1/upstream/products\n1772366400\nd41d8cd98f00b204e9800998ecf8427e' \
//     | openssl dgst -sha256 -hmac 'your_api_secret'        → f0d29812…934e
// ('your_api_secret' is the doc's placeholder, used here only as a test vector.)
describe('Dujiao-Next signature', () => {
  it('signs a POST over the md5 of the exact body bytes', () => {
    expect(
      dujiaoSignature('your_api_secret', 'POST', '/api/v1/upstream/orders', 1700000000, '{"sku_id":1,"quantity":1}'),
    ).toBe('80e9b0ae078e379001fba9fab6628c2b1ea21518c48dc34035ecb38feba6c265');
  });

  it('signs a GET with the md5 of the empty string and no query in the path', () => {
    expect(EMPTY_BODY_MD5).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(dujiaoSignature('your_api_secret', 'GET', '/api/v1/upstream/products', '1772366400')).toBe(
      'f0d298125eea05352267e35e342f8e2ab809db8edbeff8cbaea4380b6119934e',
    );
  });

  it('changes when any signed part changes', () => {
    const base = dujiaoSignature('s', 'POST', '/p', 1, '{}');
    expect(dujiaoSignature('s', 'POST', '/p', 1, '{ }')).not.toBe(base);
    expect(dujiaoSignature('s', 'POST', '/p', 2, '{}')).not.toBe(base);
    expect(dujiaoSignature('s', 'GET', '/p', 1, '{}')).not.toBe(base);
    expect(dujiaoSignature('t', 'POST', '/p', 1, '{}')).not.toBe(base);
  });

  it('builds the three headers with a seconds timestamp', () => {
    const headers = dujiaoHeaders(
      'key',
      'your_api_secret',
      'POST',
      '/api/v1/upstream/orders',
      1700000000,
      '{"sku_id":1,"quantity":1}',
    );
    expect(headers).toEqual({
      'Dujiao-Next-Api-Key': 'key',
      'Dujiao-Next-Timestamp': '1700000000',
      'Dujiao-Next-Signature': '80e9b0ae078e379001fba9fab6628c2b1ea21518c48dc34035ecb38feba6c265',
    });
  });

  it('accepts only the exact lowercase hex', () => {
    const expected = dujiaoSignature('s', 'GET', '/p', 1);
    // The real server rejects uppercase hex (dujiao-next-behaviour.md).
    expect(hexDigestMatches(expected, expected)).toBe(true);
    expect(hexDigestMatches(expected, expected.toUpperCase())).toBe(false);
    expect(hexDigestMatches(expected, expected.slice(1))).toBe(false);
    expect(hexDigestMatches(expected, `${expected}0`)).toBe(false);
    expect(hexDigestMatches(expected, '')).toBe(false);
  });
});
