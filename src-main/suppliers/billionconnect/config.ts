import { isIP } from 'node:net';
import { z } from 'zod';
import { serviceUrlField } from '../../http/url-policy';
import { requestsPerMinuteField } from '../shared/requests-per-minute';
import { issueText } from '../../../src-shared/issue-codes';

export const INVOKE_PATH = '/Flow/saler/2.0/invoke';

/**
 * `host:port` for the local N009 receiver (a later issue). Only the shape is checked here, so a config
 * written today keeps loading when the receiver lands. IPv6 hosts are bracketed, as in a URL.
 */
export function isHostPort(value: string): boolean {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(value);
  if (!match) return false;
  const [, ipv6, host, portText] = match;
  const port = Number(portText);
  if (port < 1 || port > 65_535) return false;
  if (ipv6 !== undefined) return isIP(ipv6) === 6;
  if (/^[\d.]+$/.test(host)) return isIP(host) === 4;
  return host.split('.').every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

/** BillionConnect publishes no limits; a catalog is three trades, so a modest pace costs nothing. */
export const BILLIONCONNECT_DEFAULT_REQUESTS_PER_MINUTE = 120;

export const billionConnectConfig = z.object({
  id: z.string().min(1),
  kind: z.literal('billionconnect'),
  name: z.string().optional(),
  /** Host root (https://api-flow.billionconnect.com) or the full invoke URL; hosts differ between accounts. */
  baseUrl: serviceUrlField('baseUrl'),
  appKey: z.string().trim().min(1, 'appKey is required'),
  appSecret: z.string().min(1, 'appSecret is required'),
  /** Assigned per account by BillionConnect's sales rep; "5" (distribution) is what API resellers get. */
  salesMethod: z.string().regex(/^\d+$/, 'salesMethod is a number in a string, e.g. "5"').default('5'),
  notifyListen: z.string().refine(isHostPort, issueText('problem.hostPort')).optional(),
  /** Requests per minute at best (default 120; BillionConnect publishes no numbers): halved after a 429, recovered step by step. */
  requestsPerMinute: requestsPerMinuteField(BILLIONCONNECT_DEFAULT_REQUESTS_PER_MINUTE),
});
export type BillionConnectConfig = z.infer<typeof billionConnectConfig>;

/** Merchants paste either the host or the URL from the vendor's page; both lead to the one endpoint. */
export function invokeUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith(INVOKE_PATH) ? path : `${path}${INVOKE_PATH}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}
