import { z } from 'zod';
import { serviceUrlField } from '../../http/url-policy';
import { DUJIAO_RULE } from '../../http/budget-policy';
import { requestsPerMinuteField } from '../shared/requests-per-minute';

export const dujiaoNextConfig = z.object({
  id: z.string().min(1),
  kind: z.literal('dujiao-next'),
  name: z.string().optional(),
  /** The site's upstream API base, e.g. https://shop.example.com/api/v1/upstream. */
  baseUrl: serviceUrlField('baseUrl'),
  apiKey: z.string().min(1, 'apiKey is required'),
  apiSecret: z.string().min(1, 'apiSecret is required'),
  /**
   * Requests per 60 s window; at most and by default 60, the real server's limit per API key (then it blocks the key
   * for 30 s).
   */
  requestsPerMinute: requestsPerMinuteField(DUJIAO_RULE.maxRequests, DUJIAO_RULE.maxRequests),
});
export type DujiaoNextConfig = z.infer<typeof dujiaoNextConfig>;

/** Accepts either the site root or the API base, since merchants paste both. */
export function dujiaoApiBase(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed.endsWith('/api/v1/upstream') ? trimmed : `${trimmed}/api/v1/upstream`;
}
