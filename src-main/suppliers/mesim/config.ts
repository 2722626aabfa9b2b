import { z } from 'zod';
import { serviceUrlField } from '../../http/url-policy';
import { DUJIAO_RULE } from '../../http/budget-policy';
import { requestsPerMinuteField } from '../shared/requests-per-minute';

/** MeSIM runs Dujiao-Next's upstream protocol: one key pair, the same limit; only the defaults differ. */
export const mesimConfig = z.object({
  id: z.string().min(1),
  kind: z.literal('mesim'),
  name: z.string().optional(),
  /** The site root (https://mesimgo.com); the protocol path is appended, as MeSIM's doc says (a pasted API base is kept as it is). */
  baseUrl: serviceUrlField('baseUrl'),
  apiKey: z.string().min(1, 'apiKey is required'),
  apiSecret: z.string().min(1, 'apiSecret is required'),
  /**
   * Requests per 60 s window; at most and by default 60, the real server's limit per API key (then it blocks the key
   * for 30 s).
   */
  requestsPerMinute: requestsPerMinuteField(DUJIAO_RULE.maxRequests, DUJIAO_RULE.maxRequests),
});
export type MesimConfig = z.infer<typeof mesimConfig>;
