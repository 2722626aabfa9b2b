import { describe, expect, it } from 'vitest';
import { catalogSource } from '../../src-main/sync/catalog-source';

const dujiao = {
  id: 'dj',
  kind: 'dujiao-next',
  name: 'My shop',
  baseUrl: 'https://shop.example.com',
  apiKey: 'a'.repeat(64),
  apiSecret: 'b'.repeat(128),
};
const source = (connection: Record<string, unknown>) =>
  catalogSource(connection as typeof dujiao & Record<string, unknown>, ['apiSecret']);

describe('which catalog a connection reads', () => {
  it('is the same whatever its name, pace or secret: those read the same catalog', () => {
    const same = source(dujiao);
    expect(source({ ...dujiao, name: 'Renamed', requestsPerMinute: 20 })).toBe(same);
    expect(source({ ...dujiao, apiSecret: 'c'.repeat(128) })).toBe(same);
    expect(source({ ...dujiao, id: 'renamed-id' })).toBe(same);
  });

  it('changes with its address, account or any other field, and never holds the secret', () => {
    const same = source(dujiao);
    expect(source({ ...dujiao, baseUrl: 'https://other.example.com' })).not.toBe(same);
    expect(source({ ...dujiao, apiKey: 'd'.repeat(64) })).not.toBe(same);
    expect(source({ ...dujiao, kind: 'mesim' })).not.toBe(same);
    expect(source({ ...dujiao, currency: 'EUR' })).not.toBe(same);
    expect(same).toMatch(/^[0-9a-f]{32}$/);
    expect(same).not.toContain('b'.repeat(8));
  });
});
