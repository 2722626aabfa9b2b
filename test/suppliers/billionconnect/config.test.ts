import { describe, expect, it } from 'vitest';
import { billionconnect } from '../../../src-main/suppliers/billionconnect';
import { invokeUrl, isHostPort } from '../../../src-main/suppliers/billionconnect/config';

const base = {
  id: 'bc',
  kind: 'billionconnect',
  baseUrl: 'https://api-flow.billionconnect.com',
  appKey: 'key',
  appSecret: 'secret',
};

describe('BillionConnect config', () => {
  it('defaults salesMethod to "5" and keeps appSecret secret', () => {
    expect(billionconnect.configSchema.parse(base).salesMethod).toBe('5');
    expect(billionconnect.configSchema.parse({ ...base, salesMethod: '3' }).salesMethod).toBe('3');
    expect(billionconnect.secretFields).toEqual(['appSecret']);
  });

  it('refuses what cannot work', () => {
    for (const bad of [
      { ...base, baseUrl: 'api-flow.billionconnect.com' },
      { ...base, baseUrl: 'ftp://api-flow.billionconnect.com' },
      { ...base, appKey: '' },
      { ...base, appSecret: '' },
      { ...base, salesMethod: 5 },
      { ...base, salesMethod: 'five' },
      { ...base, notifyListen: '8790' },
      { ...base, kind: 'mesim' },
    ])
      expect(billionconnect.configSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('accepts the host root or the full invoke URL', () => {
    const full = 'https://api-flow.billionconnect.com/Flow/saler/2.0/invoke';
    expect(invokeUrl('https://api-flow.billionconnect.com')).toBe(full);
    expect(invokeUrl('https://api-flow.billionconnect.com/')).toBe(full);
    expect(invokeUrl(full)).toBe(full);
    expect(invokeUrl(`${full}/`)).toBe(full);
    expect(invokeUrl('http://127.0.0.1:9000/proxy/bc')).toBe('http://127.0.0.1:9000/proxy/bc/Flow/saler/2.0/invoke');
  });

  it('checks only the shape of notifyListen', () => {
    for (const good of ['127.0.0.1:8790', '0.0.0.0:80', 'localhost:8790', 'bc-hook.example.com:443', '[::1]:8790'])
      expect(isHostPort(good), good).toBe(true);
    for (const bad of [
      '8790',
      '127.0.0.1',
      '127.0.0.1:0',
      '127.0.0.1:70000',
      '300.1.1.1:80',
      'http://localhost:8790',
      '::1:8790',
      'local host:80',
    ])
      expect(isHostPort(bad), bad).toBe(false);
    expect(billionconnect.configSchema.parse({ ...base, notifyListen: '127.0.0.1:8790' }).notifyListen).toBe(
      '127.0.0.1:8790',
    );
  });
});
