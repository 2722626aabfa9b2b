import { z } from 'zod';
import { serviceUrlField } from '../../http/url-policy';
import { isoCurrency } from '../shared/decimal-schema';
import { requestsPerMinuteField } from '../shared/requests-per-minute';

/** Linksfield publishes no limits; a catalog walk asks for every package's detail, so the pace is the generous one. */
export const LINKSFIELD_DEFAULT_REQUESTS_PER_MINUTE = 600;

export const linksfieldConfig = z.object({
  id: z.string().min(1),
  kind: z.literal('linksfield'),
  name: z.string().optional(),
  /** The FMS API host Linksfield gives the partner; its production host is not public. */
  baseUrl: serviceUrlField('baseUrl'),
  partnerCode: z
    .string()
    .trim()
    .regex(/^P\d{6}$/i, "partnerCode is 'P' followed by 6 digits, e.g. P001101")
    .transform((code) => code.toUpperCase()),
  email: z.email({ message: 'email must be the FMS login email' }),
  password: z.string().min(1, 'password is required'),
  /** Each package is priced in several currencies; this one becomes the cost. */
  currency: isoCurrency.default('USD'),
  /** Requests per minute at best (default 600; Linksfield publishes no numbers): halved after a 429, recovered step by step. */
  requestsPerMinute: requestsPerMinuteField(LINKSFIELD_DEFAULT_REQUESTS_PER_MINUTE),
});
export type LinksfieldConfig = z.infer<typeof linksfieldConfig>;
