import { describe, expect, it } from 'vitest';
import { catalogSource } from '../../src-main/sync/catalog-source';
import { dujiaoNext } from '../../src-main/suppliers/dujiao-next';
import { linksfield } from '../../src-main/suppliers/linksfield';

const dujiao = {
  id: 'dj',
  kind: 'dujiao-next',
  name: 'My shop',
  baseUrl: 'https://shop.example.com',
  apiKey: 'a'.repeat(64),
  apiSecret: 'b'.repeat(128),
};
const source = (connection: Record<string, unknown>) =>
  catalogSource(connection as typeof dujiao & Record<string, unknown>, dujiaoNext);

describe('which catalog a connection reads', () => {
  it('is the same whatever its name, pace or secret: those read the same catalog', () => {
    const same = source(dujiao);
    expect(source({ ...dujiao, name: 'Renamed', requestsPerMinute: 20 })).toBe(same);
    expect(source({ ...dujiao, apiSecret: 'c'.repeat(128) })).toBe(same);
    expect(source({ ...dujiao, id: 'renamed-id' })).toBe(same);
    expect(source({ ...dujiao, baseUrl: 'http://shop.example.com', allowInsecureHttp: true })).toBe(
      source({ ...dujiao, baseUrl: 'http://shop.example.com', allowInsecureHttp: 'true' }),
    );
  });

  it('is read as the schema reads it: a default left out and written in, a code in either case, name one catalog', () => {
    const lf = {
      id: 'lf',
      kind: 'linksfield',
      baseUrl: 'https://fms.example.com',
      partnerCode: 'P012345',
      email: 'me@example.com',
      password: 'secret',
    };
    const of = (connection: Record<string, unknown>) =>
      catalogSource(connection as typeof lf & Record<string, unknown>, linksfield);
    expect(of({ ...lf, currency: 'USD' })).toBe(of(lf));
    expect(of({ ...lf, partnerCode: 'p012345' })).toBe(of(lf));
    expect(of({ ...lf, currency: 'EUR' })).not.toBe(of(lf));
    expect(of({ ...lf, password: 'rotated' })).toBe(of(lf));
  });

  it('changes with its address, account or any other field, and never holds the secret', () => {
    const same = source(dujiao);
    expect(source({ ...dujiao, baseUrl: 'https://other.example.com' })).not.toBe(same);
    expect(source({ ...dujiao, apiKey: 'd'.repeat(64) })).not.toBe(same);
    expect(source({ ...dujiao, kind: 'mesim' })).not.toBe(same);
    expect(source({ ...dujiao, baseUrl: 'https://shop.example.com/api/v1/upstream' })).not.toBe(same);
    expect(same).toMatch(/^[0-9a-f]{32}$/);
    expect(same).not.toContain('b'.repeat(8));
  });
});
