import { adapterBudget } from '../../http/budget-policy';
import type { SupplierKind } from '../adapter';
import { createLinksfieldAdapter } from './adapter';
import { linksfieldBudgetPolicy } from './client';
import { linksfieldConfig, type LinksfieldConfig } from './config';
import { startLinksfieldSimulator } from './sim';

export const linksfield: SupplierKind<LinksfieldConfig> = {
  kind: 'linksfield',
  label: 'Linksfield',
  configSchema: linksfieldConfig,
  secretFields: ['password'],
  create: (config, env) => {
    const account = `${config.partnerCode}\n${config.email.toLowerCase()}`;
    const budget = adapterBudget(
      { kind: 'linksfield', baseUrl: config.baseUrl, account },
      linksfieldBudgetPolicy(config.requestsPerMinute, env),
      env?.budgetTuning,
    );
    const adapter = createLinksfieldAdapter(
      {
        baseUrl: config.baseUrl,
        partnerCode: config.partnerCode,
        email: config.email,
        password: config.password,
        currency: config.currency ?? 'USD',
      },
      config.name ?? config.id,
      { ...env, budget },
    );
    return { ...adapter, budget };
  },
  startSimulator: (options) => startLinksfieldSimulator(options),
};
