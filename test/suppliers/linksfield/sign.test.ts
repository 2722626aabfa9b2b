import { describe, expect, it } from 'vitest';
import { mallSign, mallSignContent, withMallSign } from '../../../src-main/suppliers/linksfield/sign';

describe('Linksfield Mall signing', () => {
  // The vendor's own example (linksfield-mall.txt) and its md5 (linksfield-fields.md).
  const vendorParams = {
    version: '1.0',
    url: 'https://dist.linksfield.net/login',
    tradeType: 'singleVerify',
    tradeTime: '1645683857572',
    terminal: '1',
    partnerCode: 'P000270',
    mark: '0',
    languageCode: '1',
    deviceCode: '89430101521032420180',
  };

  it('reproduces the vendor example byte for byte, keys sorted, slashes unescaped', () => {
    expect(mallSignContent(vendorParams)).toBe(
      '{"deviceCode":"89430101521032420180","languageCode":"1","mark":"0","partnerCode":"P000270","terminal":"1","tradeTime":"1645683857572","tradeType":"singleVerify","url":"https://dist.linksfield.net/login","version":"1.0"}',
    );
    expect(mallSign(vendorParams)).toBe('01b9a6e419475d81e6a55d869c1506c3');
  });

  it('leaves sign and empty parameters out, so re-signing a signed body gives the same sign', () => {
    const signed = withMallSign({ ...vendorParams, remark: '', coupon: null, note: undefined });
    expect(signed.sign).toBe('01b9a6e419475d81e6a55d869c1506c3');
    expect(mallSign(signed)).toBe(signed.sign);
  });

  it('hashes non-ASCII as UTF-8, never \\u-escaped', () => {
    const params = { tradeTime: '1645683857572', remark: 'café ✓', partnerCode: 'P000270', nickName: '领科用户' };
    expect(mallSignContent(params)).toBe(
      '{"nickName":"领科用户","partnerCode":"P000270","remark":"café ✓","tradeTime":"1645683857572"}',
    );
    // Computed independently (Python hashlib over the UTF-8 bytes); the \u-escaped form would give 0206a489….
    expect(mallSign(params)).toBe('fa4572ee9af26ad5e03f40150f6f0db4');
  });

  it('sorts integer-like keys as text, not in the numeric order JS objects give them', () => {
    expect(mallSignContent({ 9: 'a', 10: 'b', a: 'c' })).toBe('{"10":"b","9":"a","a":"c"}');
  });
});
