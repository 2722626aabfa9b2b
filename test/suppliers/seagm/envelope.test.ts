import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../../src-main/http/transport';
import { SupplierError } from '../../../src-main/http/errors';
import { readEnvelope } from '../../../src-main/suppliers/seagm/envelope';
import { inEnglish } from '../../helpers/in-english';

const response = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers,
  text: typeof body === 'string' ? body : JSON.stringify(body),
  serverDate: null,
});

function failure(res: HttpResponse, secrets: string[] = []): SupplierError {
  try {
    readEnvelope(res, 'SEAGM GET /v1/me', secrets);
  } catch (error) {
    return error as SupplierError;
  }
  throw new Error('expected an error');
}

describe('SEAGM envelope', () => {
  it('returns data of a success', () => {
    expect(readEnvelope(response(200, { code: 200, msg: 'OK', data: [{ id: 1 }] }), 'x')).toEqual([{ id: 1 }]);
    expect(readEnvelope(response(200, { code: 200, data: 1499827319 }), 'x')).toBe(1499827319);
  });

  it('leads with info_message and names info_code (the doc example error)', () => {
    const error = failure(
      response(400, {
        code: 400,
        msg: 'Bad Request',
        error_info: { info_code: 20077, info_message: "Card type doesn't exist." },
      }),
    );
    expect(inEnglish(error.message)).toBe(
      "SEAGM GET /v1/me: Card type doesn't exist. (SEAGM 20077; HTTP 400 Bad Request)",
    );
    expect(error).toMatchObject({ code: '20077', httpStatus: 400, retryable: false });
  });

  it('reads the status from the body when the HTTP status says 200', () => {
    const error = failure(
      response(
        200,
        { code: 429, msg: 'Too Many Requests', error_info: { info_code: 10429, info_message: 'Too Many Requests' } },
        { 'retry-after': '2' },
      ),
    );
    expect(error).toMatchObject({ code: 'rate_limited', httpStatus: 429, retryable: true, retryAfterMs: 2000 });
    expect(inEnglish(error.message)).toContain('code 429');
    expect(failure(response(200, { code: 418 })).code).toBe('ip_banned');
  });

  it('treats 418 as a ban whatever the body says', () => {
    const error = failure(response(418, '<html>teapot</html>'));
    expect(error).toMatchObject({ code: 'ip_banned', httpStatus: 418, retryable: false });
    expect(inEnglish(error.message)).toMatch(/30 minutes to 3 days/);
  });

  it('never repeats a signature or the secret the upstream echoed', () => {
    const secret = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
    const signature = '6ffc56701e44ce8e31682d68a313d78c6797085d1dfe0c9b53c1a85d8259f0a5';
    const error = failure(
      response(409, {
        code: 409,
        msg: 'Invalid Signature',
        error_info: { info_code: 20038, info_message: `sign ${signature} for key ${secret} is invalid` },
      }),
      [secret],
    );
    expect(inEnglish(error.message)).toBe(
      'SEAGM GET /v1/me: sign [signature] for key [secret] is invalid (SEAGM 20038; HTTP 409 Invalid Signature)',
    );
  });

  it("says so when the answer is not SEAGM's envelope", () => {
    expect(inEnglish(failure(response(200, { ok: true })).message)).toMatch(/the answer has no “code”/);
    expect(inEnglish(failure(response(200, { code: 200, msg: 'OK' })).message)).toMatch(/the answer has no “data”/);
  });
});
