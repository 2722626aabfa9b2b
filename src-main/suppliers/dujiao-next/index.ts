import { adapterBudget, fixedWindowPolicy } from '../../http/budget-policy';
import type { SupplierKind } from '../adapter';
import { createDujiaoProtocolAdapter } from './adapter';
import { dujiaoApiBase, dujiaoNextConfig, type DujiaoNextConfig } from './config';
import { startDujiaoSimulator } from './sim';

export const dujiaoNext: SupplierKind<DujiaoNextConfig> = {
  kind: 'dujiao-next',
  label: 'Dujiao-Next',
  configSchema: dujiaoNextConfig,
  secretFields: ['apiSecret'],
  create: (config, env) => {
    const apiBase = dujiaoApiBase(config.baseUrl);
    // Sync, orders and connection tests of one API key share the server's one counter, so they share one budget.
    const budget = adapterBudget(
      { kind: 'dujiao-next', baseUrl: apiBase, account: config.apiKey },
      fixedWindowPolicy(config.requestsPerMinute, env?.budgetTuning),
      env?.budgetTuning,
    );
    return createDujiaoProtocolAdapter(
      { apiBase, apiKey: config.apiKey, apiSecret: config.apiSecret },
      { label: config.name ?? config.id, stockReporting: 'quantity', maxQuantity: null },
      { ...env, budget },
    );
  },
  startSimulator: (options) => startDujiaoSimulator(options),
};
