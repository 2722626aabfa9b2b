import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../src-main/config/app-config';
import { decodeCodedIssue } from '../../src-shared/coded-issue';
import { ratesUrl } from '../../src-main/db/settings';
import { fetchEcbRates, saveRatesUrl } from '../../src-main/pricing/rates-service';
import { aesSecretBox } from '../../src-main/secrets/secret-box';
import { ConnectionsService } from '../../src-main/services/connections-service';
import { connectionFields } from '../../src-main/services/connection-fields';
import { SUPPLIER_KINDS, supplierKind } from '../../src-main/suppliers/registry';
import { tempDb, type TempDb } from '../helpers/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
function db(): TempDb {
  const temp = tempDb('supplygrid-url-policy-');
  cleanups.push(temp.cleanup);
  return temp;
}

/** A valid connection of every kind, with only its baseUrl (and opt-in) varying. */
const CONNECTIONS: Record<string, Record<string, unknown>> = {
  'dujiao-next': { apiKey: 'k', apiSecret: 's' },
  mesim: { apiKey: 'k', apiSecret: 's' },
  seagm: { uid: '1', secretKey: 's' },
  billionconnect: { appKey: 'k', appSecret: 's' },
  linksfield: { partnerCode: 'P001101', email: 'a@example.com', password: 'p' },
};

const REFUSED = [
  { url: 'file:///etc/passwd', code: 'url.scheme', text: /baseUrl must be an http:\/\/ or https:\/\/ URL, not file:/ },
  { url: 'javascript:alert(1)', code: 'url.scheme', text: /not javascript:/ },
  { url: 'ftp://files.example.com/', code: 'url.scheme', text: /not ftp:/ },
  {
    url: 'https://merchant:hunter2@shop.example.com/',
    code: 'url.credentials',
    text: /baseUrl must not hold a user name or password/,
  },
  {
    url: 'http://shop.example.com/',
    code: 'url.insecureHttp',
    text: /baseUrl uses plain http:\/\/ to shop\.example\.com.*"allowInsecureHttp": true/,
  },
];

describe('the URL rule', () => {
  it('every supplier kind refuses file:, javascript:, ftp:, user:pass@ and remote http in a config file, naming supplier and field', () => {
    expect(SUPPLIER_KINDS.map((k) => k.kind).sort()).toEqual(Object.keys(CONNECTIONS).sort());
    for (const [kind, fields] of Object.entries(CONNECTIONS)) {
      for (const refused of REFUSED) {
        const file = { suppliers: [{ id: 'x', kind, baseUrl: refused.url, ...fields }] };
        let message = '';
        try {
          parseAppConfig(file, 'suppliers.json');
        } catch (error) {
          message = (error as Error).message;
        }
        expect(message, `${kind} ${refused.url}`).toMatch(/^suppliers\.json: suppliers\[0\] \(id "x"\): baseUrl: /);
        expect(message, `${kind} ${refused.url}`).toMatch(refused.text);
        expect(message).not.toContain('hunter2');
      }
      // Loopback http is the simulators' and a local proxy's: fine without the opt-in. Remote http with it: fine.
      expect(
        parseAppConfig({ suppliers: [{ id: 'x', kind, baseUrl: 'http://127.0.0.1:8080', ...fields }] }).suppliers,
      ).toHaveLength(1);
      expect(
        parseAppConfig({ suppliers: [{ id: 'x', kind, baseUrl: 'http://localhost:8080', ...fields }] }).suppliers,
      ).toHaveLength(1);
      const optedIn = parseAppConfig({
        suppliers: [{ id: 'x', kind, baseUrl: 'http://shop.example.com', allowInsecureHttp: true, ...fields }],
      });
      expect(optedIn.suppliers[0]).toMatchObject({ baseUrl: 'http://shop.example.com', allowInsecureHttp: true });
    }
  });

  it('a saved connection is refused with a code the form words, naming the field; the opt-in is a setting like any other', () => {
    const { db: database } = db();
    const service = new ConnectionsService(database, aesSecretBox(randomBytes(32), 'key-file'));
    for (const refused of REFUSED) {
      let message = '';
      try {
        service.save({
          kind: 'dujiao-next',
          name: 'Shop',
          settings: { baseUrl: refused.url, apiKey: 'k' },
          secrets: { apiSecret: 's' },
        });
      } catch (error) {
        message = (error as Error).message;
      }
      const [field, text] = message.split(/:\s(.*)/s);
      expect(field, refused.url).toBe('baseUrl');
      expect(decodeCodedIssue(text), refused.url).toMatchObject({ code: refused.code, params: { field: 'baseUrl' } });
      expect(message).not.toContain('hunter2');
    }
    expect(service.list()).toEqual([]);

    const saved = service.save({
      kind: 'dujiao-next',
      name: 'Shop',
      settings: { baseUrl: 'http://shop.example.com', apiKey: 'k', allowInsecureHttp: 'true' },
      secrets: { apiSecret: 's' },
    });
    expect(saved.settings).toMatchObject({ baseUrl: 'http://shop.example.com', allowInsecureHttp: 'true' });
    // Every kind's form offers the opt-in.
    for (const kind of SUPPLIER_KINDS)
      expect(connectionFields(kind).find((f) => f.key === 'allowInsecureHttp')).toMatchObject({
        input: 'checkbox',
        optional: true,
      });
  });

  it('a URL with user info stored before the rule is never shown back', () => {
    const { db: database } = db();
    const service = new ConnectionsService(database, aesSecretBox(randomBytes(32), 'key-file'));
    service.save({
      kind: 'dujiao-next',
      name: 'Old',
      settings: { baseUrl: 'https://shop.example.com', apiKey: 'k' },
      secrets: { apiSecret: 's' },
    });
    database
      .prepare('UPDATE supplier_connections SET settings_json = ?')
      .run(JSON.stringify({ baseUrl: 'https://merchant:hunter2@shop.example.com/api', apiKey: 'k' }));
    expect(JSON.stringify(service.list())).not.toContain('hunter2');
  });

  it('the rates URL follows the same rule, naming ratesUrl, and is checked again when fetched', async () => {
    const { db: database } = db();
    for (const refused of REFUSED) {
      expect(() => saveRatesUrl(database, refused.url.replace(/^(https?:\/\/[^/]*)\/?$/, '$1/rates.xml'))).toThrow(
        /^ratesUrl /,
      );
    }
    expect(ratesUrl(database)).toMatch(/^https:\/\/www\.ecb\.europa\.eu\//);
    await expect(fetchEcbRates(database, 'file:///etc/passwd')).rejects.toThrow(
      /ratesUrl must be an http:\/\/ or https:\/\/ URL, not file:/,
    );
    await expect(fetchEcbRates(database, 'http://rates.example.com/x.xml')).rejects.toThrow(
      /ratesUrl uses plain http:\/\/ to rates\.example\.com/,
    );
    saveRatesUrl(database, 'http://rates.example.com/x.xml', true);
    expect(ratesUrl(database)).toBe('http://rates.example.com/x.xml');
    expect(supplierKind('dujiao-next')).toBeTruthy();
  });
});
