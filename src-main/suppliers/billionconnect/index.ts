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
  // Published in the vendor's integration guide; the client appends /Flow/saler/2.0/invoke.
  baseUrls: { production: 'https://api-flow.billionconnect.com', sandbox: 'https://api-flow-ts.billionconnect.com' },
};
