import { describe, expect, it } from 'vitest';
import { signBody, signedHeaders } from '../../../src-main/suppliers/billionconnect/sign';
import { hexDigestMatches } from '../../../src-main/suppliers/shared/digest';
import { formatTradeTime, parseTradeTime } from '../../../src-main/suppliers/billionconnect/trade-time';

// The appSecret of the vendor's own signing example.
const DOC_SECRET = '65f4ee66c5a019b9d0f5545b575c33c6';

describe('BillionConnect signing', () => {
  it('matches md5(appSecret + body) computed by hand for the documented example', () => {
    // printf '%s' '65f4ee66c5a019b9d0f5545b575c33c6{"params1":"value1","params2":"value2","params3":"value3"}' | md5sum
    expect(signBody(DOC_SECRET, '{"params1":"value1","params2":"value2","params3":"value3"}')).toBe(
      'e8d6da84ebdbea651cf4ae7579a964fc',
    );
  });

  it('signs a request body, non-ASCII included, as its UTF-8 bytes', () => {
    const body =
      '{"tradeType":"F002","tradeTime":"2026-03-07 11:05:24","tradeData":{"salesMethod":"5","language":"1","countryCode":"香港"}}';
    // printf '%s' '65f4ee66c5a019b9d0f5545b575c33c6{"tradeType":"F002","tradeTime":"2026-03-07 11:05:24","tradeData":{"salesMethod":"5","language":"1","countryCode":"香港"}}' | md5sum
    const expected = '493d9e50ebb0afbbabc6d2623fe77a6c';
    expect(signBody(DOC_SECRET, body)).toBe(expected);
    expect(signBody(DOC_SECRET, Buffer.from(body, 'utf8'))).toBe(expected);
    expect(signedHeaders('my-app-key', DOC_SECRET, Buffer.from(body, 'utf8'))).toEqual({
      'content-type': 'application/json;charset=UTF-8',
      'x-channel-id': 'my-app-key',
      'x-sign-method': 'md5',
      'x-sign-value': expected,
    });
  });

  it('changes with a single byte of the body, so a re-serialized body would not verify', () => {
    expect(signBody(DOC_SECRET, '{"a":"1"}')).not.toBe(signBody(DOC_SECRET, '{"a": "1"}'));
  });

  it('accepts only the exact lowercase hex digest', () => {
    const digest = signBody(DOC_SECRET, '{}');
    expect(hexDigestMatches(digest, digest)).toBe(true);
    expect(hexDigestMatches(digest, digest.toUpperCase())).toBe(false);
    expect(hexDigestMatches(digest, digest.slice(1))).toBe(false);
    expect(hexDigestMatches(digest, '')).toBe(false);
  });
});

describe('BillionConnect tradeTime', () => {
  it('is the wall clock of UTC+8 whatever the local time zone', () => {
    expect(formatTradeTime(Date.UTC(2016, 2, 7, 3, 5, 24))).toBe('2016-03-07 11:05:24');
    expect(formatTradeTime(Date.UTC(2025, 11, 31, 16, 30, 0))).toBe('2026-01-01 00:30:00');
  });

  it('parses back to the same instant and refuses anything but the exact format', () => {
    const instant = Date.UTC(2026, 0, 15, 23, 59, 59);
    expect(parseTradeTime(formatTradeTime(instant))).toBe(instant);
    expect(parseTradeTime('2026-02-30 10:00:00')).toBeNull();
    expect(parseTradeTime('2026-1-5 10:00:00')).toBeNull();
    expect(parseTradeTime('2026-01-05T10:00:00')).toBeNull();
    expect(parseTradeTime('2026-01-05 24:00:00')).toBeNull();
    expect(parseTradeTime('1457319924000')).toBeNull();
  });
});
