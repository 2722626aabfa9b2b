import type { SimRequest, SimResponse } from '../../shared/sim/server';

/* How the simulated FMS answers: its `{code, data, message}` envelope, or the Spring error page for unknown paths. */

export function envelope(code: number, data: unknown, message: string): SimResponse {
  return { status: 200, body: { code, data, message } };
}

/** What the Spring server in front answers for paths and methods it has no handler for. */
export function springError(status: number, error: string, req: SimRequest): SimResponse {
  return { status, body: { timestamp: new Date(req.now).toISOString(), status, error, path: req.path } };
}
