import { z } from 'zod';
import { serviceUrlField } from '../../config/url-policy';
import { accountBudget } from '../../http/budget-policy';
import type { SupplierKind } from '../adapter';
import { isoCurrency } from '../shared/decimal-schema';
import { requestsPerMinuteField } from '../shared/requests-per-minute';
import { LINKSFIELD_DEFAULT_REQUESTS_PER_MINUTE, linksfieldBudgetPolicy } from './client';
import { createLinksfieldAdapter } from './adapter';
import { startLinksfieldSimulator } from './sim';

export const linksfieldConfig = z.object({
  id: z.string().min(1),
  kind: z.literal('linksfield'),
  name: z.string().optional(),
  /** The FMS API host Linksfield gives the partner; its production host is not public. */
  baseUrl: serviceUrlField('baseUrl'),
  partnerCode: z.string().trim().regex(/^P\d{6}$/i, "partnerCode is 'P' followed by 6 digits, e.g. P001101").transform((code) => code.toUpperCase()),
  email: z.email({ message: 'email must be the FMS login email' }),
  password: z.string().min(1, 'password is required'),
  /** Each package is priced in several currencies; this one becomes the cost. */
  currency: isoCurrency.default('USD'),
  /** Requests per minute at best (default 600; Linksfield publishes no numbers): halved after a 429, recovered step by step. */
  requestsPerMinute: requestsPerMinuteField(LINKSFIELD_DEFAULT_REQUESTS_PER_MINUTE),
});
export type LinksfieldConfig = z.infer<typeof linksfieldConfig>;

export const linksfield: SupplierKind<LinksfieldConfig> = {
  kind: 'linksfield',
  label: 'Linksfield',
  configSchema: linksfieldConfig,
  secretFields: ['password'],
  create: (config, env) => {
    const account = `${config.partnerCode}\n${config.email.toLowerCase()}`;
    const budget = accountBudget({ kind: 'linksfield', baseUrl: config.baseUrl, account }, linksfieldBudgetPolicy(config.requestsPerMinute, env), env?.budgetTuning);
    const adapter = createLinksfieldAdapter(
      { baseUrl: config.baseUrl, partnerCode: config.partnerCode, email: config.email, password: config.password, currency: config.currency ?? 'USD' },
      config.name ?? config.id,
      { ...env, budget });
    return { ...adapter, budget };
  },
  startSimulator: (options) => startLinksfieldSimulator(options),
};
