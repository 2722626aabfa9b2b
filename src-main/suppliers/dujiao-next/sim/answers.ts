import type { SimResponse } from '../../shared/sim/server';

/** A refusal as the real server words it: its HTTP status, error_code and error_message. */
export interface Fail {
  status: number;
  code: string;
  message: string;
}

export const fail = (status: number, code: string, message: string): Fail => ({ status, code, message });

export function respond(status: number, body: unknown): SimResponse {
  return { status, body };
}

export function error(e: Fail, extra: Record<string, unknown> = {}): SimResponse {
  return respond(e.status, { ok: false, error_code: e.code, error_message: e.message, ...extra });
}
