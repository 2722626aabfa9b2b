import type { SupplierKind } from '../adapter';
import { createBillionConnectAdapter } from './adapter';
import { billionConnectConfig, type BillionConnectConfig } from './config';
import { startBillionConnectSimulator } from './simulator';

export { billionConnectConfig, type BillionConnectConfig } from './config';

export const billionconnect: SupplierKind<BillionConnectConfig> = {
  kind: 'billionconnect',
  label: 'BillionConnect',
  configSchema: billionConnectConfig,
  secretFields: ['appSecret'],
  create: (config, env) => createBillionConnectAdapter(config, env),
  startSimulator: (options) => startBillionConnectSimulator(options),
};
