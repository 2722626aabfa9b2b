import { adapterBudget, fixedWindowPolicy } from '../../http/budget-policy';
import type { SupplierKind } from '../adapter';
import { createDujiaoProtocolAdapter } from '../dujiao-next/adapter';
import { dujiaoApiBase } from '../dujiao-next/config';
import { mesimConfig, type MesimConfig } from './config';
import { startMesimSimulator } from './sim';

export const mesim: SupplierKind<MesimConfig> = {
  kind: 'mesim',
  label: 'MeSIM',
  configSchema: mesimConfig,
  secretFields: ['apiSecret'],
  create: (config, env) => {
    const apiBase = dujiaoApiBase(config.baseUrl);
    // Sync, orders and connection tests of one API key share the server's one counter, so they share one budget.
    const budget = adapterBudget(
      { kind: 'mesim', baseUrl: apiBase, account: config.apiKey },
      fixedWindowPolicy(config.requestsPerMinute, env?.budgetTuning),
      env?.budgetTuning,
    );
    return createDujiaoProtocolAdapter(
      { apiBase, apiKey: config.apiKey, apiSecret: config.apiSecret },
      {
        label: config.name ?? config.id,
        stockReporting: 'binary',
        maxQuantity: 1,
        fixedKind: 'esim',
        orderLookup: 'order_no',
      },
      { ...env, budget },
    );
  },
  startSimulator: (options) => startMesimSimulator(options),
  baseUrls: { production: 'https://mesimgo.com' },
};
