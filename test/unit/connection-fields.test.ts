import { describe, expect, it } from 'vitest';
import { connectionFields } from '../../src-main/services/connection-fields';
import { SUPPLIER_KINDS } from '../../src-main/suppliers/registry';

describe('connection form fields', () => {
  const fields = (kind: string) => connectionFields(SUPPLIER_KINDS.find((k) => k.kind === kind)!);

  it("are read off each kind's config schema, secrets marked", () => {
    expect(fields('dujiao-next')).toEqual([
      { key: 'baseUrl', label: 'Base URL', secret: false, optional: false },
      { key: 'apiKey', label: 'API key', secret: false, optional: false },
      { key: 'apiSecret', label: 'API secret', secret: true, optional: false },
      { key: 'requestsPerMinute', label: 'Requests per minute', secret: false, optional: true, defaultValue: '60' },
      { key: 'allowInsecureHttp', label: 'Allow insecure HTTP', secret: false, optional: true, input: 'checkbox' },
    ]);
    expect(fields('seagm').map((f) => [f.label, f.secret])).toEqual([
      ['Base URL', false],
      ['UID', false],
      ['Secret key', true],
      ['Requests per minute', false],
      ['Allow insecure HTTP', false],
    ]);
  });

  it('give every kind an optional request pace, its default shown', () => {
    for (const kind of SUPPLIER_KINDS) {
      const pace = connectionFields(kind).find((f) => f.key === 'requestsPerMinute');
      expect(pace, kind.kind).toMatchObject({ optional: true, secret: false });
      expect(Number(pace!.defaultValue), kind.kind).toBeGreaterThan(0);
    }
  });

  it('cover every kind, each with at least one secret', () => {
    for (const kind of SUPPLIER_KINDS)
      expect(
        connectionFields(kind).some((f) => f.secret),
        kind.kind,
      ).toBe(true);
  });
});
