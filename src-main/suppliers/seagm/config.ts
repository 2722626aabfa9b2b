import { z } from 'zod';
import { serviceUrlField } from '../../http/url-policy';
import { requestsPerMinuteField } from '../shared/requests-per-minute';

/** SEAGM publishes no numbers; this pace walks a catalog in well under a minute and stays clear of bans. */
export const SEAGM_DEFAULT_REQUESTS_PER_MINUTE = 300;

export const seagmConfig = z.object({
  id: z.string().min(1),
  kind: z.literal('seagm'),
  name: z.string().optional(),
  /** https://openapi.seagm.com/ (live) or https://openapi.seagm.io/ (sandbox). */
  baseUrl: serviceUrlField('baseUrl'),
  /** SEAGM's numeric user id; JSON configs may hold it as a number. */
  uid: z
    .union([z.string().trim().regex(/^\d+$/, 'uid must be the numeric SEAGM user id'), z.number().int().positive()])
    .transform(String),
  secretKey: z.string().min(1, 'secretKey is required'),
  /** Requests per minute at best (default 300; SEAGM publishes no numbers): the pace halves after a 429 and recovers step by step. */
  requestsPerMinute: requestsPerMinuteField(SEAGM_DEFAULT_REQUESTS_PER_MINUTE),
});
export type SeagmConfig = z.infer<typeof seagmConfig>;

/** Accepts the API root with or without a trailing slash or /v1, since merchants paste all three. */
export function seagmApiRoot(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '').replace(/\/v1$/, '');
}
