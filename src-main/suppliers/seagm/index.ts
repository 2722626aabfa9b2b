import { adapterBudget } from '../../http/budget-policy';
import type { SupplierKind } from '../adapter';
import { createSeagmAdapter } from './adapter';
import { seagmBudgetPolicy } from './client';
import { seagmApiRoot, seagmConfig, type SeagmConfig } from './config';
import { startSeagmSimulator } from './sim';

export const seagm: SupplierKind<SeagmConfig> = {
  kind: 'seagm',
  label: 'SEAGM',
  configSchema: seagmConfig,
  secretFields: ['secretKey'],
  baseUrls: { production: 'https://openapi.seagm.com/', sandbox: 'https://openapi.seagm.io/' },
  create: (config, env) => {
    const apiRoot = seagmApiRoot(config.baseUrl);
    const budget = adapterBudget(
      { kind: 'seagm', baseUrl: apiRoot, account: config.uid },
      seagmBudgetPolicy(config.requestsPerMinute, env),
      env?.budgetTuning,
    );
    const adapter = createSeagmAdapter(
      { apiRoot, uid: config.uid, secretKey: config.secretKey, label: config.name ?? config.id },
      { ...env, budget },
    );
    return { ...adapter, budget };
  },
  startSimulator: (options) => startSeagmSimulator(options),
};
