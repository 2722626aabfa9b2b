import type { SimResponse } from '../../shared/sim/server';

/* How the simulated SEAGM answers: the doc's `{code, msg, data}` envelope, with `error_info` when it refuses. */

/** `msg` for each status, from the doc's code table. */
export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Missing Required Parameter',
  408: 'Request Timeout',
  409: 'Invalid Signature',
  413: 'Request Entity Too Large',
  416: 'Stock Out',
  429: 'Too Many Requests',
  501: 'Not Implemented',
};

export interface Failure {
  status: number;
  infoCode: number;
  infoMessage: string;
}
export const failure = (status: number, infoCode: number, infoMessage: string): Failure => ({
  status,
  infoCode,
  infoMessage,
});

export function ok(data: unknown): SimResponse {
  return { status: 200, body: { code: 200, msg: 'OK', data } };
}

export function refuse(f: Failure, headers?: Record<string, string>): SimResponse {
  return {
    status: f.status,
    headers,
    body: {
      code: f.status,
      msg: STATUS_TEXT[f.status] ?? 'Error',
      error_info: { info_code: f.infoCode, info_message: f.infoMessage },
    },
  };
}
