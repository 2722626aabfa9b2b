import { z } from 'zod';
import { serviceUrlField } from '../../config/url-policy';
import { accountBudget, DUJIAO_RULE, fixedWindowPolicy } from '../../http/budget-policy';
import type { SupplierKind } from '../adapter';
import { requestsPerMinuteField } from '../shared/requests-per-minute';
import { dujiaoApiBase } from '../dujiao-next';
import { createDujiaoProtocolAdapter } from '../dujiao-next/adapter';
import { startMesimSimulator } from './sim';

export const mesimConfig = z.object({
  id: z.string().min(1),
  kind: z.literal('mesim'),
  name: z.string().optional(),
  /** The site root (https://mesimgo.com); the protocol path is appended, as MeSIM's doc says (a pasted API base is kept as it is). */
  baseUrl: serviceUrlField('baseUrl'),
  apiKey: z.string().min(1, 'apiKey is required'),
  apiSecret: z.string().min(1, 'apiSecret is required'),
  /** Requests per 60 s window; default 60, the real server's limit per API key (then it blocks the key for 30 s). */
  requestsPerMinute: requestsPerMinuteField(DUJIAO_RULE.maxRequests),
});
export type MesimConfig = z.infer<typeof mesimConfig>;

export const mesim: SupplierKind<MesimConfig> = {
  kind: 'mesim',
  label: 'MeSIM',
  configSchema: mesimConfig,
  secretFields: ['apiSecret'],
  create: (config, env) => {
    const apiBase = dujiaoApiBase(config.baseUrl);
    // Sync, orders and connection tests of one API key share the server's one counter, so they share one budget.
    const budget = accountBudget({ kind: 'mesim', baseUrl: apiBase, account: config.apiKey }, fixedWindowPolicy(config.requestsPerMinute, env?.budgetTuning), env?.budgetTuning);
    return createDujiaoProtocolAdapter(
      { apiBase, apiKey: config.apiKey, apiSecret: config.apiSecret },
      { label: config.name ?? config.id, stockReporting: 'binary', maxQuantity: 1, fixedKind: 'esim', orderLookup: 'order_no' },
      { ...env, budget });
  },
  startSimulator: (options) => startMesimSimulator(options),
  baseUrls: { production: 'https://mesimgo.com' },
};
