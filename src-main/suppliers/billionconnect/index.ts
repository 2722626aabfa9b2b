import { adapterBudget } from '../../http/budget-policy';
import type { SupplierKind } from '../adapter';
import { createBillionConnectAdapter } from './adapter';
import { billionConnectBudgetPolicy } from './client';
import { billionConnectConfig, invokeUrl, type BillionConnectConfig } from './config';
import { startBillionConnectSimulator } from './sim';

export const billionconnect: SupplierKind<BillionConnectConfig> = {
  kind: 'billionconnect',
  label: 'BillionConnect',
  configSchema: billionConnectConfig,
  secretFields: ['appSecret'],
  create: (config, env) => {
    const budget = adapterBudget(
      { kind: 'billionconnect', baseUrl: invokeUrl(config.baseUrl), account: config.appKey },
      billionConnectBudgetPolicy(config.requestsPerMinute, env),
      env?.budgetTuning,
    );
    return { ...createBillionConnectAdapter(config, { ...env, budget }), budget };
  },
  startSimulator: (options) => startBillionConnectSimulator(options),
  // Published in the vendor's integration guide; the client appends /Flow/saler/2.0/invoke.
  baseUrls: { production: 'https://api-flow.billionconnect.com', sandbox: 'https://api-flow-ts.billionconnect.com' },
};
