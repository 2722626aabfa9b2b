import { z } from 'zod';
import type { SupplierKind } from '../adapter';
import { createDujiaoProtocolAdapter } from './adapter';
import { startDujiaoSimulator } from './simulator';

export const dujiaoNextConfig = z.object({
  id: z.string().min(1),
  kind: z.literal('dujiao-next'),
  name: z.string().optional(),
  /** The site's upstream API base, e.g. https://shop.example.com/api/v1/upstream. */
  baseUrl: z.url({ message: 'baseUrl must be a full http(s) URL' }),
  apiKey: z.string().min(1, 'apiKey is required'),
  apiSecret: z.string().min(1, 'apiSecret is required'),
});
export type DujiaoNextConfig = z.infer<typeof dujiaoNextConfig>;

/** Accepts either the site root or the API base, since merchants paste both. */
export function dujiaoApiBase(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed.endsWith('/api/v1/upstream') ? trimmed : `${trimmed}/api/v1/upstream`;
}

export const dujiaoNext: SupplierKind<DujiaoNextConfig> = {
  kind: 'dujiao-next',
  label: 'Dujiao-Next',
  configSchema: dujiaoNextConfig,
  secretFields: ['apiSecret'],
  create: (config, env) => createDujiaoProtocolAdapter(
    { apiBase: dujiaoApiBase(config.baseUrl), apiKey: config.apiKey, apiSecret: config.apiSecret },
    { label: config.name ?? config.id, stockReporting: 'quantity', maxQuantity: null },
    env),
  startSimulator: (options) => startDujiaoSimulator(options),
};
