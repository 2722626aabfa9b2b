import { z } from 'zod';
import { isInsecureRemoteHttp } from '../../src-shared/insecure-http';

/**
 * The one rule for every URL the merchant gives us to send requests (and secrets) to: a supplier's baseUrl and the
 * exchange-rates URL. Pure (no Node modules), so the renderer's forms use the same test to show the warning.
 *
 * - Only http: and https:. file:, javascript:, ftp: … would have us read local files or hand a URL to something
 *   that is not an HTTP client.
 * - No `user:pass@`: nothing would send it (the transport drops it), yet it would be stored in clear in the
 *   connection's settings and shown back over the API.
 * - http: to anything but this machine sends signatures and secrets readable on the way: only with an explicit,
 *   per-URL opt-in (`allowInsecureHttp`, the rates URL's `ratesUrlAllowInsecureHttp`).
 */

export type UrlProblemCode = 'url.invalid' | 'url.scheme' | 'url.credentials' | 'url.insecureHttp';

export interface UrlProblem {
  code: UrlProblemCode;
  /** Always names the field; `scheme` or `host` where the code needs it. Never a secret (credentials are not echoed). */
  params: { field: string; scheme?: string; host?: string };
}

/** The setting that opts one connection into plain http: to a host other than this machine. */
export const INSECURE_HTTP_OPT_IN = 'allowInsecureHttp';

/** The shape of a URL on its own: parses, http(s), no user info. The insecure-http rule needs the opt-in: see below. */
export function urlShapeProblem(value: unknown, field: string): UrlProblem | null {
  if (typeof value !== 'string' || value.trim() === '') return { code: 'url.invalid', params: { field } };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { code: 'url.invalid', params: { field } };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { code: 'url.scheme', params: { field, scheme: url.protocol.replace(/:$/, '') } };
  if (url.hostname === '') return { code: 'url.invalid', params: { field } };
  if (url.username !== '' || url.password !== '') return { code: 'url.credentials', params: { field } };
  return null;
}

/** Every problem of a URL, the opt-in included. */
export function urlProblem(value: unknown, field: string, allowInsecureHttp: boolean): UrlProblem | null {
  const shape = urlShapeProblem(value, field);
  if (shape) return shape;
  if (!allowInsecureHttp && isInsecureRemoteHttp(value)) {
    return { code: 'url.insecureHttp', params: { field, host: new URL(String(value).trim()).hostname } };
  }
  return null;
}

/** The English wording, for the CLI and for config-file errors (the renderer words the code itself). */
export function urlProblemText(problem: UrlProblem, optInHint = `set "${INSECURE_HTTP_OPT_IN}": true`): string {
  const { field, scheme, host } = problem.params;
  switch (problem.code) {
    case 'url.invalid':
      return `${field} must be a full http(s) URL`;
    case 'url.scheme':
      return `${field} must be an http:// or https:// URL, not ${scheme}:`;
    case 'url.credentials':
      return `${field} must not hold a user name or password (user:pass@): put credentials in their own fields`;
    case 'url.insecureHttp':
      return `${field} uses plain http:// to ${host}, which sends requests and signatures unencrypted: use https://, or ${optInHint} to allow it`;
  }
}

/** Whether an opt-in value says yes: true, or "true" (connection settings are stored as strings). */
export function isOptedIn(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/**
 * The baseUrl field of every supplier kind's config schema: the URL's shape, reported as a coded issue (`params`
 * carries the code for the renderer, `message` the English for the CLI).
 */
export function serviceUrlField(field = 'baseUrl') {
  return z
    .string({ message: `${field} must be a full http(s) URL` })
    .trim()
    .superRefine((value, context) => {
      const problem = urlShapeProblem(value, field);
      if (problem) context.addIssue({ code: 'custom', message: urlProblemText(problem), params: { ...problem } });
    });
}

/**
 * The insecure-http rule over a whole connection (its baseUrl and its own opt-in): applied where connections are
 * loaded and saved (config file, connection service), since a field's schema cannot see its sibling.
 */
export function connectionUrlProblem(connection: Record<string, unknown>): UrlProblem | null {
  return urlProblem(connection.baseUrl, 'baseUrl', isOptedIn(connection[INSECURE_HTTP_OPT_IN]));
}
