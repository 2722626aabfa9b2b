import { describe, expect, it } from 'vitest';
import { seagmSignature, seagmSignatureMatches, totalParams } from '../../../src-main/suppliers/seagm/sign';

/**
 * The key and parameters are the doc's own examples (GET /v1/me and POST /v1/card-orders). The digests
 * printed beside them in the doc do NOT come out of that key, so every expected value here was produced with
 * openssl instead:
 *
 *   K=NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j
 *   echo -n "timestamp=1645084639&uid=10001" | openssl dgst -sha256 -hmac "$K"
 *     → 6ffc56701e44ce8e31682d68a313d78c6797085d1dfe0c9b53c1a85d8259f0a5
 *   echo -n "buy_amount=2&timestamp=1645084639&type_id=1&uid=10001" | openssl dgst -sha256 -hmac "$K"
 *     → 22c8dc1994dd2b3d206987f075d5d02de651aedb8a98dd7a568f0dc49ab55355
 *   echo -n "country_code=my&timestamp=1645084639&uid=10001" | openssl dgst -sha256 -hmac "$K"
 *     → c2e3a5d3233b74acafc5ee1bc023009b974aacc08302c32ca44059efeef958d6
 *   echo -n "operator_id=196&timestamp=1645084639&uid=10001" | openssl dgst -sha256 -hmac "$K"
 *     → 09397ea2713d5316ad5463e636dc79b23fdc819ebb530d925cffe001ed5b0f3d
 *   echo -n "buy_amount=2&timestamp=1645084639&type_id=7&uid=10001" | openssl dgst -sha256 -hmac "$K"
 *     → c01e8dba2c1c88b95f03e3a8ba2dad6a757978d0e4711737acd885e0dac24c8b
 *   echo -n "timestamp=1645084639&uid=10001" | openssl dgst -sha256 -hmac "$(echo $K | tr A-Z a-z)"
 *     → 15f4c40255e939a8955dec6976a38f6eee5c5c909044c3badeff4e121594857e
 */
const DOC_KEY = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

describe('SEAGM signing', () => {
  it('signs the sorted query of GET /v1/me', () => {
    const query = { uid: '10001', timestamp: '1645084639' };
    expect(totalParams(query)).toBe('timestamp=1645084639&uid=10001');
    expect(seagmSignature(DOC_KEY, query)).toBe('6ffc56701e44ce8e31682d68a313d78c6797085d1dfe0c9b53c1a85d8259f0a5');
  });

  it('signs query and body together, sorted by key, leaving the signature out', () => {
    const query = {
      uid: '10001',
      timestamp: '1645084639',
      signature: 'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71',
    };
    const body = { type_id: '1', buy_amount: '2' };
    expect(totalParams(query, body)).toBe('buy_amount=2&timestamp=1645084639&type_id=1&uid=10001');
    expect(seagmSignature(DOC_KEY, query, body)).toBe(
      '22c8dc1994dd2b3d206987f075d5d02de651aedb8a98dd7a568f0dc49ab55355',
    );
  });

  it('signs the extra parameters of the mobile recharge listings', () => {
    expect(seagmSignature(DOC_KEY, { country_code: 'my', uid: '10001', timestamp: '1645084639' })).toBe(
      'c2e3a5d3233b74acafc5ee1bc023009b974aacc08302c32ca44059efeef958d6',
    );
    expect(seagmSignature(DOC_KEY, { timestamp: '1645084639', operator_id: '196', uid: '10001' })).toBe(
      '09397ea2713d5316ad5463e636dc79b23fdc819ebb530d925cffe001ed5b0f3d',
    );
  });

  it('signs the query value when a key is in both query and body, as the server reads it', () => {
    const signature = seagmSignature(
      DOC_KEY,
      { uid: '10001', timestamp: '1645084639', type_id: '7' },
      { type_id: '1', buy_amount: '2' },
    );
    expect(signature).toBe('c01e8dba2c1c88b95f03e3a8ba2dad6a757978d0e4711737acd885e0dac24c8b');
  });

  it('treats the secretKey as case sensitive', () => {
    const query = { uid: '10001', timestamp: '1645084639' };
    expect(seagmSignature(DOC_KEY.toLowerCase(), query)).toBe(
      '15f4c40255e939a8955dec6976a38f6eee5c5c909044c3badeff4e121594857e',
    );
  });

  it('matches the hex digest in any case, as "the signature is not case sensitive", and nothing else', () => {
    const good = '6ffc56701e44ce8e31682d68a313d78c6797085d1dfe0c9b53c1a85d8259f0a5';
    expect(seagmSignatureMatches(good, good)).toBe(true);
    expect(seagmSignatureMatches(good, good.toUpperCase())).toBe(true);
    expect(seagmSignatureMatches(good, `${good.slice(0, 32).toUpperCase()}${good.slice(32)}`)).toBe(true);
    expect(seagmSignatureMatches(good, good.slice(0, 63))).toBe(false);
    expect(seagmSignatureMatches(good, `${good.slice(0, 63)}0`)).toBe(false);
    expect(seagmSignatureMatches(good, `${good.slice(0, 63)}G`)).toBe(false);
    expect(seagmSignatureMatches(good, ` ${good.slice(1)}`)).toBe(false);
    expect(seagmSignatureMatches(good, '')).toBe(false);
  });
});
