import { z } from 'zod';
import { serviceUrlField } from '../../config/url-policy';
import { accountBudget } from '../../http/budget-policy';
import type { SupplierKind } from '../adapter';
import { requestsPerMinuteField } from '../shared/requests-per-minute';
import { createSeagmAdapter } from './adapter';
import { SEAGM_DEFAULT_REQUESTS_PER_MINUTE, seagmBudgetPolicy } from './client';
import { startSeagmSimulator } from './sim';

export const seagmConfig = z.object({
  id: z.string().min(1),
  kind: z.literal('seagm'),
  name: z.string().optional(),
  /** https://openapi.seagm.com/ (live) or https://openapi.seagm.io/ (sandbox). */
  baseUrl: serviceUrlField('baseUrl'),
  /** SEAGM's numeric user id; JSON configs may hold it as a number. */
  uid: z.union([z.string().trim().regex(/^\d+$/, 'uid must be the numeric SEAGM user id'), z.number().int().positive()]).transform(String),
  secretKey: z.string().min(1, 'secretKey is required'),
  /** Requests per minute at best (default 300; SEAGM publishes no numbers): the pace halves after a 429 and recovers step by step. */
  requestsPerMinute: requestsPerMinuteField(SEAGM_DEFAULT_REQUESTS_PER_MINUTE),
});
export type SeagmConfig = z.infer<typeof seagmConfig>;

/** Accepts the API root with or without a trailing slash or /v1, since merchants paste all three. */
export function seagmApiRoot(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '').replace(/\/v1$/, '');
}

export const seagm: SupplierKind<SeagmConfig> = {
  kind: 'seagm',
  label: 'SEAGM',
  configSchema: seagmConfig,
  secretFields: ['secretKey'],
  baseUrls: { production: 'https://openapi.seagm.com/', sandbox: 'https://openapi.seagm.io/' },
  create: (config, env) => {
    const apiRoot = seagmApiRoot(config.baseUrl);
    const budget = accountBudget({ kind: 'seagm', baseUrl: apiRoot, account: config.uid }, seagmBudgetPolicy(config.requestsPerMinute, env), env?.budgetTuning);
    const adapter = createSeagmAdapter({ apiRoot, uid: config.uid, secretKey: config.secretKey, label: config.name ?? config.id }, { ...env, budget });
    return { ...adapter, budget };
  },
  startSimulator: (options) => startSeagmSimulator(options),
};
