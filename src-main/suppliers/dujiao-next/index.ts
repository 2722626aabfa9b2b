import { z } from 'zod';
import { serviceUrlField } from '../../config/url-policy';
import { accountBudget, DUJIAO_RULE, fixedWindowPolicy } from '../../http/budget-policy';
import type { SupplierKind } from '../adapter';
import { requestsPerMinuteField } from '../shared/requests-per-minute';
import { createDujiaoProtocolAdapter } from './adapter';
import { startDujiaoSimulator } from './sim';

export const dujiaoNextConfig = z.object({
  id: z.string().min(1),
  kind: z.literal('dujiao-next'),
  name: z.string().optional(),
  /** The site's upstream API base, e.g. https://shop.example.com/api/v1/upstream. */
  baseUrl: serviceUrlField('baseUrl'),
  apiKey: z.string().min(1, 'apiKey is required'),
  apiSecret: z.string().min(1, 'apiSecret is required'),
  /** Requests per 60 s window; default 60, the real server's limit per API key (then it blocks the key for 30 s). */
  requestsPerMinute: requestsPerMinuteField(DUJIAO_RULE.maxRequests),
});
export type DujiaoNextConfig = z.infer<typeof dujiaoNextConfig>;

/** Accepts either the site root or the API base, since merchants paste both. */
export function dujiaoApiBase(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed.endsWith('/api/v1/upstream') ? trimmed : `${trimmed}/api/v1/upstream`;
}

export const dujiaoNext: SupplierKind<DujiaoNextConfig> = {
  kind: 'dujiao-next',
  label: 'Dujiao-Next',
  configSchema: dujiaoNextConfig,
  secretFields: ['apiSecret'],
  create: (config, env) => {
    const apiBase = dujiaoApiBase(config.baseUrl);
    // Sync, orders and connection tests of one API key share the server's one counter, so they share one budget.
    const budget = accountBudget({ kind: 'dujiao-next', baseUrl: apiBase, account: config.apiKey }, fixedWindowPolicy(config.requestsPerMinute, env?.budgetTuning), env?.budgetTuning);
    return createDujiaoProtocolAdapter(
      { apiBase, apiKey: config.apiKey, apiSecret: config.apiSecret },
      { label: config.name ?? config.id, stockReporting: 'quantity', maxQuantity: null },
      { ...env, budget });
  },
  startSimulator: (options) => startDujiaoSimulator(options),
};
