import { createHash } from 'node:crypto';
import type { RunningSimulator, SimulatorOptions } from '../../adapter';
import { runningSimulator } from '../../shared/sim/running';
import { withRateLimitStats } from './rate-limit';
import { dujiaoCatalogAt } from './seed';
import { startProtocolSimulator, type ProtocolSimulator } from './server';

export const DUJIAO_DEMO_SEED = 20260301;

export interface DujiaoSimulator extends RunningSimulator {
  server: ProtocolSimulator;
  /** Blocks the real server's rate limiter triggered: the benchmark proves a paced sync causes none. */
  rateLimitStats(): { blocks: number; refused: number };
}

/** Demo credentials in the real format (64-hex key, 128-hex secret), derived from a label so they are stable. */
export function demoCredentials(label: string): { apiKey: string; apiSecret: string } {
  const apiKey = createHash('sha256').update(`supplygrid-demo-key:${label}`).digest('hex');
  const apiSecret = createHash('sha512').update(`supplygrid-demo-secret:${label}`).digest('hex');
  return { apiKey, apiSecret };
}

/** A Dujiao-Next site: CNY, page size capped at 50, counted stock, orders delivered after one poll. */
export async function startDujiaoSimulator(options: SimulatorOptions = {}): Promise<DujiaoSimulator> {
  const credentials = demoCredentials('dujiao-next');
  const seed = options.seed ?? DUJIAO_DEMO_SEED;
  const server = await startProtocolSimulator({
    catalogAt: (generation) => dujiaoCatalogAt(seed, generation, options.size, options.churn),
    flavor: {
      siteName: 'Demo Dujiao-Next Wholesale',
      currency: 'CNY',
      pathPrefix: '/api/v1/upstream',
      pageSizeCap: 50,
      binaryStock: false,
      maxQuantity: null,
      requireDownstreamOrderNo: false,
      orderLookup: 'id',
      pollsUntilDelivered: 1,
      cancelAllowed: true,
    },
    accounts: [{ ...credentials, active: true, userDisabled: false, balance: '5000.00' }],
    generation: options.generation,
    host: options.host,
    port: options.port,
    rateLimit: options.rateLimit,
  });
  return withRateLimitStats(
    server,
    runningSimulator(server, {
      id: 'demo-dujiao',
      kind: 'dujiao-next',
      baseUrl: `${server.baseUrl}/api/v1/upstream`,
      ...credentials,
    }),
  );
}
