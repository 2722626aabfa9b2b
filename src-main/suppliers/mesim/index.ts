import { z } from 'zod';
import type { SupplierKind } from '../adapter';
import { dujiaoApiBase } from '../dujiao-next';
import { createDujiaoProtocolAdapter } from '../dujiao-next/adapter';
import { startMesimSimulator } from './simulator';

export const mesimConfig = z.object({
  id: z.string().min(1),
  kind: z.literal('mesim'),
  name: z.string().optional(),
  /** The site root (https://mesimgo.com); the protocol path is appended, as MeSIM's doc says (a pasted API base is kept as it is). */
  baseUrl: z.url({ message: 'baseUrl must be a full http(s) URL' }),
  apiKey: z.string().min(1, 'apiKey is required'),
  apiSecret: z.string().min(1, 'apiSecret is required'),
});
export type MesimConfig = z.infer<typeof mesimConfig>;

export const mesim: SupplierKind<MesimConfig> = {
  kind: 'mesim',
  label: 'MeSIM',
  configSchema: mesimConfig,
  secretFields: ['apiSecret'],
  create: (config, env) => createDujiaoProtocolAdapter(
    { apiBase: dujiaoApiBase(config.baseUrl), apiKey: config.apiKey, apiSecret: config.apiSecret },
    { label: config.name ?? config.id, stockReporting: 'binary', maxQuantity: 1, fixedKind: 'esim', orderLookup: 'order_no' },
    env),
  startSimulator: (options) => startMesimSimulator(options),
  baseUrls: { production: 'https://mesimgo.com' },
};
