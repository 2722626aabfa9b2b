import { describe, expect, it } from 'vitest';
import { connectionFieldIssues } from '../../src-main/services/connection-issues';
import { supplierKind } from '../../src-main/suppliers/registry';
import {
  errorsForTouched,
  errorsWithMissing,
  splitServerErrors,
  withoutSecretValues,
} from '../../src-renderer/screens/suppliers/connection-form';

function issuesOf(kind: string, candidate: Record<string, unknown>): Record<string, string> {
  const parsed = supplierKind(kind)!.configSchema.safeParse({ id: 'x', kind, ...candidate });
  if (parsed.success) return {};
  return connectionFieldIssues(parsed.error, candidate);
}

describe("a connection's problems, as codes per field", () => {
  it('an empty field is "required", a wrong one "invalid", an address the URL rule\'s own code: never the schema\'s English', () => {
    expect(
      issuesOf('billionconnect', {
        baseUrl: 'api-flow',
        appKey: '  ',
        salesMethod: 'five',
        notifyListen: 'my computer',
      }),
    ).toEqual({
      baseUrl: 'baseUrl: @url.invalid?field=baseUrl',
      appKey: 'appKey: @field.required',
      appSecret: 'appSecret: @field.required',
      salesMethod: 'salesMethod: @field.invalid',
      notifyListen: 'notifyListen: @field.invalid',
    });
    expect(
      issuesOf('seagm', { baseUrl: 'https://openapi.seagm.io/', uid: 'abc', secretKey: 's', requestsPerMinute: '0' }),
    ).toEqual({ uid: 'uid: @field.invalid', requestsPerMinute: 'requestsPerMinute: @field.invalid' });
    expect(issuesOf('dujiao-next', { baseUrl: 'https://shop.example.com', apiKey: 'k', apiSecret: 's' })).toEqual({});
  });

  it('a Dujiao-Next or MeSIM pace above the server\'s 60 a minute is "too big", with the most it may be', () => {
    const connection = { baseUrl: 'https://shop.example.com', apiKey: 'k', apiSecret: 's' };
    for (const kind of ['dujiao-next', 'mesim']) {
      expect(issuesOf(kind, { ...connection, requestsPerMinute: '61' })).toEqual({
        requestsPerMinute: 'requestsPerMinute: @field.tooBig?max=60',
      });
      expect(issuesOf(kind, { ...connection, requestsPerMinute: '60' })).toEqual({});
    }
    // SEAGM publishes no limit: a merchant who knows better may go faster.
    expect(
      issuesOf('seagm', { baseUrl: 'https://openapi.seagm.io/', uid: '1', secretKey: 's', requestsPerMinute: '600' }),
    ).toEqual({});
  });
});

describe("the supplier form's handling of those codes", () => {
  it('puts each part beside its field, whole, and keeps the rest for the form', () => {
    expect(
      splitServerErrors(
        'baseUrl: @url.invalid?field=baseUrl; apiKey: @field.required; connection "x" is a seagm connection',
        ['baseUrl', 'apiKey'],
      ),
    ).toEqual({
      fields: { baseUrl: 'baseUrl: @url.invalid?field=baseUrl', apiKey: 'apiKey: @field.required' },
      general: 'connection "x" is a seagm connection',
    });
  });

  it('shows only the fields already left', () => {
    expect(
      errorsForTouched({ baseUrl: 'baseUrl: @url.invalid', apiKey: 'apiKey: @field.required' }, new Set(['baseUrl'])),
    ).toEqual({ baseUrl: 'baseUrl: @url.invalid' });
  });

  it('Save with empty required fields marks them, and keeps what a field left earlier already shows', () => {
    // A pace refused on blur, a field since edited (its message emptied), then Save with the name and key empty.
    expect(
      errorsWithMissing(
        { requestsPerMinute: 'requestsPerMinute: @field.tooBig?max=60', baseUrl: '', apiKey: 'apiKey: @field.invalid' },
        ['name', 'apiKey'],
      ),
    ).toEqual({
      requestsPerMinute: 'requestsPerMinute: @field.tooBig?max=60',
      name: 'name: @field.required',
      apiKey: 'apiKey: @field.required',
    });
  });

  it('a check on blur says whether a secret is typed, never what it is', () => {
    const input = {
      kind: 'dujiao-next',
      name: 'x',
      settings: { baseUrl: 'https://a.example' },
      secrets: { apiSecret: 'the-real-secret' },
    };
    expect(withoutSecretValues(input)).toEqual({ ...input, secrets: { apiSecret: 'typed' } });
    expect(JSON.stringify(withoutSecretValues(input))).not.toContain('the-real-secret');
  });
});
